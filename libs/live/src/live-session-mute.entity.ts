import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** A participant muted in one session by a moderator: their asks are refused until `until` or the lifting. */
@Entity({ tableName: 'live_session_mutes' })
export class LiveSessionMute {
  @PrimaryKey({ type: 'uuid' })
  sessionId!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** null: until a moderator lifts it. */
  @Property({ type: 'datetime', nullable: true })
  until: Date | null = null;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  @Property({ type: 'uuid' })
  mutedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
