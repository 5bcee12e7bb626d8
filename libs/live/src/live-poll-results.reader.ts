import { Injectable } from '@nestjs/common';
import type { PollResultsView } from '@balai/contracts';
import { PollResultsReader } from '@balai/delivery';
import { PollsService } from '@balai/polls';

/** The delivery engine's PollResultsReader, from the polls domain's service. */
@Injectable()
export class LivePollResultsReader extends PollResultsReader {
  constructor(private readonly polls: PollsService) {
    super();
  }

  results(pollId: string): Promise<PollResultsView> {
    return this.polls.results(pollId);
  }
}
