/**
 * What moderation announces, on the typed bus of `@balai/events` (published with
 * `EventBus.afterCommit` in the transaction that made the change). Notifications tell the author
 * (`moderation.outcome`); the transparency log appends a `moderation.action` entry without personal data.
 */
declare module '@balai/events' {
  interface DomainEventMap {
    'moderation.action': ModerationActionEvent;
  }
}

/** What a moderator's action was about. */
export type ModeratedTargetType = 'thread' | 'post' | 'question' | 'user' | 'live_session';

/**
 * One action of a moderator, as it stands in `GET /moderation/log`: resolving a queue item
 * (approve, reject, hide, dismiss), a merge, a question from the hall, a mute or a suspension and
 * their lifting.
 */
export interface ModerationActionEvent {
  /** The log entry's id. */
  actionId: string;
  action: string;
  /** The reason code (`spam`, `abuse`, `off_topic`, `misinformation`, `other`, …), if one was given. */
  reasonCode: string | null;
  /** The moderator's free-text note: personal data may be in it, so it stays out of the public log. */
  note: string | null;
  moderatorId: string;
  target: { type: ModeratedTargetType; id: string };
  /**
   * The person to tell the outcome (`moderation.outcome`): the author of the thread, post or
   * question whose visibility the action decided; null when nobody is to be told.
   */
  notifyUserId: string | null;
  sessionId: string | null;
  consultationId: string | null;
  /** The queue item the action resolved, if any. */
  itemId: string | null;
  at: Date;
}
