import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppConfig } from '@balai/config';
import { hasRole, QuestionStatus } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { isUniqueViolation } from '@balai/database';
import { ForbiddenError, NotFoundError } from '@balai/errors';
import { decodeCursor, toPage } from '@balai/http';
import type { Principal } from '@balai/identity';
import { moderatorsRoom, RealtimeHub, sessionRoom, userRoom } from '@balai/realtime';
import { RateLimiter, RateLimiterFactory } from '@balai/redis';
import { AskQuestionDto, ListQuestionsQuery, ModerateQuestionDto } from './dto/live.dto';
import { LiveQuestionPage, LiveQuestionResponse } from './dto/live.views';
import { AnonymousNotAllowedError, ModeratorOnlyError, QuestionTransitionError, SessionEndedError } from './live.errors';
import { LiveQuestion, LiveQuestionFields } from './live-question.entity';
import { LiveSession } from './live-session.entity';

export const PUBLIC_STATUSES: QuestionStatus[] = ['approved', 'answered'];

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
}
const VISIBLE_TO_ALL: QuestionStatus[] = ['approved', 'answered', 'archived'];

type Effect = () => void;

/** Questions: ask (idempotent by clientRequestId), moderate, list. Every broadcast follows the commit. */
@Injectable()
export class LiveQuestionsService {
  private readonly askLimiter: RateLimiter;

  constructor(
    private readonly em: EntityManager,
    private readonly consultations: ConsultationsService,
    private readonly hub: RealtimeHub,
    limiters: RateLimiterFactory,
    config: AppConfig,
  ) {
    this.askLimiter = limiters.create({ name: 'live-ask', points: config.limits.liveQuestionsPerMinute, durationSeconds: 60 });
  }

  async ask(principal: Principal, input: AskQuestionDto): Promise<LiveQuestionResponse> {
    const em = this.em.fork();
    const key = { sessionId: input.sessionId, authorId: principal.id, clientRequestId: input.clientRequestId };
    const earlier = await em.findOne(LiveQuestion, key);
    if (earlier) return this.view(earlier, await this.onScreenId(earlier.sessionId), principal);

    const session = await em.findOne(LiveSession, { id: input.sessionId });
    if (!session) throw new NotFoundError('Live session', input.sessionId);
    if (session.status === 'ended') throw SessionEndedError();
    if (input.anonymous && !session.allowAnonymous) throw AnonymousNotAllowedError();
    if (session.consultationId) await this.consultations.assertAcceptingInput(session.consultationId);
    await this.askLimiter.consume(`${session.id}:${principal.id}`);

    const question = em.create(LiveQuestion, {
      ...key,
      authorName: principal.displayName,
      anonymous: input.anonymous ?? false,
      text: input.text,
      status: session.preModeration ? 'pending' : 'approved',
    });
    try {
      await em.flush();
    } catch (error: unknown) {
      // The same clientRequestId raced itself: the unique index kept one; return that one.
      if (!isUniqueViolation(error)) throw error;
      const kept = await this.em.fork().findOne(LiveQuestion, key);
      if (!kept) throw error;
      return this.view(kept, session.onScreenQuestionId, principal);
    }
    if (session.consultationId)
      await this.consultations.recordParticipants([{ consultationId: session.consultationId, userId: principal.id }]);
    if (question.status === 'approved') {
      this.broadcast('question:new', question, false);
    } else {
      this.hub.send(moderatorsRoom(session.id), 'moderation:item', {
        itemId: question.id,
        type: 'question',
        question: LiveQuestionResponse.of(question, { onScreen: false, privileged: true }),
      });
    }
    return this.view(question, session.onScreenQuestionId, principal);
  }

  async moderate(principal: Principal, input: ModerateQuestionDto): Promise<LiveQuestionResponse> {
    if (!hasRole(principal.role, 'moderator')) throw ModeratorOnlyError();
    const effects: Effect[] = [];
    const result = await this.em.fork().transactional(async (em) => {
      const found = await em.findOne(LiveQuestion, { id: input.questionId });
      if (!found) throw new NotFoundError('Question', input.questionId);
      // The session row is the lock that keeps one question on screen per session.
      const session = await em.findOneOrFail(LiveSession, { id: found.sessionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const question = await em.findOneOrFail(LiveQuestion, { id: input.questionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (session.status === 'ended') throw SessionEndedError();
      const before = question.status;
      const room = sessionRoom(session.id);
      const takeOffScreen = () => {
        if (session.onScreenQuestionId !== question.id) return;
        session.onScreenQuestionId = null;
        effects.push(() => this.hub.send(room, 'screen:changed', { sessionId: session.id, question: null }));
      };
      const resolved = () => {
        if (before === 'pending')
          effects.push(() => this.hub.send(moderatorsRoom(session.id), 'moderation:resolved', { itemId: question.id }));
      };
      const updated = () => effects.push(() => this.broadcast('question:updated', question, session.onScreenQuestionId === question.id));

      switch (input.action) {
        case 'approve':
          if (before === 'approved') break;
          if (!['pending', 'rejected', 'archived'].includes(before)) throw QuestionTransitionError(before, input.action);
          question.status = 'approved';
          question.rejectionReason = null;
          effects.push(() => this.broadcast('question:new', question, false));
          resolved();
          break;
        case 'reject':
          if (before === 'rejected') break;
          question.status = 'rejected';
          question.rejectionReason = input.reason ?? null;
          takeOffScreen();
          // The reason is for the author alone; the room never hears of a rejection.
          effects.push(() =>
            this.hub.send(userRoom(question.authorId), 'question:updated', {
              question: LiveQuestionResponse.of(question, { onScreen: false, privileged: true }),
            }),
          );
          resolved();
          break;
        case 'answer':
          if (before === 'answered') break;
          if (before !== 'approved') throw QuestionTransitionError(before, input.action);
          question.status = 'answered';
          updated();
          break;
        case 'archive':
          if (before === 'archived') break;
          if (before === 'rejected') throw QuestionTransitionError(before, input.action);
          question.status = 'archived';
          takeOffScreen();
          if (before !== 'pending') updated();
          resolved();
          break;
        case 'show': {
          if (!PUBLIC_STATUSES.includes(before)) throw QuestionTransitionError(before, input.action);
          const previousId = session.onScreenQuestionId;
          if (previousId === question.id) break;
          session.onScreenQuestionId = question.id;
          if (previousId) {
            const previous = await em.findOne(LiveQuestion, { id: previousId });
            if (previous) effects.push(() => this.broadcast('question:updated', previous, false));
          }
          updated();
          effects.push(() => this.hub.send(room, 'screen:changed', { sessionId: session.id, question: this.publicView(question, true) }));
          break;
        }
        case 'hide':
          if (session.onScreenQuestionId !== question.id) break;
          takeOffScreen();
          updated();
          break;
      }
      await em.flush();
      return LiveQuestionResponse.of(question, { onScreen: session.onScreenQuestionId === question.id, privileged: true });
    });
    for (const effect of effects) effect();
    return result;
  }

  async list(viewer: Principal | undefined, sessionId: string, query: ListQuestionsQuery): Promise<LiveQuestionPage> {
    const em = this.em.fork();
    const session = await em.findOne(LiveSession, { id: sessionId });
    if (!session) throw new NotFoundError('Live session', sessionId);
    const moderator = viewer !== undefined && hasRole(viewer.role, 'moderator');
    if (query.status && !VISIBLE_TO_ALL.includes(query.status) && !moderator) {
      throw new ForbiddenError('role_required', `Only moderators see ${query.status} questions`);
    }
    const statuses = query.status ? [query.status] : moderator ? undefined : VISIBLE_TO_ALL;
    const where: Record<string, unknown> = { sessionId, ...(statuses ? { status: { $in: statuses } } : {}) };
    if (query.sort === 'top') {
      if (query.cursor) {
        const [upvotes, id] = decodeCursor(query.cursor, ['number', 'string']);
        where.$or = [{ upvotes: { $lt: upvotes } }, { upvotes, id: { $gt: id } }];
      }
    } else if (query.cursor) {
      const [id] = decodeCursor(query.cursor, ['string']);
      where.id = { $lt: id };
    }
    const rows = await em.find(LiveQuestion, where, {
      orderBy: query.sort === 'top' ? [{ upvotes: 'desc' }, { id: 'asc' }] : [{ id: 'desc' }],
      limit: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (row) => (query.sort === 'top' ? [row.upvotes, row.id] : [row.id]),
      (row) => LiveQuestionResponse.of(row, { onScreen: session.onScreenQuestionId === row.id, privileged: moderator }),
    );
  }

  /**
   * A consultation's live Q&A for its summary: public questions (approved, answered, archived) and
   * their upvotes across the consultation's sessions, and the top `limit` by upvotes (oldest first on ties).
   */
  async consultationSummary(
    consultationId: string,
    limit = 5,
  ): Promise<{ questions: number; upvotes: number; topQuestions: { id: string; text: string; upvotes: number }[] }> {
    const connection = this.em.getConnection();
    const [totals] = await connection.execute<{ questions: string | number; upvotes: string | number | null }[]>(
      `select count(*) as questions, coalesce(sum(q.upvotes), 0) as upvotes
         from live_questions q join live_sessions s on s.id = q.session_id
        where s.consultation_id = ? and q.status in ('approved', 'answered', 'archived')`,
      [consultationId],
    );
    const top = await connection.execute<{ id: string; text: string; upvotes: number }[]>(
      `select q.id, q.text, q.upvotes
         from live_questions q join live_sessions s on s.id = q.session_id
        where s.consultation_id = ? and q.status in ('approved', 'answered', 'archived')
        order by q.upvotes desc, q.id asc limit ?`,
      [consultationId, limit],
    );
    return {
      questions: Number(totals?.questions ?? 0),
      upvotes: Number(totals?.upvotes ?? 0),
      topQuestions: top.map((row) => ({ id: row.id, text: row.text, upvotes: Number(row.upvotes) })),
    };
  }

  /** Approved + answered, top `limit` by upvotes (oldest first on ties). */
  /**
   * The public questions of a session, most upvoted first, as plain rows: every join of a hall reads
   * them (one shared read at a time, see GroupedReader), and entities would cost a unit of work and
   * the hydration of a hundred rows per read, most of a join storm's CPU when measured.
   */
  async top(sessionId: string, limit = 100): Promise<LiveQuestionFields[]> {
    const rows = await this.em.getConnection().execute<QuestionRecord[]>(
      `select id, session_id, author_id, author_name, anonymous, text, status, upvotes, rejection_reason, created_at
         from live_questions
        where session_id = ? and status in (${PUBLIC_STATUSES.map(() => '?').join(', ')})
        order by upvotes desc, id asc
        limit ?`,
      [sessionId, ...PUBLIC_STATUSES, limit],
    );
    return rows.map((row) => ({
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
    }));
  }

  async pending(sessionId: string, limit = 100): Promise<LiveQuestion[]> {
    return this.em.fork().find(LiveQuestion, { sessionId, status: 'pending' }, { orderBy: { id: 'asc' }, limit });
  }

  async findOne(id: string): Promise<LiveQuestion | null> {
    return this.em.fork().findOne(LiveQuestion, { id });
  }

  /** The room sees the public view; the session's moderators see who asked an anonymous question. */
  private broadcast(event: 'question:new' | 'question:updated', question: LiveQuestion, onScreen: boolean): void {
    const moderators = moderatorsRoom(question.sessionId);
    this.hub.sendExcept(sessionRoom(question.sessionId), moderators, event, { question: this.publicView(question, onScreen) });
    this.hub.send(moderators, event, { question: LiveQuestionResponse.of(question, { onScreen, privileged: true }) });
  }

  publicView(question: LiveQuestionFields, onScreen: boolean): LiveQuestionResponse {
    return LiveQuestionResponse.of(question, { onScreen, privileged: false });
  }

  private view(question: LiveQuestion, onScreenId: string | null, viewer: Principal): LiveQuestionResponse {
    const privileged = question.authorId === viewer.id || hasRole(viewer.role, 'moderator');
    return LiveQuestionResponse.of(question, { onScreen: onScreenId === question.id, privileged });
  }

  private async onScreenId(sessionId: string): Promise<string | null> {
    const session = await this.em.fork().findOne(LiveSession, { id: sessionId }, { fields: ['onScreenQuestionId'] });
    return session?.onScreenQuestionId ?? null;
  }
}
