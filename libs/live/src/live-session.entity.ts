import { Entity, Enum, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LIVE_SESSION_STATUSES, LiveSessionStatus } from '@balai/contracts';
import { newId } from '@balai/database';

@Entity({ tableName: 'live_sessions' })
export class LiveSession {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  /** The join code: 6 characters from JOIN_CODE_ALPHABET. */
  @Unique()
  @Property({ type: 'string', length: 6 })
  code!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  consultationId: string | null = null;

  @Enum({ items: () => [...LIVE_SESSION_STATUSES], nativeEnumName: 'live_session_status' })
  status: Opt<LiveSessionStatus> = 'scheduled';

  @Property({ type: 'boolean' })
  preModeration: Opt<boolean> = true;

  @Property({ type: 'boolean' })
  allowAnonymous: Opt<boolean> = true;

  @Property({ type: 'uuid' })
  createdBy!: string;

  /** The one question on screen in the hall, or null. */
  @Property({ type: 'uuid', nullable: true })
  onScreenQuestionId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;
}

/** What a view of a session needs: an entity, or a plain row read without the entity manager. */
export type LiveSessionFields = Pick<
  LiveSession,
  | 'id'
  | 'code'
  | 'title'
  | 'status'
  | 'preModeration'
  | 'allowAnonymous'
  | 'consultationId'
  | 'onScreenQuestionId'
  | 'createdAt'
  | 'startedAt'
  | 'endedAt'
>;
