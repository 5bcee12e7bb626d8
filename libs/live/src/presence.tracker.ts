import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { CountCoalescer } from '@balai/delivery';
import { DomainError } from '@balai/errors';
import { RealtimeHub, sessionRoom } from '@balai/realtime';
import { LiveSessionsService } from './live-sessions.service';

export const PRESENCE_THROTTLE_MS = 1000;

/**
 * `participants` in `session:updated`: the people (signed-in users and guests, each once however many
 * tabs or devices they have open) in the session's room on every process (a request through the
 * adapter), counted at most once a second per session and delivered shard by shard like counts
 * (CountCoalescer), on every process.
 */
@Injectable()
export class PresenceTracker implements OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastCounts = new Map<string, number>();

  constructor(
    private readonly hub: RealtimeHub,
    private readonly sessions: LiveSessionsService,
    private readonly coalescer: CountCoalescer,
  ) {}

  changed(sessionId: string): void {
    if (this.timers.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(sessionId);
      void this.announce(sessionId);
    }, PRESENCE_THROTTLE_MS);
    timer.unref();
    this.timers.set(sessionId, timer);
  }

  async count(sessionId: string): Promise<number> {
    const count = await this.hub.countPeople(sessionRoom(sessionId));
    this.lastCounts.set(sessionId, count);
    return count;
  }

  /** The count last announced for the session on this process (cheap: for join acks), if any. */
  lastKnown(sessionId: string): number | undefined {
    return this.lastCounts.get(sessionId);
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async announce(sessionId: string): Promise<void> {
    try {
      const [session, participants] = await Promise.all([this.sessions.get(sessionId), this.count(sessionId)]);
      this.coalescer.sessionUpdated({ ...session, participants });
    } catch (error: unknown) {
      if (error instanceof DomainError) return; // no such session: nothing to announce
      this.logger.warn({ err: error, sessionId }, 'Could not count participants: trying again');
      this.changed(sessionId);
    }
  }
}
