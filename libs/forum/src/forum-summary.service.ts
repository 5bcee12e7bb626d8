import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TermCount, TermQuery, toTermCounts } from '@balai/database';
import { ForumSummaryRepository } from './forum-summary.repository';

export interface ForumDayCounts {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  threads: number;
  posts: number;
  supports: number;
}

/** The forum's share of a consultation's summary: visible threads and posts only. */
export interface ForumSummary {
  threads: number;
  posts: number;
  supports: number;
  byDay: ForumDayCounts[];
  topThreads: { id: string; title: string; supports: number; postCount: number; excerpt: string }[];
  threadTerms: TermCount[];
  postTerms: TermCount[];
}

/**
 * What the forum tells a consultation's summary about itself: aggregates computed in PostgreSQL, so
 * the decisions room never reads the forum's tables. `em` is the caller's transaction (the close).
 */
@Injectable()
export class ForumSummaryService {
  constructor(private readonly repository: ForumSummaryRepository) {}

  async summarize(em: EntityManager, consultationId: string, terms: TermQuery, topLimit = 10): Promise<ForumSummary> {
    const stop = JSON.stringify(terms.stopwords);
    const totals = await this.repository.totals(em, consultationId);
    const days = new Map<string, ForumDayCounts>();
    for (const row of await this.repository.byDay(em, consultationId)) {
      const day = days.get(row.day) ?? { day: row.day, threads: 0, posts: 0, supports: 0 };
      day[row.kind as 'threads' | 'posts' | 'supports'] = row.count;
      days.set(row.day, day);
    }
    const topThreads = await this.repository.topThreads(em, consultationId, topLimit);
    const threadTerms = toTermCounts(await this.repository.threadTerms(em, consultationId, stop, terms.wordLimit, terms.phraseLimit));
    const postTerms = toTermCounts(await this.repository.postTerms(em, consultationId, stop, terms.wordLimit, terms.phraseLimit));
    return {
      ...totals,
      byDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
      topThreads,
      threadTerms,
      postTerms,
    };
  }

  /** The ids among `threadIds` that are threads of the consultation (for a decision's citations). */
  threadsIn(em: EntityManager, consultationId: string, threadIds: readonly string[]): Promise<string[]> {
    return threadIds.length === 0 ? Promise.resolve([]) : this.repository.threadsIn(em, consultationId, threadIds);
  }
}
