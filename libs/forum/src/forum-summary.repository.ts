import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, runSql, TermCountRow, termCountsSql } from '@balai/database';

/** Read-only aggregates of a consultation's visible threads, posts and supports, for its summary. */
@Injectable()
export class ForumSummaryRepository {
  async totals(em: EntityManager, consultationId: string): Promise<{ threads: number; posts: number; supports: number }> {
    const [row] = await runSql<{ threads: string | number; posts: string | number; supports: string | number }>(
      em,
      `select count(*) as threads, coalesce(sum(t.post_count), 0) as posts,
              (select count(*) from forum_thread_supports s join forum_threads st on st.id = s.thread_id
                where st.consultation_id = ? and st.status = 'visible') as supports
         from forum_threads t where t.consultation_id = ? and t.status = 'visible'`,
      [consultationId, consultationId],
    );
    return { threads: Number(row?.threads ?? 0), posts: Number(row?.posts ?? 0), supports: Number(row?.supports ?? 0) };
  }

  /** Per UTC day: threads started, posts written, supports given. */
  async byDay(em: EntityManager, consultationId: string): Promise<{ day: string; kind: string; count: number }[]> {
    const rows = await runSql<{ day: string; kind: string; count: string | number }>(
      em,
      `with threads as (select id, created_at from forum_threads where consultation_id = ? and status = 'visible')
       select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, 'threads' as kind, count(*) as count from threads group by 1
       union all
       select to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD'), 'posts', count(*)
         from forum_posts p join threads t on t.id = p.thread_id where p.status = 'visible' group by 1
       union all
       select to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD'), 'supports', count(*)
         from forum_thread_supports s join threads t on t.id = s.thread_id group by 1`,
      [consultationId],
    );
    return rows.map((row) => ({ day: row.day, kind: row.kind, count: Number(row.count) }));
  }

  /** The most supported visible threads (ties: older first), with the start of their body. */
  async topThreads(
    em: EntityManager,
    consultationId: string,
    limit: number,
  ): Promise<{ id: string; title: string; supports: number; postCount: number; excerpt: string }[]> {
    const rows = await runSql<{ id: string; title: string; supports: number; post_count: number; excerpt: string }>(
      em,
      `select id, title, supports, post_count, left(body, 600) as excerpt from forum_threads
        where consultation_id = ? and status = 'visible' order by supports desc, id asc limit ?`,
      [consultationId, limit],
    );
    return rows.map((row) => ({ id: row.id, title: row.title, supports: row.supports, postCount: row.post_count, excerpt: row.excerpt }));
  }

  /** Words and phrases of the visible threads (title and body, one text per thread). */
  threadTerms(
    em: EntityManager,
    consultationId: string,
    stopwordsJson: string,
    wordLimit: number,
    phraseLimit: number,
  ): Promise<TermCountRow[]> {
    return runSql<TermCountRow>(
      em,
      termCountsSql(`select id, title || E'\\n' || body as body from forum_threads where consultation_id = ? and status = 'visible'`),
      [stopwordsJson, consultationId, wordLimit, phraseLimit],
    );
  }

  /** Words and phrases of the visible posts in the visible threads. */
  postTerms(
    em: EntityManager,
    consultationId: string,
    stopwordsJson: string,
    wordLimit: number,
    phraseLimit: number,
  ): Promise<TermCountRow[]> {
    return runSql<TermCountRow>(
      em,
      termCountsSql(
        `select p.id, p.body from forum_posts p join forum_threads t on t.id = p.thread_id
          where t.consultation_id = ? and t.status = 'visible' and p.status = 'visible'`,
      ),
      [stopwordsJson, consultationId, wordLimit, phraseLimit],
    );
  }

  /** Which of these thread ids belong to the consultation. */
  async threadsIn(em: EntityManager, consultationId: string, threadIds: readonly string[]): Promise<string[]> {
    const rows = await runSql<{ id: string }>(em, `select id from forum_threads where consultation_id = ? and id = any(?::uuid[])`, [
      consultationId,
      pgUuidArray(threadIds),
    ]);
    return rows.map((row) => row.id);
  }
}
