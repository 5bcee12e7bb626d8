import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ForumStatus, hasRole, Page } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { NotFoundError, ValidationError } from '@balai/errors';
import { ContentScreen, EventBus } from '@balai/events';
import { CursorValue, decodeCursor, PageQuery, toPage } from '@balai/http';
import { Principal } from '@balai/identity';
import { CreatePostDto, UpdatePostDto } from './dto/create-post.dto';
import { CreateThreadDto } from './dto/create-thread.dto';
import { PostView, ProgressChangeView, SupportView, ThreadView } from './dto/forum.views';
import { SetProgressDto } from './dto/set-progress.dto';
import { ListThreadsQuery } from './dto/list-threads.query';
import { UpdateThreadDto } from './dto/update-thread.dto';
import {
  NotAuthorError,
  PostNotVisibleError,
  ProgressNotApplicableError,
  ProgressStepNotAllowedError,
  ThreadNotVisibleError,
} from './forum.errors';
import { ForumPost } from './forum-post.entity';
import { ForumThread } from './forum-thread.entity';
import { PostsRepository } from './posts.repository';
import { hasProgress, progressNeedsNote, progressStepAllowed } from './progress-rules';
import { ThreadProgressChange } from './thread-progress-change.entity';
import { SupportsRepository } from './supports.repository';
import { ThreadOrder, ThreadsRepository } from './threads.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const badCursor = () => new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);

/** Keyset cursors carry the order they were made for, so a `top` cursor is refused on a `recent` list. */
function readCursor(cursor: string, order: ThreadOrder): CursorValue[] {
  const values = decodeCursor(cursor, order === 'recent' ? ['string', 'string'] : ['string', 'number', 'string']);
  if (values[0] !== order || !UUID.test(String(values[values.length - 1]))) throw badCursor();
  return values.slice(1);
}

const excerpt = (text: string): string => (text.length > 280 ? `${text.slice(0, 279)}…` : text);

export interface ForumModerationTarget {
  authorId: string;
  authorName: string;
  excerpt: string;
  consultationId: string | null;
  threadId: string;
  status: ForumStatus;
}

const canModerate = (principal?: Principal): boolean => principal !== undefined && hasRole(principal.role, 'moderator');

/** Visible threads for everyone; pending ones for moderators and their author; hidden ones for moderators. */
const isReadable = (status: ForumStatus, authorId: string, principal?: Principal): boolean =>
  status === 'visible' || canModerate(principal) || (status === 'pending' && authorId === principal?.id);

/**
 * Threads, posts and supports: who may read and write what. Statements live in the repositories;
 * entity writes flush with the transaction, whose commit delivers the forum's events (`forum.events.ts`).
 */
@Injectable()
export class ForumService {
  constructor(
    private readonly em: EntityManager,
    private readonly consultations: ConsultationsService,
    private readonly bus: EventBus,
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly supports: SupportsRepository,
    private readonly screen: ContentScreen,
  ) {}

  // ---- threads -------------------------------------------------------------------------

  /** A thread whose text matches the banned-word lists waits as `pending` for a moderator. */
  async createThread(input: CreateThreadDto, principal: Principal): Promise<ThreadView> {
    const flagged = this.screen.check(input.title, input.body).length > 0;
    const thread = await this.em.transactional(async (em) => {
      if (input.consultationId) {
        await this.consultations.assertAcceptingInput(input.consultationId, em);
        await this.recordParticipant(em, input.consultationId, principal.id);
      }
      const thread = em.create(ForumThread, {
        title: input.title,
        body: input.body,
        kind: input.kind,
        consultationId: input.consultationId ?? null,
        authorId: principal.id,
        authorName: principal.displayName,
        status: flagged ? 'pending' : 'visible',
        ...(hasProgress(input.kind) ? { progressState: 'received' as const } : {}),
      });
      if (thread.progressState) thread.progressChangedAt = thread.createdAt;
      this.bus.afterCommit(em, 'thread.created', {
        threadId: thread.id,
        consultationId: thread.consultationId,
        authorId: thread.authorId,
        kind: thread.kind,
        status: thread.status,
        title: thread.title,
        createdAt: thread.createdAt,
      });
      return thread;
    });
    return ThreadView.of(ThreadsRepository.record(thread));
  }

  /**
   * Visible threads, filtered and ordered: `recent` (id desc; ids are time-ordered), `top`
   * (supports desc, id desc) or, with `q` and no `sort`, relevance (ts_rank desc, id desc).
   */
  async listThreads(query: ListThreadsQuery): Promise<Page<ThreadView>> {
    const order: ThreadOrder = query.sort ?? (query.q ? 'relevance' : 'recent');
    const rows = await this.threads.list({
      consultationId: query.consultationId,
      kind: query.kind,
      progress: query.progress,
      q: query.q,
      order,
      after: query.cursor ? readCursor(query.cursor, order) : undefined,
      limit: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (row): CursorValue[] =>
        order === 'recent' ? ['recent', row.id] : order === 'top' ? ['top', row.supports, row.id] : ['relevance', Number(row.rank), row.id],
      (row) => ThreadView.of(row),
    );
  }

  async getThread(id: string, principal?: Principal): Promise<ThreadView> {
    const thread = await this.findReadableThread(id, principal);
    const supported = principal ? await this.supports.has(id, principal.id) : undefined;
    return ThreadView.of(ThreadsRepository.record(thread), supported);
  }

  async updateThread(id: string, input: UpdateThreadDto, principal: Principal): Promise<ThreadView> {
    if (input.title === undefined && input.body === undefined) {
      throw new ValidationError([{ field: 'body', message: 'send a new title or body' }]);
    }
    const thread = await this.em.transactional(async (em) => {
      const thread = await this.findReadableThread(id, principal, em, LockMode.PESSIMISTIC_WRITE);
      if (thread.authorId !== principal.id) throw new NotAuthorError('thread');
      if (thread.status === 'hidden') throw new ThreadNotVisibleError(id);
      if (thread.consultationId) await this.consultations.assertAcceptingInput(thread.consultationId, em);
      if (input.title !== undefined) thread.title = input.title;
      if (input.body !== undefined) thread.body = input.body;
      thread.editedAt = new Date();
      this.bus.afterCommit(em, 'thread.updated', {
        threadId: thread.id,
        consultationId: thread.consultationId,
        authorId: thread.authorId,
        fields: [...(input.title !== undefined ? ['title' as const] : []), ...(input.body !== undefined ? ['body' as const] : [])],
        editedAt: thread.editedAt,
      });
      return thread;
    });
    return ThreadView.of(ThreadsRepository.record(thread));
  }

  /** For moderation: `hidden` removes the thread from lists and, for non-moderators, from reach. */
  async setThreadStatus(id: string, status: ForumStatus): Promise<ThreadView> {
    const thread = await this.em.transactional(async (em) => {
      const thread = await em.findOne(ForumThread, { id });
      if (!thread) throw new NotFoundError('Thread', id);
      const from = thread.status;
      thread.status = status;
      if (from !== status) {
        this.bus.afterCommit(em, 'thread.status_changed', {
          threadId: thread.id,
          consultationId: thread.consultationId,
          authorId: thread.authorId,
          from,
          to: status,
        });
      }
      return thread;
    });
    return ThreadView.of(ThreadsRepository.record(thread));
  }

  // ---- progress of ideas and complaints ----------------------------------------------

  /** Officials: one step of the documented state machine; the author and supporters hear of it. */
  async setProgress(id: string, input: SetProgressDto, principal: Principal): Promise<ThreadView> {
    const note = input.note ? input.note : null;
    if (progressNeedsNote(input.state) && !note) {
      throw new ValidationError([{ field: 'note', message: `note (the reason) is required for ${input.state}` }]);
    }
    const thread = await this.em.transactional(async (em) => {
      const thread = await this.findReadableThread(id, principal, em, LockMode.PESSIMISTIC_WRITE);
      const from = thread.progressState;
      if (!hasProgress(thread.kind) || !from) throw new ProgressNotApplicableError(id);
      if (!progressStepAllowed(from, input.state)) throw new ProgressStepNotAllowedError(from, input.state);
      const change = em.create(ThreadProgressChange, {
        thread: thread.id,
        state: input.state,
        note,
        byId: principal.id,
        byName: principal.displayName,
      });
      thread.progressState = input.state;
      thread.progressNote = note;
      thread.progressChangedAt = change.at;
      this.bus.afterCommit(em, 'thread.progress_changed', {
        changeId: change.id,
        threadId: thread.id,
        consultationId: thread.consultationId,
        authorId: thread.authorId,
        kind: thread.kind,
        title: thread.title,
        from,
        to: input.state,
        note,
        changedBy: principal.id,
        changedAt: change.at,
      });
      return thread;
    });
    return ThreadView.of(ThreadsRepository.record(thread));
  }

  /** The changes of progress, oldest first (not the initial `received`); empty for other kinds. */
  async progressHistory(id: string, principal?: Principal): Promise<ProgressChangeView[]> {
    await this.findReadableThread(id, principal);
    const changes = await this.em.find(ThreadProgressChange, { thread: id }, { orderBy: { id: 'asc' } });
    return changes.map((change) => ({
      state: change.state,
      note: change.note,
      by: { displayName: change.byName },
      at: change.at.toISOString(),
    }));
  }

  /** The thread a post belongs to (for a link to it), or null when there is no such post. */
  async threadOfPost(postId: string): Promise<string | null> {
    const post = await this.em.fork().findOne(ForumPost, { id: postId }, { fields: ['id', 'thread'] });
    return post ? post.thread.id : null;
  }

  /** Who supports a thread: for telling them what became of it. */
  supporterIds(threadId: string): Promise<string[]> {
    return this.supports.userIds(threadId);
  }

  // ---- posts ---------------------------------------------------------------------------

  /** A post whose text matches the banned-word lists waits as `pending` (not counted) for a moderator. */
  async createPost(threadId: string, input: CreatePostDto, principal: Principal): Promise<PostView> {
    const flagged = this.screen.check(input.body).length > 0;
    const post = await this.em.transactional(async (em) => {
      // The consultation and the participant row first, the thread's row second: the order a support
      // takes them in, so a citizen's first post and first support at once cannot deadlock.
      const consultationId = (await this.threads.state(threadId, em))?.consultationId ?? null;
      if (consultationId) {
        await this.consultations.assertAcceptingInput(consultationId, em);
        await this.recordParticipant(em, consultationId, principal.id);
      }
      // One statement checks the thread takes posts and counts the new one, with no race against moderation.
      const counted = await this.threads.countNewPost(em, threadId, !flagged);
      if (!counted) {
        const exists = await em.count(ForumThread, { id: threadId });
        throw exists > 0 ? new ThreadNotVisibleError(threadId) : new NotFoundError('Thread', threadId);
      }
      const post = em.create(ForumPost, {
        thread: em.getReference(ForumThread, threadId),
        body: input.body,
        authorId: principal.id,
        authorName: principal.displayName,
        official: hasRole(principal.role, 'official'),
        status: flagged ? 'pending' : 'visible',
      });
      this.bus.afterCommit(em, 'post.created', {
        postId: post.id,
        threadId,
        consultationId,
        authorId: post.authorId,
        official: post.official,
        status: post.status,
        createdAt: post.createdAt,
      });
      return post;
    });
    return PostView.of(PostsRepository.record(post));
  }

  /** Oldest first. Non-moderators see visible posts of threads they may read. */
  async listPosts(threadId: string, query: PageQuery, principal?: Principal): Promise<Page<PostView>> {
    // A light check (no entity): this list is read far more often than threads are written.
    const thread = await this.threads.state(threadId);
    if (!thread || !isReadable(thread.status, thread.authorId, principal)) throw new NotFoundError('Thread', threadId);
    const after = query.cursor ? readCursor(query.cursor, 'recent') : undefined;
    const rows = await this.posts.list({
      threadId,
      visibleOnly: !canModerate(principal),
      afterId: after ? String(after[0]) : undefined,
      limit: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (row) => ['recent', row.id],
      (row) => PostView.of(row),
    );
  }

  async updatePost(id: string, input: UpdatePostDto, principal: Principal): Promise<PostView> {
    const post = await this.em.transactional(async (em) => {
      const post = await em.findOne(ForumPost, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const thread = post ? await em.findOne(ForumThread, { id: post.thread.id }) : null;
      const moderator = canModerate(principal);
      if (!post || !thread || (!moderator && (post.status === 'hidden' || thread.status === 'hidden'))) throw new NotFoundError('Post', id);
      if (post.authorId !== principal.id) throw new NotAuthorError('post');
      if (post.status !== 'visible') throw new PostNotVisibleError(id);
      if (thread.status !== 'visible') throw new ThreadNotVisibleError(thread.id);
      if (thread.consultationId) await this.consultations.assertAcceptingInput(thread.consultationId, em);
      post.body = input.body;
      post.editedAt = new Date();
      this.bus.afterCommit(em, 'post.updated', {
        postId: post.id,
        threadId: thread.id,
        consultationId: thread.consultationId,
        authorId: post.authorId,
        editedAt: post.editedAt,
      });
      return post;
    });
    return PostView.of(PostsRepository.record(post));
  }

  /** For moderation; keeps the thread's postCount equal to its visible posts. */
  async setPostStatus(id: string, status: ForumStatus): Promise<PostView> {
    const post = await this.em.transactional(async (em) => {
      const post = await em.findOne(ForumPost, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!post) throw new NotFoundError('Post', id);
      const from = post.status;
      if (from === status) return post;
      const threadId = post.thread.id;
      const delta = (status === 'visible' ? 1 : 0) - (from === 'visible' ? 1 : 0);
      const consultationId =
        delta !== 0
          ? await this.threads.movePostCount(em, threadId, delta)
          : ((await this.threads.state(threadId, em))?.consultationId ?? null);
      post.status = status;
      this.bus.afterCommit(em, 'post.status_changed', {
        postId: post.id,
        threadId,
        consultationId,
        authorId: post.authorId,
        from,
        to: status,
      });
      return post;
    });
    return PostView.of(PostsRepository.record(post));
  }

  /**
   * What moderation shows of a thread or post in its queue (any status), or null when it does not
   * exist: its author, an excerpt, where it belongs and its status.
   */
  async moderationTarget(type: 'thread' | 'post', id: string, em: EntityManager = this.em.fork()): Promise<ForumModerationTarget | null> {
    if (type === 'thread') {
      const thread = await em.findOne(ForumThread, { id });
      if (!thread) return null;
      return {
        authorId: thread.authorId,
        authorName: thread.authorName,
        excerpt: excerpt(`${thread.title}: ${thread.body}`),
        consultationId: thread.consultationId,
        threadId: thread.id,
        status: thread.status,
      };
    }
    const post = await em.findOne(ForumPost, { id });
    if (!post) return null;
    const thread = await this.threads.state(post.thread.id, em);
    return {
      authorId: post.authorId,
      authorName: post.authorName,
      excerpt: excerpt(post.body),
      consultationId: thread?.consultationId ?? null,
      threadId: post.thread.id,
      status: post.status,
    };
  }

  // ---- supports ------------------------------------------------------------------------

  /** Idempotent. The primary key keeps one support per user; the counter moves only when a row did. */
  async support(threadId: string, principal: Principal): Promise<SupportView> {
    return this.em.transactional(async (em) => {
      const consultationId = await this.assertThreadTakesInput(threadId, em);
      if (consultationId) await this.recordParticipant(em, consultationId, principal.id);
      if (!(await this.supports.add(em, threadId, principal.id)))
        return { supports: await this.threads.supports(em, threadId), supported: true };
      const supports = await this.threads.moveSupports(em, threadId, 1);
      this.bus.afterCommit(em, 'thread.supported', { threadId, consultationId, userId: principal.id, supports });
      return { supports, supported: true };
    });
  }

  async unsupport(threadId: string, principal: Principal): Promise<SupportView> {
    return this.em.transactional(async (em) => {
      const consultationId = await this.assertThreadTakesInput(threadId, em);
      if (!(await this.supports.remove(em, threadId, principal.id))) {
        return { supports: await this.threads.supports(em, threadId), supported: false };
      }
      const supports = await this.threads.moveSupports(em, threadId, -1);
      this.bus.afterCommit(em, 'thread.unsupported', { threadId, consultationId, userId: principal.id, supports });
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
    const thread = await this.threads.state(threadId, em);
    if (!thread) throw new NotFoundError('Thread', threadId);
    if (thread.status !== 'visible') throw new ThreadNotVisibleError(threadId);
    if (thread.consultationId) await this.consultations.assertAcceptingInput(thread.consultationId, em);
    return thread.consultationId;
  }

  private recordParticipant(em: EntityManager, consultationId: string, userId: string): Promise<void> {
    return this.consultations.recordParticipants([{ consultationId, userId }], em);
  }
}
