import { Entity, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { NotificationType } from '@balai/contracts';
import { newId } from '@balai/database';

/**
 * One notification for one person, written in their language when it was made. `(user_id,
 * dedupe_key)` is unique: the same event delivered twice notifies once.
 */
@Entity({ tableName: 'notifications' })
@Unique({ properties: ['userId', 'dedupeKey'] })
@Index({ properties: ['userId', 'id'] })
export class Notification {
  /** UUIDv7: ordering by id is ordering by time. */
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  /** A user id (identity owns the users table). */
  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'string', length: 40 })
  type!: NotificationType;

  /** What event this is about, e.g. `progress:<change id>`: one notification per event and person. */
  @Property({ type: 'string', length: 200 })
  dedupeKey!: string;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  /** A path of the web app. */
  @Property({ type: 'string', length: 500 })
  link!: string;

  @Property({ type: 'string', length: 40 })
  subjectType!: string;

  @Property({ type: 'uuid' })
  subjectId!: string;

  @Property({ type: 'datetime', nullable: true })
  readAt: Opt<Date> | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
