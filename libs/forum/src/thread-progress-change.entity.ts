import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { PROGRESS_STATES, ProgressState } from '@balai/contracts';
import { newId } from '@balai/database';
import { ForumThread } from './forum-thread.entity';

/** One change of an idea's or a complaint's progress, kept for its public history. */
@Entity({ tableName: 'forum_thread_progress' })
@Index({ properties: ['thread', 'id'] })
export class ThreadProgressChange {
  /** UUIDv7: ordering by id is ordering by time. */
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @ManyToOne({ entity: () => ForumThread, mapToPk: true, deleteRule: 'cascade' })
  thread!: string;

  @Enum({ items: () => [...PROGRESS_STATES], nativeEnumName: 'forum_progress_state' })
  state!: ProgressState;

  @Property({ type: 'string', length: 2000, nullable: true })
  note: string | null = null;

  /** The official who made the change (identity owns the users table: a plain id). */
  @Property({ type: 'uuid' })
  byId!: string;

  /** The official's display name when changing it, from the access token. */
  @Property({ type: 'string', length: 60 })
  byName!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Opt<Date> = new Date();
}
