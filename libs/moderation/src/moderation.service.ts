import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ForumStatus, Page, ResolveAction } from '@balai/contracts';
import { ValidationError } from '@balai/errors';
import { EventBus } from '@balai/events';
import { ForumService } from '@balai/forum';
import { decodeCursor, PageQuery, toPage } from '@balai/http';
import type { Principal } from '@balai/identity';
import { LiveQuestionsService, LiveSessionsService } from '@balai/live';
import { ListItemsQuery, ResolveItemDto } from './dto/moderation.dto';
import { ModerationItemResponse, ModerationLogEntryResponse } from './dto/moderation.views';
import { ModerationActionEntry } from './moderation-action.entity';
import { ItemClaimedError, ItemNotFoundError, ItemResolvedError } from './moderation.errors';
import { ModeratedTargetType } from './moderation.events';
import { ModerationItem } from './moderation-item.entity';
import { ModerationRepository, NewItem } from './moderation.repository';

/** What one logged action records (the log entry and the `moderation.action` event). */
export interface ActionRecord {
  action: string;
  reasonCode?: string | null;
  note?: string | null;
  target: { type: ModeratedTargetType; id: string };
  notifyUserId?: string | null;
  sessionId?: string | null;
  consultationId?: string | null;
  itemId?: string | null;
}

/** The state a queue item's target is in, and what it belongs to. */
export interface TargetInfo {
  authorId: string;
  authorName: string | null;
  excerpt: string;
  sessionId: string | null;
  consultationId: string | null;
  threadId: string | null;
  /** Public now (visible thread or post; approved or answered question). */
  public: boolean;
  /** Waiting for a moderator (pending). */
  pending: boolean;
}

const REASON_NEEDED: ResolveAction[] = ['reject', 'hide'];

/**
 * The queue: list, claim (the database decides), resolve (acting on the target through its domain's
 * service in the same transaction), and the log every action writes (with `moderation.action`).
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: ModerationRepository,
    private readonly bus: EventBus,
    private readonly forum: ForumService,
    private readonly questions: LiveQuestionsService,
    private readonly sessions: LiveSessionsService,
  ) {}

  async list(query: ListItemsQuery): Promise<Page<ModerationItemResponse>> {
    const where: Record<string, unknown> = { status: query.status };
    if (query.type) where.type = query.type;
    if (query.sessionId) where.sessionId = query.sessionId;
    if (query.consultationId) where.consultationId = query.consultationId;
    if (query.cursor) {
      if (query.sort === 'most_reported') {
        const [count, id] = decodeCursor(query.cursor, ['number', 'string']);
        where.$or = [{ reportCount: { $lt: count } }, { reportCount: count, id: { $lt: id } }];
      } else {
        const [id] = decodeCursor(query.cursor, ['string']);
        where.id = { $lt: id };
      }
    }
    const rows = await this.em.fork().find(ModerationItem, where, {
      orderBy: query.sort === 'most_reported' ? [{ reportCount: 'desc' }, { id: 'desc' }] : [{ id: 'desc' }],
      limit: query.limit + 1,
    });
    const now = Date.now();
    return toPage(
      rows,
      query.limit,
      (row) => (query.sort === 'most_reported' ? [row.reportCount, row.id] : [row.id]),
      (row) => ModerationItemResponse.of(row, now),
    );
  }

  async get(id: string): Promise<ModerationItemResponse> {
    const item = await this.em.fork().findOne(ModerationItem, { id });
    if (!item) throw new ItemNotFoundError(id);
    return ModerationItemResponse.of(item);
  }

  /** Holds the item for two minutes: 409 when resolved, or held by another moderator. */
  async claim(principal: Principal, id: string): Promise<ModerationItemResponse> {
    const em = this.em.fork();
    const outcome = await this.repository.claim(em, id, principal.id, principal.displayName);
    if (!outcome.item) throw new ItemNotFoundError(id);
    if (!outcome.claimed) {
      if (outcome.item.status !== 'pending') throw new ItemResolvedError();
      throw new ItemClaimedError(outcome.item.claimedByName);
    }
    return ModerationItemResponse.of(outcome.item);
  }

  async resolve(principal: Principal, id: string, input: ResolveItemDto): Promise<ModerationItemResponse> {
    if (REASON_NEEDED.includes(input.action) && !input.reason) {
      throw new ValidationError([{ field: 'reason', message: `a reason code is needed to ${input.action}` }]);
    }
    return this.em.fork().transactional(async (em) => {
      const item = await em.findOne(ModerationItem, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!item) throw new ItemNotFoundError(id);
      if (item.status !== 'pending') throw new ItemResolvedError();
      if (item.claimedBy && item.claimedBy !== principal.id && item.claimedUntil && item.claimedUntil.getTime() > Date.now()) {
        throw new ItemClaimedError(item.claimedByName);
      }
      const changed = await this.act(em, principal, item, input.action, input.reason ?? null);
      item.status = 'resolved';
      item.resolution = input.action;
      item.resolvedBy = principal.id;
      item.resolvedAt = new Date();
      item.claimedBy = null;
      item.claimedByName = null;
      item.claimedUntil = null;
      this.record(em, principal, {
        action: input.action,
        reasonCode: input.reason ?? null,
        note: input.note ?? null,
        target: { type: item.targetType, id: item.targetId },
        notifyUserId: changed ? item.authorId : null,
        sessionId: item.sessionId,
        consultationId: item.consultationId,
        itemId: item.id,
      });
      await em.flush();
      return ModerationItemResponse.of(item);
    });
  }

  /** The log, newest first. */
  async log(query: PageQuery): Promise<Page<ModerationLogEntryResponse>> {
    const where: Record<string, unknown> = {};
    if (query.cursor) where.id = { $lt: decodeCursor(query.cursor, ['string'])[0] };
    const rows = await this.em.fork().find(ModerationActionEntry, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
    return toPage(
      rows,
      query.limit,
      (row) => [row.id],
      (row) => ModerationLogEntryResponse.of(row),
    );
  }

  /** Writes a log entry in `em`'s transaction and announces it (`moderation.action`) once that commits. */
  record(em: EntityManager, moderator: Pick<Principal, 'id' | 'displayName'>, record: ActionRecord): ModerationActionEntry {
    const entry = em.create(ModerationActionEntry, {
      action: record.action,
      reasonCode: record.reasonCode ?? null,
      note: record.note ?? null,
      moderatorId: moderator.id,
      moderatorName: moderator.displayName,
      targetType: record.target.type,
      targetId: record.target.id,
      itemId: record.itemId ?? null,
      sessionId: record.sessionId ?? null,
      consultationId: record.consultationId ?? null,
      notifyUserId: record.notifyUserId ?? null,
    });
    this.bus.afterCommit(em, 'moderation.action', {
      actionId: entry.id,
      action: entry.action,
      reasonCode: entry.reasonCode,
      note: entry.note,
      moderatorId: entry.moderatorId,
      target: { type: entry.targetType, id: entry.targetId },
      notifyUserId: entry.notifyUserId,
      sessionId: entry.sessionId,
      consultationId: entry.consultationId,
      itemId: entry.itemId,
      at: entry.createdAt,
    });
    return entry;
  }

  /** Adds a pending item for a target unless one is pending already. */
  addItem(em: EntityManager, item: NewItem): Promise<boolean> {
    return this.repository.addItem(em, item);
  }

  /** Where a thread, post or question stands; null when it does not exist. */
  async target(type: 'thread' | 'post' | 'question', id: string, em?: EntityManager): Promise<TargetInfo | null> {
    if (type === 'question') {
      const question = await this.questions.findOne(id, em);
      if (!question) return null;
      const session = await this.sessions.get(question.sessionId);
      return {
        authorId: question.authorId,
        authorName: question.anonymous ? null : question.authorName,
        excerpt: question.text,
        sessionId: question.sessionId,
        consultationId: session.consultationId,
        threadId: null,
        public: question.status === 'approved' || question.status === 'answered',
        pending: question.status === 'pending',
      };
    }
    const found = await this.forum.moderationTarget(type, id, em);
    if (!found) return null;
    return {
      authorId: found.authorId,
      authorName: found.authorName,
      excerpt: found.excerpt,
      sessionId: null,
      consultationId: found.consultationId,
      threadId: found.threadId,
      public: found.status === 'visible',
      pending: found.status === 'pending',
    };
  }

  /** Hides a target that its reports' threshold took out of public view (in `em`'s transaction). */
  async hideForReports(em: EntityManager, principal: Principal, type: 'thread' | 'post' | 'question', id: string): Promise<void> {
    if (type === 'question') await this.questions.moderate(principal, { questionId: id, action: 'archive' }, em, true);
    else await this.setForumStatus(type, id, 'hidden');
  }

  /**
   * Acts on the item's target through its domain's service, in `em`'s transaction. Returns whether
   * the target's visibility was decided (then its author is told).
   */
  private async act(
    em: EntityManager,
    principal: Principal,
    item: ModerationItem,
    action: ResolveAction,
    reason: string | null,
  ): Promise<boolean> {
    // Read in the resolve's transaction: a fork of its own would wait forever for PGlite's one connection.
    const target = await this.target(item.targetType, item.targetId, em);
    if (!target) return false;
    const heldBack = item.autoHidden || target.pending;
    if (item.targetType === 'question') {
      const moderate = (questionAction: 'approve' | 'reject' | 'archive') =>
        this.questions.moderate(principal, { questionId: item.targetId, action: questionAction, reason: reason ?? undefined }, em, true);
      switch (action) {
        case 'approve':
          if (!target.public) await moderate('approve');
          return true;
        case 'reject':
          await moderate('reject');
          return true;
        case 'hide':
          await moderate(target.pending ? 'reject' : 'archive');
          return true;
        case 'dismiss':
          if (heldBack) await moderate('approve');
          return heldBack;
      }
    }
    const type = item.targetType as 'thread' | 'post';
    switch (action) {
      case 'approve':
        await this.setForumStatus(type, item.targetId, 'visible');
        return true;
      case 'reject':
      case 'hide':
        await this.setForumStatus(type, item.targetId, 'hidden');
        return true;
      case 'dismiss':
        if (heldBack) await this.setForumStatus(type, item.targetId, 'visible');
        return heldBack;
    }
  }

  private async setForumStatus(type: 'thread' | 'post', id: string, status: ForumStatus): Promise<void> {
    // ForumService joins the caller's transaction (its entity manager follows the transaction context).
    if (type === 'thread') await this.forum.setThreadStatus(id, status);
    else await this.forum.setPostStatus(id, status);
  }
}
