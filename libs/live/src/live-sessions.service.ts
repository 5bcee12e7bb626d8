import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { hasRole } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { isUniqueViolation } from '@balai/database';
import { ValidationError } from '@balai/errors';
import { EventBus } from '@balai/events';
import { decodeCursor, toPage } from '@balai/http';
import type { Principal } from '@balai/identity';
import { CreateLiveSessionDto, ListLiveSessionsQuery } from './dto/live.dto';
import { LiveSessionPage, LiveSessionResponse } from './dto/live.views';
import { newJoinCode } from './join-code';
import { JoinCodeExhaustedError, LiveSessionNotFoundError, ModeratorOnlyError, SessionTransitionError } from './live.errors';
import { LiveSession } from './live-session.entity';
import { LiveSessionMute } from './live-session-mute.entity';
import { LiveSessionsRepository } from './live-sessions.repository';

const CODE_ATTEMPTS = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sessions: create, start, end, find. Each committed status change is announced as `live_session.updated`. */
@Injectable()
export class LiveSessionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly sessions: LiveSessionsRepository,
    private readonly consultations: ConsultationsService,
    private readonly bus: EventBus,
  ) {}

  async create(principal: Principal, input: CreateLiveSessionDto): Promise<LiveSessionResponse> {
    if (!hasRole(principal.role, 'moderator')) throw new ModeratorOnlyError();
    if (input.consultationId) await this.consultations.assertAcceptingInput(input.consultationId);
    // 32^6 ≈ 10^9 codes: a collision is rare; the unique index decides and we draw again.
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const em = this.em.fork();
      const session = em.create(LiveSession, {
        code: newJoinCode(),
        title: input.title,
        consultationId: input.consultationId ?? null,
        preModeration: input.preModeration ?? true,
        allowAnonymous: input.allowAnonymous ?? true,
        createdBy: principal.id,
      });
      try {
        await em.flush();
        return LiveSessionResponse.of(session);
      } catch (error: unknown) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new JoinCodeExhaustedError();
  }

  /**
   * Mutes a participant in a session (their asks are refused), or changes the mute; in `em`'s
   * transaction (moderation logs it in the same one). Returns the session's consultation id.
   */
  async mute(em: EntityManager, sessionId: string, userId: string, input: { until: Date | null; reason: string; by: string }) {
    const session = await em.findOne(LiveSession, { id: sessionId });
    if (!session) throw new LiveSessionNotFoundError(sessionId);
    await em.upsert(LiveSessionMute, {
      sessionId,
      userId,
      until: input.until,
      reason: input.reason,
      mutedBy: input.by,
      createdAt: new Date(),
    });
    return { consultationId: session.consultationId };
  }

  /** Lifts a mute; false when there was none. */
  async unmute(em: EntityManager, sessionId: string, userId: string): Promise<{ lifted: boolean; consultationId: string | null }> {
    const session = await em.findOne(LiveSession, { id: sessionId });
    if (!session) throw new LiveSessionNotFoundError(sessionId);
    const lifted = await em.nativeDelete(LiveSessionMute, { sessionId, userId });
    return { lifted: lifted > 0, consultationId: session.consultationId };
  }

  start(principal: Principal, id: string): Promise<LiveSessionResponse> {
    return this.transition(principal, id, 'live');
  }

  end(principal: Principal, id: string): Promise<LiveSessionResponse> {
    return this.transition(principal, id, 'ended');
  }

  async get(id: string): Promise<LiveSessionResponse> {
    const session = await this.sessions.byId(id);
    if (!session) throw new LiveSessionNotFoundError(id);
    return LiveSessionResponse.of(session);
  }

  async byCode(code: string): Promise<LiveSessionResponse> {
    const session = await this.sessions.byCode(code.trim().toUpperCase());
    if (!session) throw new LiveSessionNotFoundError(code);
    return LiveSessionResponse.of(session);
  }

  /** Newest first, keyset-paginated on the (time-ordered) id; anyone may list them. */
  async list(query: ListLiveSessionsQuery): Promise<LiveSessionPage> {
    let beforeId: string | undefined;
    if (query.cursor) {
      [beforeId] = decodeCursor(query.cursor, ['string']) as [string];
      if (!UUID.test(beforeId)) throw new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);
    }
    const rows = await this.sessions.page({
      status: query.status,
      consultationId: query.consultationId,
      beforeId,
      limit: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (row) => [row.id],
      (row) => LiveSessionResponse.of(row),
    );
  }

  private async transition(principal: Principal, id: string, to: 'live' | 'ended'): Promise<LiveSessionResponse> {
    if (!hasRole(principal.role, 'moderator')) throw new ModeratorOnlyError();
    return this.em.fork().transactional(async (em) => {
      const session = await em.findOne(LiveSession, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session) throw new LiveSessionNotFoundError(id);
      if (session.status === to) return LiveSessionResponse.of(session);
      if (to === 'live' && session.status !== 'scheduled') throw new SessionTransitionError(session.status, to);
      if (to === 'live' && session.consultationId) await this.consultations.assertAcceptingInput(session.consultationId, em);
      session.status = to;
      if (to === 'live') session.startedAt = new Date();
      else session.endedAt = new Date();
      await em.flush();
      const view = LiveSessionResponse.of(session);
      this.bus.afterCommit(em, 'live_session.updated', { session: view });
      return view;
    });
  }
}
