import { ConsultationStatus, ConsultationView } from './consultations';
import { CloseConsultationResult, ConsultationSummary, DecisionAmendmentView, DecisionListItem, DecisionView } from './decisions';
import { PostView, SupportView, ThreadKind, ThreadSort, ThreadView } from './forum';
import { AuthResult, DeleteAccountRequest, PersonalDataExport, UserView } from './identity';
import { LiveQuestionView, LiveSessionStatus, LiveSessionView } from './live-events';
import {
  CreateReportRequest,
  HallQuestionRequest,
  ModerationItemListRequest,
  ModerationItemView,
  ModerationLogEntryView,
  ReportView,
  ResolveItemRequest,
} from './moderation';
import { BallotView, PollResultsVisibility, PollStatus, PollView } from './polls';
import { NotificationView, ProgressChangeView, ProgressState, UnreadCountView } from './notifications';
import { Page } from './problem';
import { Locale } from './roles';
import { TransparencyLogHead, TransparencyLogPage } from './transparency';

/** `?cursor=&limit=` of every keyset-paginated list. */
export interface PageRequest {
  /** The previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
}

export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
  locale?: Locale;
}

/** A live participant without an account: a name for the hall, a token for the session. */
export interface GuestRequest {
  displayName: string;
  /** With GUEST_PROOF_OF_WORK: the solved challenge (an ALTCHA payload, base64 JSON), usable once. */
  altcha?: string;
}

/** An ALTCHA challenge (GET /auth/guest/challenge): the number n ≤ maxnumber with hash(salt + n) = challenge. */
export interface GuestChallenge {
  algorithm: 'SHA-1' | 'SHA-256' | 'SHA-512';
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface ConsultationListRequest extends PageRequest {
  status?: Exclude<ConsultationStatus, 'draft'>;
}

export interface ThreadListRequest extends PageRequest {
  consultationId?: string;
  kind?: ThreadKind;
  /** Full-text search. */
  q?: string;
  sort?: ThreadSort;
  /** Ideas and complaints in this state of progress. */
  progress?: ProgressState;
}

export interface SetProgressRequest {
  state: ProgressState;
  /** Required for `not_taken_up`. */
  note?: string;
}

export interface NotificationListRequest extends PageRequest {
  unread?: boolean;
}

export type MarkReadRequest = { ids: string[] } | { all: true };

export interface PreferencesRequest {
  emailNotifications?: boolean;
  locale?: Locale;
}

export interface CreateThreadRequest {
  title: string;
  /** Markdown. */
  body: string;
  kind: ThreadKind;
  consultationId?: string | null;
}

export interface CreatePostRequest {
  /** Markdown. */
  body: string;
}

export interface PollListRequest extends PageRequest {
  consultationId: string;
  status?: PollStatus;
}

export interface CastBallotRequest {
  optionIds: string[];
}

export interface CreatePollRequest {
  question: string;
  /** 2..20 labels. */
  options: string[];
  multiple?: boolean;
  consultationId?: string;
  liveSessionId?: string;
  resultsVisibility?: PollResultsVisibility;
  closesAt?: string;
}

export interface BallotResult {
  ballot: BallotView;
}

export interface LiveSessionListRequest extends PageRequest {
  status?: LiveSessionStatus;
  consultationId?: string;
}

export interface CreateLiveSessionRequest {
  title: string;
  consultationId?: string;
  /** Questions wait for a moderator (default true). */
  preModeration?: boolean;
  /** Participants may ask without their name (default true). */
  allowAnonymous?: boolean;
}

/**
 * The HTTP routes the web app calls, under `/api/v1`: `'METHOD /path/:param'` → the query or
 * body it sends and the response it gets. The server's controllers answer with these types, so a
 * changed contract fails the web's type check.
 */
export interface HttpRoutes {
  'GET /me': { response: UserView };
  'POST /auth/register': { body: RegisterRequest; response: AuthResult };
  'POST /auth/login': { body: LoginRequest; response: AuthResult };
  'POST /auth/guest': { body: GuestRequest; response: AuthResult };
  /** Only with GUEST_PROOF_OF_WORK (else 404): asked for when POST /auth/guest answers 400 `proof_of_work_required`. */
  'GET /auth/guest/challenge': { response: GuestChallenge };
  /** 204: ends every session of the caller's account (all its tokens, all its sockets). */
  'POST /auth/logout': { response: void };
  /** Everything Balai holds about the caller (served as a download). */
  'GET /me/export': { response: PersonalDataExport };
  /** 204: the account is deleted, its contributions stay under "a former participant". */
  'DELETE /me': { body: DeleteAccountRequest; response: void };
  'GET /consultations': { query: ConsultationListRequest; response: Page<ConsultationView> };
  'GET /consultations/:id': { response: ConsultationView };
  'GET /threads': { query: ThreadListRequest; response: Page<ThreadView> };
  'POST /threads': { body: CreateThreadRequest; response: ThreadView };
  'GET /threads/:id': { response: ThreadView };
  'GET /threads/:id/posts': { query: PageRequest; response: Page<PostView> };
  'POST /threads/:id/posts': { body: CreatePostRequest; response: PostView };
  'PUT /threads/:id/support': { response: SupportView };
  'DELETE /threads/:id/support': { response: SupportView };
  'GET /polls': { query: PollListRequest; response: Page<PollView> };
  'GET /polls/:id': { response: PollView };
  'PUT /polls/:id/ballot': { body: CastBallotRequest; response: BallotResult };
  'GET /live-sessions/by-code/:code': { response: LiveSessionView };
  'GET /live-sessions': { query: LiveSessionListRequest; response: Page<LiveSessionView> };
  'POST /live-sessions': { body: CreateLiveSessionRequest; response: LiveSessionView };
  'POST /polls': { body: CreatePollRequest; response: PollView };
  'POST /polls/:id/close': { response: PollView };
  'POST /live-sessions/:id/start': { response: LiveSessionView };
  'POST /live-sessions/:id/end': { response: LiveSessionView };
  'GET /transparency-log': { query: { afterSeq?: number; limit?: number }; response: TransparencyLogPage };
  'GET /transparency-log/head': { response: TransparencyLogHead };
  'POST /consultations/:id/close': { response: CloseConsultationResult };
  'GET /consultations/:id/summary': { response: ConsultationSummary };
  'GET /consultations/:id/decision': { response: DecisionView };
  'POST /consultations/:id/decision': { body: { title: string; body: string; citedThreadIds?: string[] }; response: DecisionView };
  'GET /decisions': { query: PageRequest; response: Page<DecisionListItem> };
  'GET /decisions/:id': { response: DecisionView };
  'POST /decisions/:id/amendments': { body: { body: string }; response: DecisionAmendmentView };
  'POST /reports': { body: CreateReportRequest; response: ReportView };
  'GET /moderation/items': { query: ModerationItemListRequest; response: Page<ModerationItemView> };
  'POST /moderation/items/:id/claim': { response: ModerationItemView };
  'POST /moderation/items/:id/resolve': { body: ResolveItemRequest; response: ModerationItemView };
  'GET /moderation/log': { query: PageRequest; response: Page<ModerationLogEntryView> };
  'POST /live-sessions/:id/questions': { body: HallQuestionRequest; response: LiveQuestionView };
  'PUT /threads/:id/progress': { body: SetProgressRequest; response: ThreadView };
  'GET /threads/:id/progress': { response: ProgressChangeView[] };
  'GET /me/notifications': { query: NotificationListRequest; response: Page<NotificationView> };
  'GET /me/notifications/unread-count': { response: UnreadCountView };
  'POST /me/notifications/read': { body: MarkReadRequest; response: { updated: number; unread: number } };
  'PUT /me/preferences': { body: PreferencesRequest; response: UserView };
}

export type HttpRoute = keyof HttpRoutes;
