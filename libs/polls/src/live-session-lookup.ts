/**
 * What polls need to know about live sessions, without importing the live domain: whether one takes
 * input. The live domain implements it and hands it to `PollsModule.withLiveSessions(...)`.
 */
export abstract class LiveSessionLookup {
  /**
   * Resolves when the session takes input (a poll, a ballot). Throws the live domain's errors: its
   * NotFoundError (404 `live_session_not_found`) for an unknown session, its SessionEndedError
   * (409 `session_ended`) for an ended one. Polls ask before opening their own transaction, so an
   * implementation may read on a connection of its own without holding a second one.
   */
  abstract assertTakesInput(sessionId: string): Promise<void>;
}
