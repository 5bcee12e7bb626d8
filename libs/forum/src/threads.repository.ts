import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ForumStatus, ProgressState, ThreadKind } from '@balai/contracts';
import { pgUuidArray, runSql } from '@balai/database';
import { CursorValue } from '@balai/http';
import { ThreadRecord } from './dto/forum.views';
import { ForumThread } from './forum-thread.entity';

const THREAD_COLUMNS =
  't.id, t.title, t.body, t.kind, t.consultation_id, t.author_id, t.author_name, t.supports, t.post_count, t.status, t.created_at, t.edited_at, t.progress_state, t.progress_note, t.progress_changed_at';

interface ThreadRow {
  id: string;
  title: string;
  body: string;
  kind: ThreadKind;
  consultation_id: string | null;
  author_id: string;
  author_name: string;
  supports: number;
  post_count: number;
  status: ForumStatus;
  created_at: Date | string;
  edited_at: Date | string | null;
  progress_state: ProgressState | null;
  progress_note: string | null;
  progress_changed_at: Date | string | null;
  rank?: number;
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

/** A thread as a list gives it: with its search rank when the list was searched. */
export interface ListedThreadRecord extends ThreadRecord {
  rank: number | null;
}

export type ThreadOrder = 'recent' | 'top' | 'relevance';

export interface ThreadListFilter {
  consultationId?: string;
  kind?: ThreadKind;
  /** Ideas and complaints in this state of progress. */
  progress?: ProgressState;
  /** Full-text search, Indonesian and English. */
  q?: string;
  /** `recent`: id desc (ids are time-ordered); `top`: supports desc, id desc; `relevance` (needs `q`): rank desc, id desc. */
  order: ThreadOrder;
  /** The keyset of the previous page's last row, in the order's columns: `[id]`, `[supports, id]` or `[rank, id]`. */
  after?: readonly CursorValue[];
  /** Rows to fetch. */
  limit: number;
}

/** Where a thread stands, read without loading the entity. */
export interface ThreadState {
  status: ForumStatus;
  authorId: string;
  consultationId: string | null;
}

const threadRecord = (row: ThreadRow): ListedThreadRecord => ({
  id: row.id,
  title: row.title,
  body: row.body,
  kind: row.kind,
  consultationId: row.consultation_id,
  authorId: row.author_id,
  authorName: row.author_name,
  supports: Number(row.supports),
  postCount: Number(row.post_count),
  status: row.status,
  createdAt: toDate(row.created_at),
  editedAt: row.edited_at === null ? null : toDate(row.edited_at),
  progressState: row.progress_state,
  progressNote: row.progress_note,
  progressChangedAt: row.progress_changed_at === null ? null : toDate(row.progress_changed_at),
  rank: row.rank === undefined || row.rank === null ? null : Number(row.rank),
});

/** The `forum_threads` table: the keyset-paginated list and the counters kept beside each thread. */
@Injectable()
export class ThreadsRepository {
  constructor(private readonly em: EntityManager) {}

  /** A loaded thread entity as a record. */
  static record(thread: ForumThread): ThreadRecord {
    return {
      ...thread,
      editedAt: thread.editedAt ?? null,
      progressState: thread.progressState ?? null,
      progressNote: thread.progressNote ?? null,
      progressChangedAt: thread.progressChangedAt ?? null,
    };
  }

  /**
   * Visible threads, filtered and ordered, from `after` on. Benchmarked (`npm run bench:forum`): each
   * order reads its own index (`(status, id)`, `(status, supports, id)`, and their consultation
   * variants); a search ranks the matches of the GIN index, then pages through them.
   */
  async list(filter: ThreadListFilter): Promise<ListedThreadRecord[]> {
    const { order, after } = filter;
    const where = [`t.status = 'visible'`];
    const params: unknown[] = [];
    if (filter.consultationId) {
      where.push('t.consultation_id = ?');
      params.push(filter.consultationId);
    }
    if (filter.kind) {
      where.push('t.kind = ?');
      params.push(filter.kind);
    }
    if (filter.progress) {
      where.push('t.progress_state = ?');
      params.push(filter.progress);
    }
    let from = 'forum_threads t';
    let select = THREAD_COLUMNS;
    if (filter.q) {
      from = `forum_threads t, (select websearch_to_tsquery('indonesian', ?) || websearch_to_tsquery('english', ?) as query) s`;
      params.unshift(filter.q, filter.q);
      where.push('t.search @@ s.query');
      select += ', ts_rank(t.search, s.query) as rank';
    }
    let sql: string;
    if (order === 'relevance') {
      // The rank is computed, not indexed: rank the matches, then page through them.
      sql = `select * from (select ${select} from ${from} where ${where.join(' and ')}) ranked`;
      if (after) {
        sql += ' where (ranked.rank < ?::real or (ranked.rank = ?::real and ranked.id < ?))';
        params.push(after[0], after[0], after[1]);
      }
      sql += ' order by ranked.rank desc, ranked.id desc limit ?';
    } else if (order === 'top') {
      if (after) {
        where.push('(t.supports, t.id) < (?, ?)');
        params.push(after[0], after[1]);
      }
      sql = `select ${select} from ${from} where ${where.join(' and ')} order by t.supports desc, t.id desc limit ?`;
    } else {
      if (after) {
        where.push('t.id < ?');
        params.push(after[0]);
      }
      sql = `select ${select} from ${from} where ${where.join(' and ')} order by t.id desc limit ?`;
    }
    params.push(filter.limit);
    const rows = await runSql<ThreadRow>(this.em, sql, params);
    return rows.map(threadRecord);
  }

  /** Status, author and consultation of a thread, or null when there is none; in `em`'s transaction. */
  async state(threadId: string, em: EntityManager = this.em): Promise<ThreadState | null> {
    const rows = await runSql<{ status: ForumStatus; author_id: string; consultation_id: string | null }>(
      em,
      'select status, author_id, consultation_id from forum_threads where id = ?',
      [threadId],
    );
    const row = rows[0];
    return row ? { status: row.status, authorId: row.author_id, consultationId: row.consultation_id } : null;
  }

  /**
   * Counts one more visible post on a thread, only if the thread is visible: one statement, so a
   * post never races a moderation that hides its thread. Null when no visible thread has this id.
   */
  async countNewPost(em: EntityManager, threadId: string, visible = true): Promise<{ consultationId: string | null } | null> {
    const rows = await runSql<{ consultation_id: string | null }>(
      em,
      `update forum_threads set post_count = post_count + ? where id = ? and status = 'visible' returning consultation_id`,
      [visible ? 1 : 0, threadId],
    );
    const row = rows[0];
    return row ? { consultationId: row.consultation_id } : null;
  }

  /** Moves a thread's visible-post count by `delta`; returns the thread's consultation id. */
  async movePostCount(em: EntityManager, threadId: string, delta: number): Promise<string | null> {
    const rows = await runSql<{ consultation_id: string | null }>(
      em,
      'update forum_threads set post_count = post_count + ? where id = ? returning consultation_id',
      [delta, threadId],
    );
    return rows[0]?.consultation_id ?? null;
  }

  /** Moves a thread's support count by one; returns the new count. */
  async moveSupports(em: EntityManager, threadId: string, delta: 1 | -1): Promise<number> {
    const rows = await runSql<{ supports: number }>(
      em,
      'update forum_threads set supports = supports + ? where id = ? returning supports',
      [delta, threadId],
    );
    return Number(rows[0]?.supports ?? 0);
  }

  async supports(em: EntityManager, threadId: string): Promise<number> {
    const rows = await runSql<{ supports: number }>(em, 'select supports from forum_threads where id = ?', [threadId]);
    return Number(rows[0]?.supports ?? 0);
  }

  /** Visible threads and their visible posts per consultation; consultations without any are left out. */
  async countByConsultation(consultationIds: readonly string[]): Promise<Map<string, { threads: number; posts: number }>> {
    if (consultationIds.length === 0) return new Map();
    const rows = await runSql<{ consultation_id: string; threads: number | string; posts: number | string }>(
      this.em,
      `select consultation_id, count(*) as threads, coalesce(sum(post_count), 0) as posts from forum_threads ` +
        `where status = 'visible' and consultation_id = any(?::uuid[]) group by consultation_id`,
      [pgUuidArray(consultationIds)],
    );
    return new Map(rows.map((row) => [row.consultation_id, { threads: Number(row.threads), posts: Number(row.posts) }]));
  }
}
