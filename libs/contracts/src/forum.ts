import { ThreadProgressView } from './notifications';

export const THREAD_KINDS = ['idea', 'question', 'complaint', 'discussion'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** `pending` and `hidden` are set by moderation; only `visible` content is listed publicly. */
export const FORUM_STATUSES = ['visible', 'pending', 'hidden'] as const;
export type ForumStatus = (typeof FORUM_STATUSES)[number];

export const THREAD_SORTS = ['recent', 'top'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

export interface AuthorView {
  id: string;
  displayName: string;
}

export interface ThreadView {
  id: string;
  title: string;
  /** Markdown, as written: render it sanitised (marked + DOMPurify). */
  body: string;
  kind: ThreadKind;
  consultationId: string | null;
  author: AuthorView;
  supports: number;
  postCount: number;
  status: ForumStatus;
  createdAt: string;
  /** Set once the author edited the title or body. */
  editedAt: string | null;
  /** Only on `GET /threads/:id` with a token: whether the caller supports it. */
  supported?: boolean;
  /** Ideas and complaints: where they stand; null for other kinds. */
  progress: ThreadProgressView | null;
}

export interface PostView {
  id: string;
  threadId: string;
  /** Markdown, as written. */
  body: string;
  author: AuthorView;
  /** True when the author was an official (or admin) when writing. */
  official: boolean;
  status: ForumStatus;
  createdAt: string;
  editedAt: string | null;
}

export interface SupportView {
  supports: number;
  supported: boolean;
}
