import type { ConsultationView } from './consultations';

/** One day of participation (UTC), in a consultation's summary. */
export interface SummaryDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  threads: number;
  posts: number;
  questions: number;
  ballots: number;
  supports: number;
  upvotes: number;
}

export interface SummaryParticipation {
  /** Distinct people who took part in any way. */
  participants: number;
  threads: number;
  posts: number;
  /** Questions the room saw (approved, answered or archived). */
  questions: number;
  ballots: number;
  supports: number;
  upvotes: number;
  byDay: SummaryDay[];
}

export interface SummaryPoll {
  pollId: string;
  question: string;
  /** Set when the poll belongs to one of the consultation's live sessions. */
  liveSessionId: string | null;
  totalBallots: number;
  /** `share`: votes / totalBallots (0..1, four decimals; on a multiple-choice poll shares add up to more than 1). */
  options: { id: string; label: string; votes: number; share: number }[];
}

export type SummarySourceType = 'thread' | 'post' | 'question';

export interface SummaryTheme {
  /** The most frequent written form of the word or phrase. */
  term: string;
  kind: 'word' | 'phrase';
  /** Occurrences across every text. */
  count: number;
  /** Written forms counted together (the same stem in Indonesian or English). */
  forms: string[];
  /** Texts it occurs in, per source type. */
  sources: { threads: number; posts: number; questions: number };
  /** One text per source type where it occurs: where to start reading. */
  examples: { sourceType: SummarySourceType; sourceId: string }[];
}

export interface SummaryQuote {
  text: string;
  sourceType: SummarySourceType;
  sourceId: string;
  /** Supports of the thread, or upvotes of the question, that made it representative. */
  weight: number;
}

export interface SummaryTopThread {
  id: string;
  title: string;
  supports: number;
  /** Visible posts in it. */
  posts: number;
}

export interface ConsultationSummary {
  consultationId: string;
  generatedAt: string;
  participation: SummaryParticipation;
  polls: SummaryPoll[];
  topThreads: SummaryTopThread[];
  topQuestions: { id: string; sessionId: string; text: string; upvotes: number }[];
  themes: SummaryTheme[];
  quotes: SummaryQuote[];
}

export interface CloseConsultationResult {
  consultation: ConsultationView;
  summary: ConsultationSummary;
}

/** The transparency log entry written in the same transaction; null until a log is bound. */
export interface LogEntryRef {
  seq: number;
  hash: string;
}

export interface DecisionAmendmentView {
  id: string;
  decisionId: string;
  /** Markdown, as written. */
  body: string;
  amendedAt: string;
  logEntry: LogEntryRef | null;
}

export interface DecisionView {
  id: string;
  consultationId: string;
  consultationTitle: string;
  title: string;
  /** Markdown, as written; never edited. */
  body: string;
  publishedAt: string;
  /** The summary as it was when the decision was published. */
  summary: ConsultationSummary;
  /** Threads the decision takes up. */
  citedThreadIds: string[];
  amendments: DecisionAmendmentView[];
  logEntry: LogEntryRef | null;
}

/** A decision in a list: without its summary and body. */
export interface DecisionListItem {
  id: string;
  consultationId: string;
  consultationTitle: string;
  title: string;
  publishedAt: string;
  amendments: number;
}

export const DECISION_BODY_MAX = 50_000;
export const DECISION_TITLE_MAX = 200;
