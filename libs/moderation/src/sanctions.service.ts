import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ROLES } from '@balai/contracts';
import { Principal, SessionEndsService, SuspensionList, UsersService } from '@balai/identity';
import { LiveQuestionsService, LiveSessionsService } from '@balai/live';
import { RealtimeHub, userRoom } from '@balai/realtime';
import { HallQuestionDto, MuteDto, SuspendDto } from './dto/moderation.dto';
import { SanctionResponse } from './dto/moderation.views';
import { SanctionNotFoundError, SanctionRankError } from './moderation.errors';
import { ModerationService } from './moderation.service';
import { Suspension } from './suspension.entity';

/** Server-to-server message: a suspension was set or lifted on some process. */
const SUSPENSION_CHANGED = 'balai:suspension';

interface SuspensionChange {
  userId: string;
  /** ISO time, null: until lifted; `lifted`: no longer suspended. */
  until: string | null;
  lifted: boolean;
}

/**
 * Sanctions and the moderator's own live actions: mutes in a session (live refuses the muted
 * participant's asks), suspensions (identity's SuspensionList refuses writes and sockets, in memory on
 * every process: loaded at start, told of each change by the process that made it; a suspension also
 * ends the account's sessions, so its tokens issued before are refused), and questions from the hall.
 * Each is logged in the transaction that made it.
 */
@Injectable()
export class SanctionsService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly em: EntityManager,
    private readonly moderation: ModerationService,
    private readonly sessions: LiveSessionsService,
    private readonly questions: LiveQuestionsService,
    private readonly users: UsersService,
    private readonly suspensions: SuspensionList,
    private readonly sessionEnds: SessionEndsService,
    private readonly hub: RealtimeHub,
  ) {}

  onModuleInit(): void {
    this.hub.onPeerMessage(SUSPENSION_CHANGED, (payload) => this.apply(payload as SuspensionChange));
  }

  async onApplicationBootstrap(): Promise<void> {
    const rows = await this.em.fork().find(Suspension, {});
    this.suspensions.replaceAll(rows.map((row) => ({ userId: row.userId, until: row.until })));
  }

  async mute(principal: Principal, sessionId: string, userId: string, input: MuteDto): Promise<SanctionResponse> {
    await this.assertOutranks(principal, userId);
    const until = input.minutes ? new Date(Date.now() + input.minutes * 60_000) : null;
    return this.em.fork().transactional(async (em) => {
      const { consultationId } = await this.sessions.mute(em, sessionId, userId, { until, reason: input.reason, by: principal.id });
      this.moderation.record(em, principal, {
        action: 'mute',
        reasonCode: null,
        note: input.reason,
        target: { type: 'user', id: userId },
        notifyUserId: userId,
        sessionId,
        consultationId,
      });
      return { userId, sessionId, until: until?.toISOString() ?? null, reason: input.reason };
    });
  }

  async unmute(principal: Principal, sessionId: string, userId: string, reason?: string): Promise<void> {
    await this.assertOutranks(principal, userId);
    await this.em.fork().transactional(async (em) => {
      const { lifted, consultationId } = await this.sessions.unmute(em, sessionId, userId);
      if (!lifted) throw new SanctionNotFoundError('Mute');
      this.moderation.record(em, principal, {
        action: 'unmute',
        note: reason ?? null,
        target: { type: 'user', id: userId },
        notifyUserId: userId,
        sessionId,
        consultationId,
      });
    });
  }

  async suspend(principal: Principal, userId: string, input: SuspendDto): Promise<SanctionResponse> {
    await this.assertOutranks(principal, userId);
    const until = input.until ? new Date(input.until) : null;
    await this.em.fork().transactional(async (em) => {
      await em.upsert(Suspension, { userId, until, reason: input.reason, suspendedBy: principal.id, createdAt: new Date() });
      // Its tokens end too: it signs in again to read (writes stay refused while suspended).
      await this.sessionEnds.endIn(em, userId);
      this.moderation.record(em, principal, {
        action: 'suspend',
        note: input.reason,
        target: { type: 'user', id: userId },
        notifyUserId: userId,
      });
    });
    this.announce({ userId, until: until?.toISOString() ?? null, lifted: false });
    return { userId, until: until?.toISOString() ?? null, reason: input.reason };
  }

  async unsuspend(principal: Principal, userId: string, reason?: string): Promise<void> {
    await this.assertOutranks(principal, userId);
    await this.em.fork().transactional(async (em) => {
      const lifted = await em.nativeDelete(Suspension, { userId });
      if (lifted === 0) throw new SanctionNotFoundError('Suspension');
      this.moderation.record(em, principal, {
        action: 'unsuspend',
        note: reason ?? null,
        target: { type: 'user', id: userId },
        notifyUserId: userId,
      });
    });
    this.announce({ userId, until: null, lifted: true });
  }

  /**
   * Every sanction and its lifting: a moderator acts on citizens and guests, an admin on anyone below
   * admin (404 for an account that does not exist, so no mute names a user who never was).
   */
  private async assertOutranks(principal: Principal, userId: string): Promise<void> {
    const user = await this.users.get(userId);
    if (ROLES.indexOf(user.role) >= ROLES.indexOf(principal.role)) throw new SanctionRankError();
  }

  /** A question asked aloud or on a card, approved at once and logged. */
  async hallQuestion(principal: Principal, sessionId: string, input: HallQuestionDto) {
    return this.em.fork().transactional(async (em) => {
      const question = await this.questions.addFromHall(principal, { sessionId, text: input.text, source: input.source }, em);
      this.moderation.record(em, principal, {
        action: 'hall_question',
        reasonCode: input.source,
        target: { type: 'question', id: question.id },
        sessionId,
      });
      return question;
    });
  }

  /** This process at once, the others through the Socket.IO adapter; the user's sockets everywhere close. */
  private announce(change: SuspensionChange): void {
    this.apply(change);
    this.hub.tellPeers(SUSPENSION_CHANGED, change);
    if (!change.lifted) this.hub.attached?.in(userRoom(change.userId)).disconnectSockets(true);
  }

  private apply(change: SuspensionChange): void {
    if (change.lifted) return this.suspensions.lift(change.userId);
    this.suspensions.set(change.userId, change.until ? new Date(change.until) : null);
    // Sockets that reached this process before the news did.
    this.hub.attached?.in(userRoom(change.userId)).local.disconnectSockets(true);
  }
}
