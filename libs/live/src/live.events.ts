import type { LiveSessionView, ModerationAction, QuestionStatus } from '@balai/contracts';
import type { LiveQuestionFields } from './live-question.entity';

/**
 * What the live domain announces, on the typed bus of `@balai/events`. Services publish each in the
 * transaction that made the change (`EventBus.afterCommit`), or right after an autocommitted statement
 * (the vote batch, `EventBus.publish`): listeners hear of it only once it is in the database. The
 * socket broadcast (LiveBroadcastListener) and the count delivery (LiveCountsListener) are listeners.
 */
declare module '@balai/events' {
  interface DomainEventMap {
    'question.asked': QuestionAskedEvent;
    'question.moderated': QuestionModeratedEvent;
    'question.votes_counted': QuestionVotesCountedEvent;
    'live_session.updated': LiveSessionUpdatedEvent;
  }
}

/** A question of a live session as it was committed (a copy: listeners may keep it). */
export type LiveQuestionSnapshot = LiveQuestionFields;

/** A participant asked a question: `approved` at once without pre-moderation, else `pending`. */
export interface QuestionAskedEvent {
  question: LiveQuestionSnapshot;
  consultationId: string | null;
  /** Banned-word matches that sent the question to the queue (empty: none). */
  flags: string[];
}

/** A moderator changed a question's status or the session's screen (a no-op announces nothing). */
export interface QuestionModeratedEvent {
  action: ModerationAction;
  moderatorId: string;
  moderatorName: string;
  /** The question after the change. */
  question: LiveQuestionSnapshot;
  before: QuestionStatus;
  after: QuestionStatus;
  reason: string | null;
  /** Whether the question is on the session's screen after the change. */
  onScreen: boolean;
  /** Whether the session's screen changed (the question came on, or went off, screen). */
  screenChanged: boolean;
  /** The question that left the screen for this one (`show` while another was on screen), else null. */
  replaced: LiveQuestionSnapshot | null;
  /** Done from the moderation desk, which logs it itself (the console's actions are logged by moderation's listener). */
  viaDesk: boolean;
}

/** One vote batch moved these counters (the values and versions the statement returned). */
export interface QuestionVotesCountedEvent {
  counts: QuestionVotesCount[];
}

export interface QuestionVotesCount {
  sessionId: string;
  questionId: string;
  upvotes: number;
  /** `live_questions.upvotes_version` with this value: the higher version is the newer value. */
  version: number;
}

/** A session's status changed (started, ended). */
export interface LiveSessionUpdatedEvent {
  session: LiveSessionView;
}
