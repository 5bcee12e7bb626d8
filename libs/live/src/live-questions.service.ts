import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppConfig } from '@balai/config';
import { hasRole, QuestionStatus } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { isUniqueViolation } from '@balai/database';
import { ForbiddenError, ValidationError } from '@balai/errors';
import { ContentScreen, EventBus } from '@balai/events';
import { decodeCursor, toPage } from '@balai/http';
import type { Principal } from '@balai/identity';
import { RateLimiter, RateLimiterFactory } from '@balai/redis';
import { AskQuestionDto, HallQuestionInput, ListQuestionsQuery, ModerateQuestionDto } from './dto/live.dto';
import { LiveQuestionPage, LiveQuestionResponse } from './dto/live.views';
import {
  AnonymousNotAllowedError,
  LiveSessionNotFoundError,
  ModeratorOnlyError,
  ModeratorOnlyStatusError,
  QuestionNotFoundError,
  QuestionTransitionError,
  SessionEndedError,
} from './live.errors';
import { LiveQuestionSnapshot } from './live.events';
import { LiveQuestion, LiveQuestionFields } from './live-question.entity';
import { PUBLIC_STATUSES, LiveQuestionsRepository, TopQuestion } from './live-questions.repository';
import { LiveSession } from './live-session.entity';
import { LiveSessionMute } from './live-session-mute.entity';
import { LiveUpvotesRepository } from './live-upvotes.repository';

const VISIBLE_TO_ALL: QuestionStatus[] = ['approved', 'answered', 'archived'];

/** A committed question as events carry it: a plain copy, not the entity of a closed unit of work. */
export function questionSnapshot(question: LiveQuestionFields): LiveQuestionSnapshot {
  return {
    id: question.id,
    sessionId: question.sessionId,
    authorId: question.authorId,
    authorName: question.authorName,
    anonymous: question.anonymous,
    text: question.text,
    status: question.status,
    upvotes: question.upvotes,
    rejectionReason: question.rejectionReason,
    createdAt: question.createdAt,
    source: question.source,
    mergedInto: question.mergedInto,
  };
}

/**
 * Questions: ask (idempotent by clientRequestId), moderate, list. Each committed change is announced
 * (`question.asked`, `question.moderated`); the socket broadcast listens to them (LiveBroadcastListener).
 */
@Injectable()
export class LiveQuestionsService {
  private readonly askLimiter: RateLimiter;

  constructor(
    private readonly em: EntityManager,
    private readonly questions: LiveQuestionsRepository,
    private readonly consultations: ConsultationsService,
    private readonly bus: EventBus,
    private readonly screen: ContentScreen,
    private readonly upvotes: LiveUpvotesRepository,
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
    if (!session) throw new LiveSessionNotFoundError(input.sessionId);
    if (session.status === 'ended') throw new SessionEndedError();
    if (input.anonymous && !session.allowAnonymous) throw new AnonymousNotAllowedError();
    if (session.consultationId) await this.consultations.assertAcceptingInput(session.consultationId);
    const mute = await em.findOne(LiveSessionMute, { sessionId: session.id, userId: principal.id });
    if (mute && (mute.until === null || mute.until.getTime() > Date.now())) {
      throw new ForbiddenError('muted', 'A moderator has muted you in this session: you cannot ask questions here now');
    }
    await this.askLimiter.consume(`${session.id}:${principal.id}`);
    // Text that matches the banned-word lists waits for a moderator, whatever the session's setting.
    const flags = this.screen.check(input.text);

    let question: LiveQuestion;
    try {
      // The question and its author's participation in the consultation commit together.
      question = await em.transactional(async (tx) => {
        const asked = tx.create(LiveQuestion, {
          ...key,
          authorName: principal.displayName,
          anonymous: input.anonymous ?? false,
          text: input.text,
          status: session.preModeration || flags.length > 0 ? 'pending' : 'approved',
        });
        await tx.flush();
        if (session.consultationId)
          await this.consultations.recordParticipants([{ consultationId: session.consultationId, userId: principal.id }], tx);
        this.bus.afterCommit(tx, 'question.asked', { question: questionSnapshot(asked), consultationId: session.consultationId, flags });
        return asked;
      });
    } catch (error: unknown) {
      // The same clientRequestId raced itself: the unique index kept one; return that one.
      if (!isUniqueViolation(error)) throw error;
      const kept = await this.em.fork().findOne(LiveQuestion, key);
      if (!kept) throw error;
      return this.view(kept, session.onScreenQuestionId, principal);
    }
    return this.view(question, session.onScreenQuestionId, principal);
  }

  /**
   * A question asked aloud in the hall or on a paper card, entered by a moderator: approved at once,
   * marked with its source, shown without an author. Runs in `em`'s transaction when one is given.
   */
  async addFromHall(principal: Principal, input: HallQuestionInput, em?: EntityManager): Promise<LiveQuestionResponse> {
    if (!hasRole(principal.role, 'moderator')) throw new ModeratorOnlyError();
    return (em ?? this.em.fork()).transactional(async (tx) => {
      const session = await tx.findOne(LiveSession, { id: input.sessionId });
      if (!session) throw new LiveSessionNotFoundError(input.sessionId);
      if (session.status === 'ended') throw new SessionEndedError();
      const question = tx.create(LiveQuestion, {
        sessionId: session.id,
        authorId: principal.id,
        authorName: principal.displayName,
        clientRequestId: `${input.source}:${randomUUID()}`,
        anonymous: true,
        text: input.text,
        status: 'approved',
        source: input.source,
      });
      await tx.flush();
      this.bus.afterCommit(tx, 'question.asked', {
        question: questionSnapshot(question),
        consultationId: session.consultationId,
        flags: [],
      });
      return LiveQuestionResponse.of(question, { onScreen: false, privileged: true });
    });
  }

  /** Moderates a question; in `em`'s transaction when one is given (the moderation desk's resolve). */
  async moderate(principal: Principal, input: ModerateQuestionDto, em?: EntityManager, viaDesk = false): Promise<LiveQuestionResponse> {
    if (!hasRole(principal.role, 'moderator')) throw new ModeratorOnlyError();
    return (em ?? this.em.fork()).transactional(async (em) => {
      const found = await em.findOne(LiveQuestion, { id: input.questionId });
      if (!found) throw new QuestionNotFoundError(input.questionId);
      // The session row is the lock that keeps one question on screen per session.
      const session = await em.findOneOrFail(LiveSession, { id: found.sessionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const question = await em.findOneOrFail(LiveQuestion, { id: input.questionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (session.status === 'ended') throw new SessionEndedError();
      const before = question.status;
      const screenBefore = session.onScreenQuestionId;
      let replaced: LiveQuestion | null = null;
      let counted: { upvotes: number; version: number } | null = null;
      const takeOffScreen = () => {
        if (session.onScreenQuestionId === question.id) session.onScreenQuestionId = null;
      };

      switch (input.action) {
        case 'approve':
          if (before === 'approved') break;
          if (!['pending', 'rejected', 'archived'].includes(before)) throw new QuestionTransitionError(before, input.action);
          question.status = 'approved';
          question.rejectionReason = null;
          break;
        case 'reject':
          if (before === 'rejected') break;
          question.status = 'rejected';
          question.rejectionReason = input.reason ?? null;
          takeOffScreen();
          break;
        case 'answer':
          if (before === 'answered') break;
          if (before !== 'approved') throw new QuestionTransitionError(before, input.action);
          question.status = 'answered';
          break;
        case 'archive':
          if (before === 'archived') break;
          if (before === 'rejected') throw new QuestionTransitionError(before, input.action);
          question.status = 'archived';
          takeOffScreen();
          break;
        case 'show': {
          if (!PUBLIC_STATUSES.includes(before)) throw new QuestionTransitionError(before, input.action);
          const previousId = session.onScreenQuestionId;
          if (previousId === question.id) break;
          session.onScreenQuestionId = question.id;
          if (previousId) replaced = await em.findOne(LiveQuestion, { id: previousId });
          break;
        }
        case 'hide':
          takeOffScreen();
          break;
        case 'merge': {
          const intoId = input.intoQuestionId;
          if (!intoId || intoId === question.id) {
            throw new ValidationError([{ field: 'intoQuestionId', message: 'merge into another question of the same session' }]);
          }
          if (before === 'merged' || before === 'rejected') throw new QuestionTransitionError(before, input.action);
          const into = await em.findOne(LiveQuestion, { id: intoId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (!into) throw new QuestionNotFoundError(intoId);
          if (into.sessionId !== question.sessionId) {
            throw new ValidationError([{ field: 'intoQuestionId', message: 'the question to merge into is in another session' }]);
          }
          if (!PUBLIC_STATUSES.includes(into.status)) throw new QuestionTransitionError(into.status, 'merge into');
          // Each upvoter once on the target: their rows move (a duplicate is skipped), the counter by what moved.
          counted = await this.upvotes.moveUpvotes(em, question.id, into.id);
          question.status = 'merged';
          question.mergedInto = into.id;
          takeOffScreen();
          break;
        }
      }
      await em.flush();
      if (counted && input.intoQuestionId) {
        this.bus.afterCommit(em, 'question.votes_counted', {
          counts: [{ sessionId: question.sessionId, questionId: input.intoQuestionId, upvotes: counted.upvotes, version: counted.version }],
        });
      }
      const onScreen = session.onScreenQuestionId === question.id;
      const screenChanged = session.onScreenQuestionId !== screenBefore;
      if (question.status !== before || screenChanged) {
        this.bus.afterCommit(em, 'question.moderated', {
          action: input.action,
          moderatorId: principal.id,
          moderatorName: principal.displayName,
          question: questionSnapshot(question),
          before,
          after: question.status,
          reason: input.reason ?? null,
          onScreen,
          screenChanged,
          replaced: replaced ? questionSnapshot(replaced) : null,
          viaDesk,
        });
      }
      return LiveQuestionResponse.of(question, { onScreen, privileged: true });
    });
  }

  async list(viewer: Principal | undefined, sessionId: string, query: ListQuestionsQuery): Promise<LiveQuestionPage> {
    const em = this.em.fork();
    const session = await em.findOne(LiveSession, { id: sessionId });
    if (!session) throw new LiveSessionNotFoundError(sessionId);
    const moderator = viewer !== undefined && hasRole(viewer.role, 'moderator');
    if (query.status && !VISIBLE_TO_ALL.includes(query.status) && !moderator) throw new ModeratorOnlyStatusError(query.status);
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
  ): Promise<{ questions: number; upvotes: number; topQuestions: TopQuestion[] }> {
    const [totals, topQuestions] = await Promise.all([
      this.questions.consultationTotals(consultationId),
      this.questions.consultationTop(consultationId, limit),
    ]);
    return { ...totals, topQuestions };
  }

  /** The public questions of a session, most upvoted first (oldest first on ties), as plain rows (see the repository). */
  top(sessionId: string, limit = 100): Promise<LiveQuestionFields[]> {
    return this.questions.top(sessionId, limit);
  }

  async pending(sessionId: string, limit = 100): Promise<LiveQuestion[]> {
    return this.em.fork().find(LiveQuestion, { sessionId, status: 'pending' }, { orderBy: { id: 'asc' }, limit });
  }

  /** `em`: the caller's transaction, when it has one (embedded PGlite has a single connection). */
  async findOne(id: string, em: EntityManager = this.em.fork()): Promise<LiveQuestion | null> {
    return em.findOne(LiveQuestion, { id });
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
