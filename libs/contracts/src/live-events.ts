/**
 * The live Q&A contract shared by the server (libs/live) and the web app: REST views and the
 * typed Socket.IO event map of the `/live` namespace.
 */
import type { NotificationView } from './notifications';
import type { PollResults, PollView } from './polls';

export const LIVE_SESSION_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type LiveSessionStatus = (typeof LIVE_SESSION_STATUSES)[number];

/** `merged`: folded into another question of the session by a moderator (`mergedInto`). */
export const QUESTION_STATUSES = ['pending', 'approved', 'rejected', 'answered', 'archived', 'merged'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const MODERATION_ACTIONS = ['approve', 'reject', 'answer', 'archive', 'show', 'hide', 'merge'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Where a question came from: the app, or a moderator typing one asked aloud (`hall`) or on a paper card. */
export const QUESTION_SOURCES = ['app', 'hall', 'card'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

export interface LiveSessionView {
  id: string;
  code: string;
  title: string;
  status: LiveSessionStatus;
  preModeration: boolean;
  allowAnonymous: boolean;
  consultationId: string | null;
  onScreenQuestionId: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Connected sockets in the session's room (all processes); present in `session:updated` and `session:join`. */
  participants?: number;
}

export interface LiveQuestionView {
  id: string;
  sessionId: string;
  text: string;
  /** null when asked anonymously (moderators still see who, in `authorId` and `author`). */
  author: { displayName: string; id?: string } | null;
  anonymous: boolean;
  status: QuestionStatus;
  upvotes: number;
  onScreen: boolean;
  createdAt: string;
  /** Only to the author and moderators, for a rejected question. */
  rejectionReason?: string | null;
  source: QuestionSource;
  /** For a `merged` question: the question it was merged into. */
  mergedInto?: string | null;
}

export type PollResultsView = { pollId: string } & PollResults;
export type LivePollView = PollView;

export type LiveErrorCode = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';

export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: LiveErrorCode; message: string; detail?: string; fields?: { field: string; message: string }[] } };

export type SessionJoinPayload = { code: string } | { sessionId: string };
export interface SessionJoinResult {
  session: LiveSessionView;
  questions: LiveQuestionView[];
  myUpvotes: string[];
  onScreen: LiveQuestionView | null;
  polls: LivePollView[];
  /** Moderators only: questions waiting for a decision. */
  pending?: LiveQuestionView[];
  /** Participants only: their own questions still pending, or rejected (with the reason), newest first. */
  myQuestions?: LiveQuestionView[];
}
export interface QuestionAskPayload {
  sessionId: string;
  text: string;
  anonymous?: boolean;
  clientRequestId: string;
}
export interface QuestionVotePayload {
  questionId: string;
}
export interface QuestionVoteResult {
  questionId: string;
  upvoted: boolean;
}
export interface QuestionModeratePayload {
  questionId: string;
  action: ModerationAction;
  reason?: string;
  /** With `merge`: the question of the same session that takes this one's upvoters. */
  intoQuestionId?: string;
}
export interface PollVotePayload {
  pollId: string;
  optionIds: string[];
}

export interface ClientToServerEvents {
  'session:join': (payload: SessionJoinPayload, ack: (response: Ack<SessionJoinResult>) => void) => void;
  'session:leave': (payload: { sessionId: string }, ack: (response: Ack<Record<string, never>>) => void) => void;
  'question:ask': (payload: QuestionAskPayload, ack: (response: Ack<{ question: LiveQuestionView }>) => void) => void;
  'question:upvote': (payload: QuestionVotePayload, ack: (response: Ack<QuestionVoteResult>) => void) => void;
  'question:unvote': (payload: QuestionVotePayload, ack: (response: Ack<QuestionVoteResult>) => void) => void;
  'question:moderate': (payload: QuestionModeratePayload, ack: (response: Ack<{ question: LiveQuestionView }>) => void) => void;
  'poll:vote': (payload: PollVotePayload, ack: (response: Ack<{ ballot: { optionIds: string[] } }>) => void) => void;
}

export interface ServerToClientEvents {
  'question:new': (payload: { question: LiveQuestionView }) => void;
  'question:updated': (payload: { question: LiveQuestionView }) => void;
  'question:votes': (payload: { sessionId: string; counts: Record<string, number> }) => void;
  'screen:changed': (payload: { sessionId: string; question: LiveQuestionView | null }) => void;
  'poll:opened': (payload: { poll: LivePollView }) => void;
  'poll:results': (payload: PollResultsView) => void;
  'poll:closed': (payload: { pollId: string; results: PollResults }) => void;
  'session:updated': (payload: { session: LiveSessionView }) => void;
  'moderation:item': (payload: { itemId: string; type: 'question'; question: LiveQuestionView }) => void;
  'moderation:resolved': (payload: { itemId: string }) => void;
  /** To the person's own sockets (every session or none): a new notification. */
  'notification:new': (payload: { notification: NotificationView }) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
export const CLIENT_EVENTS = [
  'session:join',
  'session:leave',
  'question:ask',
  'question:upvote',
  'question:unvote',
  'question:moderate',
  'poll:vote',
] as const satisfies readonly (keyof ClientToServerEvents)[];
