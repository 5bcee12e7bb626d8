import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PollsSummaryRepository } from './polls-summary.repository';

export interface PollSummary {
  pollId: string;
  question: string;
  status: string;
  liveSessionId: string | null;
  totalBallots: number;
  options: { id: string; label: string; votes: number }[];
}

export interface PollsSummary {
  ballots: number;
  byDay: { day: string; ballots: number }[];
  polls: PollSummary[];
}

/**
 * What polls tell a consultation's summary: every poll of the consultation or of one of its live
 * sessions (ids the caller got from the live domain), with its tallies. `em` is the caller's transaction.
 */
@Injectable()
export class PollsSummaryService {
  constructor(private readonly repository: PollsSummaryRepository) {}

  async summarize(em: EntityManager, consultationId: string, liveSessionIds: readonly string[]): Promise<PollsSummary> {
    const polls = new Map<string, PollSummary>();
    for (const row of await this.repository.tallies(em, consultationId, liveSessionIds)) {
      const poll = polls.get(row.pollId) ?? {
        pollId: row.pollId,
        question: row.question,
        status: row.status,
        liveSessionId: row.liveSessionId,
        totalBallots: 0,
        options: [],
      };
      poll.options.push({ id: row.optionId, label: row.label, votes: row.votes });
      polls.set(row.pollId, poll);
    }
    const days = new Map<string, number>();
    let ballots = 0;
    for (const row of await this.repository.ballots(em, consultationId, liveSessionIds)) {
      const poll = polls.get(row.pollId);
      if (poll) poll.totalBallots += row.count;
      days.set(row.day, (days.get(row.day) ?? 0) + row.count);
      ballots += row.count;
    }
    return {
      ballots,
      byDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, ballots: count })),
      polls: [...polls.values()],
    };
  }
}
