import type { PollResultsView } from '@balai/contracts';

/**
 * Where CountCoalescer reads a poll's current results when its ballots changed. The delivery engine
 * knows no domain: the module that provides CountCoalescer provides this too (the live domain, from
 * the polls service).
 */
export abstract class PollResultsReader {
  abstract results(pollId: string): Promise<PollResultsView>;
}
