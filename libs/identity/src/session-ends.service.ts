import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventBus, OnDomainEvent } from '@balai/events';
import { RealtimeHub, userRoom } from '@balai/realtime';
import { EndedSessions } from './ended-sessions';
import type { AccountDeletedEvent, SessionsEndedEvent } from './identity.events';
import { SessionEnd } from './session-end.entity';

/** Server-to-server message: some process ended an account's sessions. */
const SESSIONS_ENDED = 'balai:sessions-ended';

/**
 * Ends every session of an account: signing out, a role change, a suspension, a deleted account.
 * The end is recorded in the caller's transaction (`session_ends`); once it commits, every process
 * refuses the account's older tokens (`EndedSessions`, in memory: loaded at start, then told by the
 * process that ended them) and the account's sockets close everywhere.
 */
@Injectable()
export class SessionEndsService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly em: EntityManager,
    private readonly ended: EndedSessions,
    private readonly events: EventBus,
    private readonly hub: RealtimeHub,
  ) {}

  onModuleInit(): void {
    this.hub.onPeerMessage(SESSIONS_ENDED, (payload) => this.apply(payload as SessionsEndedEvent));
  }

  async onApplicationBootstrap(): Promise<void> {
    const rows = await this.em.fork().find(SessionEnd, { endedAt: { $gt: this.ended.horizon() } });
    this.ended.replaceAll(rows.map((row) => ({ userId: row.userId, endedAt: row.endedAt.getTime() })));
  }

  /** Ends the account's sessions as part of `em`'s transaction; tokens and sockets end once it commits. */
  async endIn(em: EntityManager, userId: string): Promise<void> {
    const endedAt = new Date();
    await em.upsert(SessionEnd, { userId, endedAt });
    this.events.afterCommit(em, 'sessions.ended', { userId, endedAt: endedAt.getTime() });
  }

  /** Ends the account's sessions in a transaction of its own. */
  async end(userId: string): Promise<void> {
    await this.em.fork().transactional((em) => this.endIn(em, userId));
  }

  @OnDomainEvent('account.deleted')
  onAccountDeleted(event: AccountDeletedEvent): void | Promise<void> {
    return this.end(event.userId);
  }

  /** This process at once, the others through the Socket.IO adapter; the account's sockets everywhere close. */
  @OnDomainEvent('sessions.ended')
  announce(event: SessionsEndedEvent): void {
    // Committed now: a token issued between the recorded time and the commit may carry what the
    // transaction changed (the old role) and is refused too, on every process that is up.
    const change: SessionsEndedEvent = { userId: event.userId, endedAt: Math.max(event.endedAt, Date.now()) };
    this.apply(change);
    this.hub.tellPeers(SESSIONS_ENDED, change);
    this.hub.attached?.in(userRoom(change.userId)).disconnectSockets(true);
  }

  private apply(change: SessionsEndedEvent): void {
    this.ended.end(change.userId, change.endedAt);
    // Sockets that reached this process before the news did.
    this.hub.attached?.in(userRoom(change.userId)).local.disconnectSockets(true);
  }
}
