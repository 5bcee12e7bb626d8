import { Entity, Enum, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { QUESTION_SOURCES, QUESTION_STATUSES, QuestionSource, QuestionStatus } from '@balai/contracts';
import { newId } from '@balai/database';

@Entity({ tableName: 'live_questions' })
@Unique({ properties: ['sessionId', 'authorId', 'clientRequestId'] })
@Index({ properties: ['sessionId', 'status'] })
export class LiveQuestion {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @Property({ type: 'uuid' })
  sessionId!: string;

  @Property({ type: 'uuid' })
  authorId!: string;

  /** The author's display name when asking (tokens carry it; no join with identity's table). */
  @Property({ type: 'string', length: 60 })
  authorName!: string;

  @Property({ type: 'boolean' })
  anonymous: Opt<boolean> = false;

  @Property({ type: 'string', length: 64 })
  clientRequestId!: string;

  @Property({ type: 'text' })
  text!: string;

  @Enum({ items: () => [...QUESTION_STATUSES], nativeEnumName: 'live_question_status' })
  status!: QuestionStatus;

  /** Kept by the vote group commit from the rows it inserted or deleted: never a hot row per vote. */
  @Property({ type: 'integer', default: 0 })
  upvotes: Opt<number> = 0;

  /**
   * Bumped with every change of `upvotes`, under the same row lock: of two counter values, the one
   * with the higher version is the newer, whichever process announced it first.
   */
  @Property({ type: 'integer', default: 0 })
  upvotesVersion: Opt<number> = 0;

  @Property({ type: 'string', length: 500, nullable: true })
  rejectionReason: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  /** `app`, or a question a moderator entered for the hall (`hall`: asked aloud, `card`: on paper). */
  @Enum({ items: () => [...QUESTION_SOURCES], nativeEnumName: 'live_question_source', default: 'app' })
  source: Opt<QuestionSource> = 'app';

  /** A `merged` question's target: its upvoters count on that one. */
  @Property({ type: 'uuid', nullable: true })
  mergedInto: Opt<string> | null = null;
}

/** What a view of a question needs: an entity, or a plain row read without the entity manager. */
export type LiveQuestionFields = Pick<
  LiveQuestion,
  | 'id'
  | 'sessionId'
  | 'authorId'
  | 'authorName'
  | 'anonymous'
  | 'text'
  | 'status'
  | 'upvotes'
  | 'rejectionReason'
  | 'createdAt'
  | 'source'
  | 'mergedInto'
>;
