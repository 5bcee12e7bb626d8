import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TermCount, TermQuery, toTermCounts } from '@balai/database';
import { LiveSummaryRepository } from './live-summary.repository';

export interface LiveSummary {
  sessionIds: string[];
  /** Questions the room saw (approved, answered, archived). */
  questions: number;
  upvotes: number;
  byDay: { day: string; questions: number; upvotes: number }[];
  topQuestions: { id: string; sessionId: string; text: string; upvotes: number }[];
  terms: TermCount[];
}

/** What live sessions tell a consultation's summary about themselves. `em` is the caller's transaction. */
@Injectable()
export class LiveSummaryService {
  constructor(private readonly repository: LiveSummaryRepository) {}

  async summarize(em: EntityManager, consultationId: string, terms: TermQuery, topLimit = 10): Promise<LiveSummary> {
    const sessionIds = await this.repository.sessionIds(em, consultationId);
    if (sessionIds.length === 0) return { sessionIds, questions: 0, upvotes: 0, byDay: [], topQuestions: [], terms: [] };
    const totals = await this.repository.totals(em, sessionIds);
    const days = new Map<string, { day: string; questions: number; upvotes: number }>();
    for (const row of await this.repository.byDay(em, sessionIds)) {
      const day = days.get(row.day) ?? { day: row.day, questions: 0, upvotes: 0 };
      day[row.kind as 'questions' | 'upvotes'] = row.count;
      days.set(row.day, day);
    }
    const topQuestions = await this.repository.topQuestions(em, sessionIds, topLimit);
    const termRows = await this.repository.terms(em, sessionIds, JSON.stringify(terms.stopwords), terms.wordLimit, terms.phraseLimit);
    return {
      sessionIds,
      ...totals,
      byDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
      topQuestions,
      terms: toTermCounts(termRows),
    };
  }
}
