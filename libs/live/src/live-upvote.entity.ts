import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** One upvote per participant and question: the primary key keeps it, under any concurrency. */
@Entity({ tableName: 'live_upvotes' })
@Index({ properties: ['sessionId', 'userId'] })
export class LiveUpvote {
  @PrimaryKey({ type: 'uuid' })
  questionId!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  sessionId!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
