import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ConsultationSummary, SummaryDay, SummaryPoll, SummaryQuote } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { TermQuery } from '@balai/database';
import { ForumSummaryService } from '@balai/forum';
import { LiveSummaryService } from '@balai/live';
import { PollsSummaryService } from '@balai/polls';
import { STOPWORDS, themesOf } from './themes';

const TERMS: TermQuery = { stopwords: STOPWORDS, wordLimit: 400, phraseLimit: 200 };
const TOP = 10;
const THEMES = 25;
const QUOTES = 6;
const QUOTE_LENGTH = 280;

/** Plain text of a Markdown excerpt, cut at a word boundary. */
export function quoteOf(markdown: string, max = QUOTE_LENGTH): string {
  const text = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const share = (votes: number, total: number): number => (total === 0 ? 0 : Math.round((votes / total) * 10_000) / 10_000);

/**
 * Builds a consultation's summary from what each domain tells about itself (forum, polls, live
 * sessions, consultations' participants), all read in the caller's transaction `em`, so the summary
 * is one consistent picture. Everything is ordered with a tie-breaker: the same data gives the same
 * summary, `generatedAt` aside.
 */
@Injectable()
export class SummaryBuilder {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly forum: ForumSummaryService,
    private readonly polls: PollsSummaryService,
    private readonly live: LiveSummaryService,
  ) {}

  async build(em: EntityManager, consultationId: string, generatedAt: Date): Promise<ConsultationSummary> {
    // One statement at a time: a transaction is one connection (and PGlite is one connection).
    const participants = await this.consultations.participantCount(em, consultationId);
    const forum = await this.forum.summarize(em, consultationId, TERMS, TOP);
    const live = await this.live.summarize(em, consultationId, TERMS, TOP);
    const polls = await this.polls.summarize(em, consultationId, live.sessionIds);

    const days = new Map<string, SummaryDay>();
    const day = (key: string): SummaryDay => {
      let entry = days.get(key);
      if (!entry) {
        entry = { day: key, threads: 0, posts: 0, questions: 0, ballots: 0, supports: 0, upvotes: 0 };
        days.set(key, entry);
      }
      return entry;
    };
    for (const row of forum.byDay) Object.assign(day(row.day), { threads: row.threads, posts: row.posts, supports: row.supports });
    for (const row of live.byDay) Object.assign(day(row.day), { questions: row.questions, upvotes: row.upvotes });
    for (const row of polls.byDay) day(row.day).ballots = row.ballots;

    const summaryPolls: SummaryPoll[] = polls.polls.map((poll) => ({
      pollId: poll.pollId,
      question: poll.question,
      liveSessionId: poll.liveSessionId,
      totalBallots: poll.totalBallots,
      options: poll.options.map((option) => ({ ...option, share: share(option.votes, poll.totalBallots) })),
    }));

    const quotes: SummaryQuote[] = [
      ...forum.topThreads
        .filter((thread) => quoteOf(thread.excerpt).length > 0)
        .slice(0, QUOTES / 2)
        .map((thread) => ({ text: quoteOf(thread.excerpt), sourceType: 'thread' as const, sourceId: thread.id, weight: thread.supports })),
      ...live.topQuestions.slice(0, QUOTES / 2).map((question) => ({
        text: quoteOf(question.text),
        sourceType: 'question' as const,
        sourceId: question.id,
        weight: question.upvotes,
      })),
    ].sort((a, b) => b.weight - a.weight || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));

    return {
      consultationId,
      generatedAt: generatedAt.toISOString(),
      participation: {
        participants,
        threads: forum.threads,
        posts: forum.posts,
        questions: live.questions,
        ballots: polls.ballots,
        supports: forum.supports,
        upvotes: live.upvotes,
        byDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
      },
      polls: summaryPolls,
      topThreads: forum.topThreads.map((thread) => ({
        id: thread.id,
        title: thread.title,
        supports: thread.supports,
        posts: thread.postCount,
      })),
      topQuestions: live.topQuestions,
      themes: themesOf(
        [
          { sourceType: 'thread', terms: forum.threadTerms },
          { sourceType: 'post', terms: forum.postTerms },
          { sourceType: 'question', terms: live.terms },
        ],
        THEMES,
      ),
      quotes,
    };
  }
}
