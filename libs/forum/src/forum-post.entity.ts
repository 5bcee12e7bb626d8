import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { FORUM_STATUSES, ForumStatus } from '@balai/contracts';
import { newId } from '@balai/database';
import { ForumThread } from './forum-thread.entity';

@Entity({ tableName: 'forum_posts' })
@Index({ properties: ['thread', 'status', 'id'] })
export class ForumPost {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @ManyToOne(() => ForumThread, { ref: true, deleteRule: 'cascade' })
  thread!: Ref<ForumThread>;

  /** Markdown, stored as written. */
  @Property({ type: 'text' })
  body!: string;

  @Index()
  @Property({ type: 'uuid' })
  authorId!: string;

  /**
   * The author's display name when writing, from the access token: lists need no lookup in
   * another domain's table (display names cannot change today; a rename event would update it).
   */
  @Property({ type: 'string', length: 60 })
  authorName!: string;

  /** The author was an official (or higher) when writing. */
  @Property({ type: 'boolean', default: false })
  official: Opt<boolean> = false;

  @Enum({ items: () => [...FORUM_STATUSES], nativeEnumName: 'forum_status', default: 'visible' })
  status: Opt<ForumStatus> = 'visible';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  editedAt: Opt<Date> | null = null;
}
