import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { QuestionSource, QuestionStatus } from '@balai/contracts';
import { pgUuidArray, runSql } from '@balai/database';
import { LiveQuestionFields } from './live-question.entity';

/** Approved and answered: the questions the room sees, and the only ones that take upvotes. */
export const PUBLIC_STATUSES: readonly QuestionStatus[] = ['approved', 'answered'];
/** What a consultation's summary counts: the public questions and the archived ones. */
const SUMMARY_STATUSES: readonly QuestionStatus[] = ['approved', 'answered', 'archived'];

/** A `live_questions` row as the driver returns it. */
interface QuestionRecord {
  id: string;
  session_id: string;
  author_id: string;
  author_name: string;
  anonymous: boolean;
  text: string;
  status: QuestionStatus;
  upvotes: number;
  rejection_reason: string | null;
  created_at: Date | string;
  source: QuestionSource;
  merged_into: string | null;
}

export interface ConsultationQuestionTotals {
  questions: number;
  upvotes: number;
}

export interface TopQuestion {
  id: string;
  text: string;
  upvotes: number;
}

const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

function fieldsOf(row: QuestionRecord): LiveQuestionFields {
  return {
    id: row.id,
    sessionId: row.session_id,
    authorId: row.author_id,
    authorName: row.author_name,
    anonymous: row.anonymous,
    text: row.text,
    status: row.status,
    upvotes: row.upvotes,
    rejectionReason: row.rejection_reason,
    createdAt: new Date(row.created_at),
    source: row.source,
    mergedInto: row.merged_into,
  };
}

/** Still waiting for a moderator, or turned down: what only the author (and the moderators) see. */
const UNPUBLISHED_STATUSES: readonly QuestionStatus[] = ['pending', 'rejected'];

/** The live domain's statements on `live_questions`. */
@Injectable()
export class LiveQuestionsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The public questions of a session, most upvoted first (oldest first on ties), as plain rows:
   * every join of a hall reads them, and entities would cost a unit of work and the hydration of a
   * hundred rows per read, most of a join storm's CPU when measured.
   */
  async top(sessionId: string, limit: number): Promise<LiveQuestionFields[]> {
    const rows = await runSql<QuestionRecord>(
      this.em,
      `select id, session_id, author_id, author_name, anonymous, text, status, upvotes, rejection_reason, created_at, source, merged_into
         from live_questions
        where session_id = ? and status in (${placeholders(PUBLIC_STATUSES)})
        order by upvotes desc, id asc
        limit ?`,
      [sessionId, ...PUBLIC_STATUSES, limit],
    );
    return rows.map(fieldsOf);
  }

  /** Approved, answered and archived questions across a consultation's sessions, and their upvotes. */
  async consultationTotals(consultationId: string): Promise<ConsultationQuestionTotals> {
    const [totals] = await runSql<{ questions: string | number; upvotes: string | number | null }>(
      this.em,
      `select count(*) as questions, coalesce(sum(q.upvotes), 0) as upvotes
         from live_questions q join live_sessions s on s.id = q.session_id
        where s.consultation_id = ? and q.status in (${placeholders(SUMMARY_STATUSES)})`,
      [consultationId, ...SUMMARY_STATUSES],
    );
    return { questions: Number(totals?.questions ?? 0), upvotes: Number(totals?.upvotes ?? 0) };
  }

  /** The top `limit` of those questions by upvotes, oldest first on ties. */
  async consultationTop(consultationId: string, limit: number): Promise<TopQuestion[]> {
    const rows = await runSql<{ id: string; text: string; upvotes: number | string }>(
      this.em,
      `select q.id, q.text, q.upvotes
         from live_questions q join live_sessions s on s.id = q.session_id
        where s.consultation_id = ? and q.status in (${placeholders(SUMMARY_STATUSES)})
        order by q.upvotes desc, q.id asc limit ?`,
      [consultationId, ...SUMMARY_STATUSES, limit],
    );
    return rows.map((row) => ({ id: row.id, text: row.text, upvotes: Number(row.upvotes) }));
  }

  /** Each participant's own pending and rejected questions in a session, newest first, for many joins at once. */
  async unpublishedOf(pairs: readonly (readonly [sessionId: string, userId: string])[], limitEach: number): Promise<LiveQuestionFields[]> {
    const rows = await runSql<QuestionRecord>(
      this.em,
      `select q.id, q.session_id, q.author_id, q.author_name, q.anonymous, q.text, q.status, q.upvotes, q.rejection_reason, q.created_at,
              q.source, q.merged_into
         from unnest(?::uuid[], ?::uuid[]) as k(session_id, user_id)
         cross join lateral (
           select * from live_questions q
            where q.session_id = k.session_id and q.author_id = k.user_id and q.status in (${placeholders(UNPUBLISHED_STATUSES)})
            order by q.created_at desc
            limit ?
         ) q`,
      [
        pgUuidArray(pairs.map(([sessionId]) => sessionId)),
        pgUuidArray(pairs.map(([, userId]) => userId)),
        ...UNPUBLISHED_STATUSES,
        limitEach,
      ],
    );
    return rows.map(fieldsOf);
  }
}
