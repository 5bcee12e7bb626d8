import { PollResults, PollResultsVisibility, PollView } from '@balai/contracts';

/** Domain events of polls, emitted with EventEmitter2 after the transaction committed. */
export const POLL_OPENED = 'poll.opened';
export const POLL_BALLOT_CAST = 'poll.ballot_cast';
export const POLL_CLOSED = 'poll.closed';

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

export interface PollEventMap {
  [POLL_OPENED]: PollOpenedEvent;
  [POLL_BALLOT_CAST]: PollBallotCastEvent;
  [POLL_CLOSED]: PollClosedEvent;
}
