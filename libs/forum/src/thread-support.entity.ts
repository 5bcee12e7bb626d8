import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { ForumThread } from './forum-thread.entity';

/** One support per user and thread: the primary key, not an `if`, keeps the rule. */
@Entity({ tableName: 'forum_thread_supports' })
export class ThreadSupport {
  @ManyToOne(() => ForumThread, { primary: true, ref: true, deleteRule: 'cascade' })
  thread!: Ref<ForumThread>;

  @Index()
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
