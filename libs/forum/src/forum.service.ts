import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ForumStatus, hasRole, Page, ThreadKind } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { NotFoundError, ValidationError } from '@balai/errors';
import { CursorValue, decodeCursor, PageQuery, toPage } from '@balai/http';
import { Principal } from '@balai/identity';
import { CreatePostDto, UpdatePostDto } from './dto/create-post.dto';
import { CreateThreadDto } from './dto/create-thread.dto';
import { PostRecord, PostView, SupportView, ThreadRecord, ThreadView } from './dto/forum.views';
import { ListThreadsQuery } from './dto/list-threads.query';
import { UpdateThreadDto } from './dto/update-thread.dto';
import { NotAuthorError, PostNotVisibleError, ThreadNotVisibleError } from './forum.errors';
import { ForumPost } from './forum-post.entity';
import { ForumThread } from './forum-thread.entity';

const THREAD_COLUMNS =
  't.id, t.title, t.body, t.kind, t.consultation_id, t.author_id, t.author_name, t.supports, t.post_count, t.status, t.created_at, t.edited_at';
const POST_COLUMNS = 'p.id, p.thread_id, p.body, p.author_id, p.author_name, p.official, p.status, p.created_at, p.edited_at';

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
  rank?: number;
}

interface PostRow {
  id: string;
  thread_id: string;
  body: string;
  author_id: string;
  author_name: string;
  official: boolean;
  status: ForumStatus;
  created_at: Date | string;
  edited_at: Date | string | null;
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

const threadRecord = (row: ThreadRow): ThreadRecord => ({
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
});

const postRecord = (row: PostRow): PostRecord => ({
  id: row.id,
  threadId: row.thread_id,
  body: row.body,
  authorId: row.author_id,
  authorName: row.author_name,
  official: row.official,
  status: row.status,
  createdAt: toDate(row.created_at),
  editedAt: row.edited_at === null ? null : toDate(row.edited_at),
});

const threadEntityRecord = (thread: ForumThread): ThreadRecord => ({ ...thread, editedAt: thread.editedAt ?? null });
const postEntityRecord = (post: ForumPost): PostRecord => ({ ...post, threadId: post.thread.id, editedAt: post.editedAt ?? null });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const badCursor = () => new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);

/** Keyset cursors carry the order they were made for, so a `top` cursor is refused on a `recent` list. */
function readCursor(cursor: string, order: 'recent' | 'top' | 'relevance'): CursorValue[] {
  const values = decodeCursor(cursor, order === 'recent' ? ['string', 'string'] : ['string', 'number', 'string']);
  if (values[0] !== order || !UUID.test(String(values[values.length - 1]))) throw badCursor();
  return values.slice(1);
}

const canModerate = (principal?: Principal): boolean => principal !== undefined && hasRole(principal.role, 'moderator');

/** Visible threads for everyone; pending ones for moderators and their author; hidden ones for moderators. */
const isReadable = (status: ForumStatus, authorId: string, principal?: Principal): boolean =>
  status === 'visible' || canModerate(principal) || (status === 'pending' && authorId === principal?.id);

/** Threads, posts and supports. Lists are keyset-paginated SQL; writes go through the entities. */
@Injectable()
export class ForumService {
  constructor(
    private readonly em: EntityManager,
    private readonly consultations: ConsultationsService,
  ) {}

  // ---- threads -------------------------------------------------------------------------

  async createThread(input: CreateThreadDto, principal: Principal): Promise<ThreadView> {
    const thread = await this.em.transactional(async (em) => {
      if (input.consultationId) {
        await this.consultations.assertAcceptingInput(input.consultationId, em);
        await this.recordParticipant(em, input.consultationId, principal.id);
      }
      return em.create(ForumThread, {
        title: input.title,
        body: input.body,
        kind: input.kind,
        consultationId: input.consultationId ?? null,
        authorId: principal.id,
        authorName: principal.displayName,
      });
    });
    return ThreadView.of(threadEntityRecord(thread));
  }

  /**
   * Visible threads, filtered and ordered: `recent` (id desc; ids are time-ordered), `top`
   * (supports desc, id desc) or, with `q` and no `sort`, relevance (ts_rank desc, id desc).
   */
  async listThreads(query: ListThreadsQuery): Promise<Page<ThreadView>> {
    const order = query.sort ?? (query.q ? 'relevance' : 'recent');
    const after = query.cursor ? readCursor(query.cursor, order) : undefined;
    const where = [`t.status = 'visible'`];
    const params: unknown[] = [];
    if (query.consultationId) {
      where.push('t.consultation_id = ?');
      params.push(query.consultationId);
    }
    if (query.kind) {
      where.push('t.kind = ?');
      params.push(query.kind);
    }
    let from = 'forum_threads t';
    let select = THREAD_COLUMNS;
    if (query.q) {
      from = `forum_threads t, (select websearch_to_tsquery('indonesian', ?) || websearch_to_tsquery('english', ?) as query) s`;
      params.unshift(query.q, query.q);
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
    params.push(query.limit + 1);
    const rows: ThreadRow[] = await this.em.getConnection().execute(sql, params);
    return toPage(
      rows,
      query.limit,
      (row): CursorValue[] =>
        order === 'recent'
          ? ['recent', row.id]
          : order === 'top'
            ? ['top', Number(row.supports), row.id]
            : ['relevance', Number(row.rank), row.id],
      (row) => ThreadView.of(threadRecord(row)),
    );
  }

  async getThread(id: string, principal?: Principal): Promise<ThreadView> {
    const thread = await this.findReadableThread(id, principal);
    const supported = principal ? await this.isSupporter(id, principal.id) : undefined;
    return ThreadView.of(threadEntityRecord(thread), supported);
  }

  async updateThread(id: string, input: UpdateThreadDto, principal: Principal): Promise<ThreadView> {
    if (input.title === undefined && input.body === undefined) {
      throw new ValidationError([{ field: 'body', message: 'send a new title or body' }]);
    }
    const thread = await this.em.transactional(async (em) => {
      const thread = await this.findReadableThread(id, principal, em, LockMode.PESSIMISTIC_WRITE);
      if (thread.authorId !== principal.id) throw NotAuthorError('thread');
      if (thread.status === 'hidden') throw ThreadNotVisibleError(id);
      if (thread.consultationId) await this.consultations.assertAcceptingInput(thread.consultationId, em);
      if (input.title !== undefined) thread.title = input.title;
      if (input.body !== undefined) thread.body = input.body;
      thread.editedAt = new Date();
      return thread;
    });
    return ThreadView.of(threadEntityRecord(thread));
  }

  /** For moderation: `hidden` removes the thread from lists and, for non-moderators, from reach. */
  async setThreadStatus(id: string, status: ForumStatus): Promise<ThreadView> {
    const thread = await this.em.transactional(async (em) => {
      const thread = await em.findOne(ForumThread, { id });
      if (!thread) throw new NotFoundError('Thread', id);
      thread.status = status;
      return thread;
    });
    return ThreadView.of(threadEntityRecord(thread));
  }

  // ---- posts ---------------------------------------------------------------------------

  async createPost(threadId: string, input: CreatePostDto, principal: Principal): Promise<PostView> {
    const post = await this.em.transactional(async (em) => {
      // One statement checks the thread takes posts and counts the new one, with no race against moderation.
      const counted: { consultation_id: string | null }[] = await em.execute(
        `update forum_threads set post_count = post_count + 1 where id = ? and status = 'visible' returning consultation_id`,
        [threadId],
      );
      if (counted.length === 0) {
        const exists = await em.count(ForumThread, { id: threadId });
        throw exists > 0 ? ThreadNotVisibleError(threadId) : new NotFoundError('Thread', threadId);
      }
      const consultationId = counted[0]?.consultation_id;
      if (consultationId) {
        await this.consultations.assertAcceptingInput(consultationId, em);
        await this.recordParticipant(em, consultationId, principal.id);
      }
      return em.create(ForumPost, {
        thread: em.getReference(ForumThread, threadId),
        body: input.body,
        authorId: principal.id,
        authorName: principal.displayName,
        official: hasRole(principal.role, 'official'),
      });
    });
    return PostView.of(postEntityRecord(post));
  }

  /** Oldest first. Non-moderators see visible posts of threads they may read. */
  async listPosts(threadId: string, query: PageQuery, principal?: Principal): Promise<Page<PostView>> {
    // A light check (no entity): this list is read far more often than threads are written.
    const threads: { status: ForumStatus; author_id: string }[] = await this.em
      .getConnection()
      .execute('select status, author_id from forum_threads where id = ?', [threadId]);
    const thread = threads[0];
    if (!thread || !isReadable(thread.status, thread.author_id, principal)) throw new NotFoundError('Thread', threadId);
    const after = query.cursor ? readCursor(query.cursor, 'recent') : undefined;
    const where = ['p.thread_id = ?'];
    const params: unknown[] = [threadId];
    if (!canModerate(principal)) where.push(`p.status = 'visible'`);
    if (after) {
      where.push('p.id > ?');
      params.push(after[0]);
    }
    params.push(query.limit + 1);
    const rows: PostRow[] = await this.em
      .getConnection()
      .execute(`select ${POST_COLUMNS} from forum_posts p where ${where.join(' and ')} order by p.id asc limit ?`, params);
    return toPage(
      rows,
      query.limit,
      (row) => ['recent', row.id],
      (row) => PostView.of(postRecord(row)),
    );
  }

  async updatePost(id: string, input: UpdatePostDto, principal: Principal): Promise<PostView> {
    const post = await this.em.transactional(async (em) => {
      const post = await em.findOne(ForumPost, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const thread = post ? await em.findOne(ForumThread, { id: post.thread.id }) : null;
      const moderator = canModerate(principal);
      if (!post || !thread || (!moderator && (post.status === 'hidden' || thread.status === 'hidden'))) throw new NotFoundError('Post', id);
      if (post.authorId !== principal.id) throw NotAuthorError('post');
      if (post.status !== 'visible') throw PostNotVisibleError(id);
      if (thread.status !== 'visible') throw ThreadNotVisibleError(thread.id);
      if (thread.consultationId) await this.consultations.assertAcceptingInput(thread.consultationId, em);
      post.body = input.body;
      post.editedAt = new Date();
      return post;
    });
    return PostView.of(postEntityRecord(post));
  }

  /** For moderation; keeps the thread's postCount equal to its visible posts. */
  async setPostStatus(id: string, status: ForumStatus): Promise<PostView> {
    const post = await this.em.transactional(async (em) => {
      const post = await em.findOne(ForumPost, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!post) throw new NotFoundError('Post', id);
      const delta = (status === 'visible' ? 1 : 0) - (post.status === 'visible' ? 1 : 0);
      if (delta !== 0) await em.execute('update forum_threads set post_count = post_count + ? where id = ?', [delta, post.thread.id]);
      post.status = status;
      return post;
    });
    return PostView.of(postEntityRecord(post));
  }

  // ---- supports ------------------------------------------------------------------------

  /** Idempotent. The primary key keeps one support per user; the counter moves only when a row did. */
  async support(threadId: string, principal: Principal): Promise<SupportView> {
    return this.em.transactional(async (em) => {
      const consultationId = await this.assertThreadTakesInput(threadId, em);
      if (consultationId) await this.recordParticipant(em, consultationId, principal.id);
      const inserted: unknown[] = await em.execute(
        'insert into forum_thread_supports (thread_id, user_id) values (?, ?) on conflict do nothing returning thread_id',
        [threadId, principal.id],
      );
      const supports = inserted.length > 0 ? await this.moveSupports(em, threadId, 1) : await this.currentSupports(em, threadId);
      return { supports, supported: true };
    });
  }

  async unsupport(threadId: string, principal: Principal): Promise<SupportView> {
    return this.em.transactional(async (em) => {
      await this.assertThreadTakesInput(threadId, em);
      const deleted: unknown[] = await em.execute(
        'delete from forum_thread_supports where thread_id = ? and user_id = ? returning thread_id',
        [threadId, principal.id],
      );
      const supports = deleted.length > 0 ? await this.moveSupports(em, threadId, -1) : await this.currentSupports(em, threadId);
      return { supports, supported: false };
    });
  }

  // ---- helpers -------------------------------------------------------------------------

  /** 404 when missing or hidden from this caller: hidden only for moderators, pending for moderators and the author. */
  private async findReadableThread(
    id: string,
    principal?: Principal,
    em: EntityManager = this.em,
    lockMode?: LockMode,
  ): Promise<ForumThread> {
    const thread = await em.findOne(ForumThread, { id }, lockMode ? { lockMode } : {});
    if (!thread) throw new NotFoundError('Thread', id);
    if (!isReadable(thread.status, thread.authorId, principal)) throw new NotFoundError('Thread', id);
    return thread;
  }

  /** Returns the thread's consultation id, if any. */
  private async assertThreadTakesInput(threadId: string, em: EntityManager): Promise<string | null> {
    const rows: { status: ForumStatus; consultation_id: string | null }[] = await em.execute(
      'select status, consultation_id from forum_threads where id = ?',
      [threadId],
    );
    const thread = rows[0];
    if (!thread) throw new NotFoundError('Thread', threadId);
    if (thread.status !== 'visible') throw ThreadNotVisibleError(threadId);
    if (thread.consultation_id) await this.consultations.assertAcceptingInput(thread.consultation_id, em);
    return thread.consultation_id;
  }

  private recordParticipant(em: EntityManager, consultationId: string, userId: string): Promise<void> {
    return this.consultations.recordParticipants([{ consultationId, userId }], em);
  }

  private async moveSupports(em: EntityManager, threadId: string, delta: 1 | -1): Promise<number> {
    const rows: { supports: number }[] = await em.execute(
      'update forum_threads set supports = supports + ? where id = ? returning supports',
      [delta, threadId],
    );
    return Number(rows[0]?.supports ?? 0);
  }

  private async currentSupports(em: EntityManager, threadId: string): Promise<number> {
    const rows: { supports: number }[] = await em.execute('select supports from forum_threads where id = ?', [threadId]);
    return Number(rows[0]?.supports ?? 0);
  }

  private async isSupporter(threadId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.em
      .getConnection()
      .execute('select 1 from forum_thread_supports where thread_id = ? and user_id = ?', [threadId, userId]);
    return rows.length > 0;
  }
}
