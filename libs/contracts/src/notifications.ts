import { Locale } from './roles';

/**
 * What became of an idea or a complaint (`progress` on threads of those kinds), and the person's
 * notifications (`/me/notifications`) with their preferences (`PUT /me/preferences`).
 */
export const PROGRESS_STATES = ['received', 'under_review', 'accepted', 'not_taken_up', 'done'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

/** Where an idea or a complaint stands now; `null` on threads of other kinds. */
export interface ThreadProgressView {
  state: ProgressState;
  /** The official's note (required for `not_taken_up`). */
  note: string | null;
  changedAt: string;
}

/** One change of progress, as `GET /threads/:id/progress` lists them (oldest first). */
export interface ProgressChangeView {
  state: ProgressState;
  note: string | null;
  by: { displayName: string };
  at: string;
}

export const NOTIFICATION_TYPES = ['decision.published', 'input.progress', 'question.answered', 'moderation.outcome'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotificationView {
  id: string;
  type: NotificationType;
  /** In the recipient's language. */
  title: string;
  body: string;
  /** A path of the web app, e.g. `/threads/…`. */
  link: string;
  subject: { type: string; id: string };
  read: boolean;
  createdAt: string;
}

export interface UnreadCountView {
  count: number;
}

export interface PreferencesView {
  emailNotifications: boolean;
  locale: Locale;
}
