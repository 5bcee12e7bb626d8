import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, runSql, TermCountRow, termCountsSql } from '@balai/database';

/** Statuses of questions the room saw: pending and rejected ones never count in a summary. */
const PUBLIC = `('approved', 'answered', 'archived')`;

/** Read-only aggregates of a consultation's live sessions, for its summary. */
@Injectable()
export class LiveSummaryRepository {
  async sessionIds(em: EntityManager, consultationId: string): Promise<string[]> {
    const rows = await runSql<{ id: string }>(em, `select id from live_sessions where consultation_id = ? order by id`, [consultationId]);
    return rows.map((row) => row.id);
  }

  async totals(em: EntityManager, sessionIds: readonly string[]): Promise<{ questions: number; upvotes: number }> {
    const [row] = await runSql<{ questions: string | number; upvotes: string | number }>(
      em,
      `select count(*) as questions, coalesce(sum(upvotes), 0) as upvotes from live_questions
        where session_id = any(?::uuid[]) and status in ${PUBLIC}`,
      [pgUuidArray(sessionIds)],
    );
    return { questions: Number(row?.questions ?? 0), upvotes: Number(row?.upvotes ?? 0) };
  }

  async byDay(em: EntityManager, sessionIds: readonly string[]): Promise<{ day: string; kind: string; count: number }[]> {
    const rows = await runSql<{ day: string; kind: string; count: string | number }>(
      em,
      `with questions as (select id, created_at from live_questions where session_id = any(?::uuid[]) and status in ${PUBLIC})
       select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, 'questions' as kind, count(*) as count from questions group by 1
       union all
       select to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD'), 'upvotes', count(*)
         from live_upvotes u join questions q on q.id = u.question_id group by 1`,
      [pgUuidArray(sessionIds)],
    );
    return rows.map((row) => ({ day: row.day, kind: row.kind, count: Number(row.count) }));
  }

  async topQuestions(
    em: EntityManager,
    sessionIds: readonly string[],
    limit: number,
  ): Promise<{ id: string; sessionId: string; text: string; upvotes: number }[]> {
    const rows = await runSql<{ id: string; session_id: string; text: string; upvotes: number }>(
      em,
      `select id, session_id, text, upvotes from live_questions
        where session_id = any(?::uuid[]) and status in ${PUBLIC} order by upvotes desc, id asc limit ?`,
      [pgUuidArray(sessionIds), limit],
    );
    return rows.map((row) => ({ id: row.id, sessionId: row.session_id, text: row.text, upvotes: row.upvotes }));
  }

  terms(
    em: EntityManager,
    sessionIds: readonly string[],
    stopwordsJson: string,
    wordLimit: number,
    phraseLimit: number,
  ): Promise<TermCountRow[]> {
    return runSql<TermCountRow>(
      em,
      termCountsSql(`select id, text as body from live_questions where session_id = any(?::uuid[]) and status in ${PUBLIC}`),
      [stopwordsJson, pgUuidArray(sessionIds), wordLimit, phraseLimit],
    );
  }
}
