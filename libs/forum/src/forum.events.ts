import { ForumStatus, ProgressState, ThreadKind } from '@balai/contracts';

/**
 * What the forum announces, on the typed bus of `@balai/events`: each is published with
 * `EventBus.afterCommit` in the transaction that made the change, so listeners (moderation,
 * notifications, the transparency log) hear of it only once it committed, and never of a refused or
 * rolled-back write. Subscribe with `@OnDomainEvent('thread.created')`. Payloads carry ids and
 * states, not bodies: a listener that needs the text reads it through `ForumService`.
 */
declare module '@balai/events' {
  interface DomainEventMap {
    'thread.created': ThreadCreatedEvent;
    'thread.updated': ThreadUpdatedEvent;
    'thread.status_changed': ThreadStatusChangedEvent;
    'thread.supported': ThreadSupportEvent;
    'thread.unsupported': ThreadSupportEvent;
    'post.created': PostCreatedEvent;
    'post.updated': PostUpdatedEvent;
    'post.status_changed': PostStatusChangedEvent;
    'thread.progress_changed': ThreadProgressChangedEvent;
  }
}

export interface ThreadCreatedEvent {
  threadId: string;
  consultationId: string | null;
  authorId: string;
  kind: ThreadKind;
  status: ForumStatus;
  title: string;
  createdAt: Date;
}

/** The author edited the title, the body or both. */
export interface ThreadUpdatedEvent {
  threadId: string;
  consultationId: string | null;
  authorId: string;
  fields: ('title' | 'body')[];
  editedAt: Date;
}

/** A moderation changed the thread's status; only sent when it actually changed. */
export interface ThreadStatusChangedEvent {
  threadId: string;
  consultationId: string | null;
  authorId: string;
  from: ForumStatus;
  to: ForumStatus;
}

/** A person added (`thread.supported`) or withdrew (`thread.unsupported`) a support; only when a row changed. */
export interface ThreadSupportEvent {
  threadId: string;
  consultationId: string | null;
  userId: string;
  /** The thread's support count after the change. */
  supports: number;
}

export interface PostCreatedEvent {
  postId: string;
  threadId: string;
  consultationId: string | null;
  authorId: string;
  /** The author was an official when writing. */
  official: boolean;
  status: ForumStatus;
  createdAt: Date;
}

export interface PostUpdatedEvent {
  postId: string;
  threadId: string;
  consultationId: string | null;
  authorId: string;
  editedAt: Date;
}

/** A moderation changed the post's status; only sent when it actually changed. */
export interface PostStatusChangedEvent {
  postId: string;
  threadId: string;
  consultationId: string | null;
  authorId: string;
  from: ForumStatus;
  to: ForumStatus;
}

/** An official moved an idea or a complaint to another state of progress. */
export interface ThreadProgressChangedEvent {
  /** The history row of this change: one per change, so a key for "notify once". */
  changeId: string;
  threadId: string;
  consultationId: string | null;
  authorId: string;
  kind: ThreadKind;
  title: string;
  from: ProgressState;
  to: ProgressState;
  note: string | null;
  changedBy: string;
  changedAt: Date;
}
