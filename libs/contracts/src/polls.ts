export type PollStatus = 'open' | 'closed';
export type PollResultsVisibility = 'live' | 'after_close';

export interface PollOptionView {
  id: string;
  label: string;
}

export interface PollResults {
  totalBallots: number;
  /** In option order; an option nobody chose has 0 votes. */
  options: { id: string; votes: number }[];
}

export interface PollView {
  id: string;
  question: string;
  options: PollOptionView[];
  multiple: boolean;
  /** `closed` also once `closesAt` has passed. */
  status: PollStatus;
  resultsVisibility: PollResultsVisibility;
  consultationId: string | null;
  liveSessionId: string | null;
  closesAt: string | null;
  createdAt: string;
  closedAt: string | null;
  /** Present when the caller may see results: `live` polls always, `after_close` once closed (moderators and up: always). */
  results?: PollResults;
  /** The caller's own ballot, when they have one. */
  myBallot?: { optionIds: string[] };
}

export interface BallotView {
  optionIds: string[];
}
