export type LiveSessionStatus = 'scheduled' | 'live' | 'ended';

/**
 * What polls need to know about live sessions, without importing the live domain: the live
 * module provides an implementation (from a global module). Without one, polls cannot belong
 * to a live session.
 */
export abstract class LiveSessionLookup {
  /** The session's status, or null when there is no such session. */
  abstract statusOf(sessionId: string): Promise<LiveSessionStatus | null>;
}
