import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '@balai/database';
import type { ModeratedTargetType } from './moderation.events';

/** The moderation log: who did what to what, when and why (`GET /moderation/log`). */
@Entity({ tableName: 'moderation_actions' })
@Index({ properties: ['targetType', 'targetId'] })
export class ModerationActionEntry {
  /** UUIDv7: ordering by id is ordering by time. */
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 32 })
  action!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  reasonCode: string | null = null;

  @Property({ type: 'string', length: 1000, nullable: true })
  note: string | null = null;

  @Property({ type: 'uuid' })
  moderatorId!: string;

  /** The moderator's display name when acting (from the token: no join with identity's table). */
  @Property({ type: 'string', length: 60 })
  moderatorName!: string;

  @Property({ type: 'string', length: 16 })
  targetType!: ModeratedTargetType;

  @Property({ type: 'uuid' })
  targetId!: string;

  @Property({ type: 'uuid', nullable: true })
  itemId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  sessionId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  consultationId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  notifyUserId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
