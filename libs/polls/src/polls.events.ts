import { PollResults, PollResultsVisibility, PollView } from '@balai/contracts';

/**
 * What polls announce, on the typed bus of `@balai/events`: each is published with
 * `EventBus.afterCommit` in the transaction that made the change, so listeners hear of it only once
 * it committed, and never of a rolled-back one. Subscribe with `@OnDomainEvent('poll.closed')`.
 */
declare module '@balai/events' {
  interface DomainEventMap {
    'poll.opened': PollOpenedEvent;
    'poll.ballot_cast': PollBallotCastEvent;
    'poll.closed': PollClosedEvent;
  }
}

export interface PollOpenedEvent {
  /** The public view (results included only for `live` polls). */
  poll: PollView;
  liveSessionId: string | null;
}

/** A ballot was cast or replaced; listeners coalesce these and read `PollsService.results()`. */
export interface PollBallotCastEvent {
  pollId: string;
  liveSessionId: string | null;
  /** `after_close`: do not broadcast the counts to participants before the poll closes. */
  resultsVisibility: PollResultsVisibility;
}

export interface PollClosedEvent {
  pollId: string;
  liveSessionId: string | null;
  results: PollResults;
}
