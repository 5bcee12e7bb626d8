/**
 * What identity announces and hears on the typed bus of `@balai/events`.
 *
 * - `sessions.ended`: an account's sessions ended (published with `EventBus.afterCommit` in the
 *   transaction that ended them); `SessionEndsService` then refuses the old tokens on every process
 *   and closes the account's sockets.
 * - `account.deleted`: published by the account deletion (`DELETE /me`) once it committed; its
 *   sessions end.
 */
declare module '@balai/events' {
  interface DomainEventMap {
    'sessions.ended': SessionsEndedEvent;
    'account.deleted': AccountDeletedEvent;
  }
}

export interface SessionsEndedEvent {
  userId: string;
  /** Tokens issued at or before this time are refused (milliseconds since the epoch). */
  endedAt: number;
}

export interface AccountDeletedEvent {
  userId: string;
}
