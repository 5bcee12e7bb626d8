import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { hasRole, LiveSessionStatus } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { isUniqueViolation } from '@balai/database';
import { DomainError, NotFoundError } from '@balai/errors';
import type { Principal } from '@balai/identity';
import { CreateLiveSessionDto } from './dto/live.dto';
import { LiveSessionResponse } from './dto/live.views';
import { newJoinCode } from './join-code';
import { ModeratorOnlyError, SessionTransitionError } from './live.errors';
import { LiveSession, LiveSessionFields } from './live-session.entity';
import { CountCoalescer } from './vote-coalescer';

const CODE_ATTEMPTS = 8;

/** A `live_sessions` row as the driver returns it. */
interface SessionRecord {
  id: string;
  code: string;
  title: string;
  status: LiveSessionStatus;
  pre_moderation: boolean;
  allow_anonymous: boolean;
  consultation_id: string | null;
  on_screen_question_id: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  ended_at: Date | string | null;
}

/** Sessions: create, start, end, find. Broadcasts `session:updated` after each committed status change. */
@Injectable()
export class LiveSessionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly consultations: ConsultationsService,
    private readonly coalescer: CountCoalescer,
  ) {}

  async create(principal: Principal, input: CreateLiveSessionDto): Promise<LiveSessionResponse> {
    if (!hasRole(principal.role, 'moderator')) throw ModeratorOnlyError();
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
    throw new DomainError('unavailable', 'join_code_exhausted', 'Could not draw a free join code: try again');
  }

  start(principal: Principal, id: string): Promise<LiveSessionResponse> {
    return this.transition(principal, id, 'live');
  }

  end(principal: Principal, id: string): Promise<LiveSessionResponse> {
    return this.transition(principal, id, 'ended');
  }

  async get(id: string): Promise<LiveSessionResponse> {
    const session = await this.read('id', id);
    if (!session) throw new NotFoundError('Live session', id);
    return LiveSessionResponse.of(session);
  }

  async byCode(code: string): Promise<LiveSessionResponse> {
    const session = await this.read('code', code.trim().toUpperCase());
    if (!session) throw new NotFoundError('Live session', code);
    return LiveSessionResponse.of(session);
  }

  /** A plain read for views: a hall's joins read the session over and over (no entity, no unit of work). */
  private async read(column: 'id' | 'code', value: string): Promise<LiveSessionFields | null> {
    const [row] = await this.em.getConnection().execute<SessionRecord[]>(
      `select id, code, title, status, pre_moderation, allow_anonymous, consultation_id, on_screen_question_id,
              created_at, started_at, ended_at
         from live_sessions where ${column} = ?`,
      [value],
    );
    if (!row) return null;
    return {
      id: row.id,
      code: row.code,
      title: row.title,
      status: row.status,
      preModeration: row.pre_moderation,
      allowAnonymous: row.allow_anonymous,
      consultationId: row.consultation_id,
      onScreenQuestionId: row.on_screen_question_id,
      createdAt: new Date(row.created_at),
      startedAt: row.started_at === null ? null : new Date(row.started_at),
      endedAt: row.ended_at === null ? null : new Date(row.ended_at),
    };
  }

  private async transition(principal: Principal, id: string, to: 'live' | 'ended'): Promise<LiveSessionResponse> {
    if (!hasRole(principal.role, 'moderator')) throw ModeratorOnlyError();
    const { view, changed } = await this.em.fork().transactional(async (em) => {
      const session = await em.findOne(LiveSession, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session) throw new NotFoundError('Live session', id);
      if (session.status === to) return { view: LiveSessionResponse.of(session), changed: false };
      if (to === 'live' && session.status !== 'scheduled') throw SessionTransitionError(session.status, to);
      if (to === 'live' && session.consultationId) await this.consultations.assertAcceptingInput(session.consultationId, em);
      session.status = to;
      if (to === 'live') session.startedAt = new Date();
      else session.endedAt = new Date();
      await em.flush();
      return { view: LiveSessionResponse.of(session), changed: true };
    });
    if (changed) this.coalescer.sessionUpdated(view);
    return view;
  }
}
