import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray } from '@balai/database';
import { PollsService } from '@balai/polls';
import { RealtimeHub, sessionRoom, sessionShardRooms } from '@balai/realtime';
import { PresenceTracker } from './presence.tracker';

/** The shortest count window: up to ten `question:votes` a second. */
export const FLUSH_INTERVAL_MS = 100;
/** The longest: a change still shows within the contract's 500 ms, sending included. */
export const MAX_FLUSH_INTERVAL_MS = 400;
/**
 * Count messages this process sends to its sockets per second, at most (windows grow with the
 * audience to stay under it). A delivery costs ~10–15 µs of the event loop on this 2-core machine:
 * 20,000 a second leave more than half the loop to votes, acks and joins (25,000 saturated it
 * at 5,000 participants and 1,000 votes a second: docs/BENCHMARKS.md).
 */
export const MAX_COUNT_DELIVERIES_PER_SECOND = 20_000;

/** From this many sockets of a session on this process, count messages go out shard by shard. */
export const SHARDED_SEND_FROM = 1_000;

/** The window for an audience of `sockets`: 100 ms for up to 2,000, longer beyond (250 ms for 5,000). */
export function countWindowMs(sockets: number): number {
  return Math.min(MAX_FLUSH_INTERVAL_MS, Math.max(FLUSH_INTERVAL_MS, Math.ceil((sockets * 1000) / MAX_COUNT_DELIVERIES_PER_SECOND)));
}

function countsOf(bySession: Map<string, Record<string, number>>, sessionId: string): Record<string, number> {
  let counts = bySession.get(sessionId);
  if (!counts) bySession.set(sessionId, (counts = {}));
  return counts;
}

/** Server-to-server: "these questions' counts changed", so every process refreshes its own sockets. */
const COUNTS_CHANGED = 'balai:counts-changed';
type CountsChanged = [sessionId: string, questionIds: string[]][];

/**
 * Coalesces count changes into a few messages a second: `question:votes` per session and
 * `poll:results` per poll, at most once per window: 100 ms, longer for a large audience (see
 * `countWindowMs`: a hall of 5,000 gets one every 250 ms). A flush sends authoritative totals, never
 * a local delta: what this process's last vote batch left in the database (its statement returns the
 * counters), or, for changes another process announced, a read of the database. So processes that
 * each saw a part of the votes still send the right totals. With several processes, each one sends `question:votes` to its own sockets
 * only and tells the others which questions changed (a few ids, not the counts): every socket gets
 * one message per window, instead of one from every process that saw a vote.
 */
@Injectable()
export class CountCoalescer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('CountCoalescer');
  private readonly dirtyQuestions = new Map<string, Set<string>>();
  private readonly dirtyPolls = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** When the last flush began: windows are counted from there, however long a flush takes. */
  private lastFlushAt = 0;

  /**
   * Counters as this process's last vote batch left them: sent as they are, with no read. A
   * question another process changed since is read from the database instead.
   */
  private readonly counted = new Map<string, number>();

  /** Changes seen on this process, which the other processes have not been told about yet. */
  private readonly unannounced = new Map<string, Set<string>>();

  constructor(
    private readonly em: EntityManager,
    private readonly hub: RealtimeHub,
    private readonly polls: PollsService,
    private readonly presence: PresenceTracker,
  ) {
    hub.onPeerMessage(COUNTS_CHANGED, (payload) => {
      if (!Array.isArray(payload)) return;
      for (const [sessionId, ids] of payload as CountsChanged) {
        for (const id of ids) {
          this.mark(this.dirtyQuestions, sessionId, id);
          this.counted.delete(id);
        }
      }
      this.schedule();
    });
  }

  /** A vote batch committed here moved the question's counter to `upvotes`. */
  questionCounted(sessionId: string, questionId: string, upvotes: number): void {
    this.counted.set(questionId, upvotes);
    this.questionChanged(sessionId, questionId);
  }

  questionChanged(sessionId: string, questionId: string): void {
    this.mark(this.dirtyQuestions, sessionId, questionId);
    this.mark(this.unannounced, sessionId, questionId);
    this.schedule();
  }

  private mark(map: Map<string, Set<string>>, sessionId: string, questionId: string): void {
    let set = map.get(sessionId);
    if (!set) map.set(sessionId, (set = new Set()));
    set.add(questionId);
  }

  pollChanged(sessionId: string, pollId: string): void {
    this.dirtyPolls.set(pollId, sessionId);
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  /**
   * A change after a quiet spell goes out at once; changes during a window wait for its end. The
   * next window is counted from the start of the last flush, not from its end: in a hall of
   * thousands a flush (one read, then a send to every socket) takes tens of milliseconds, which
   * would otherwise stretch every window by as much.
   */
  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlushAt + countWindowMs(this.audience()) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  /**
   * The largest hall with changed counts, on every process (the last participant count the
   * presence tracker saw), or this process's sockets if that is more: the hall's size, not the
   * share one process holds, decides how often it gets counts, so two processes on one machine do
   * not double the deliveries.
   */
  private audience(): number {
    let largest = this.hub.localSockets;
    for (const sessionId of this.dirtyQuestions.keys()) largest = Math.max(largest, this.presence.lastKnown(sessionId) ?? 0);
    return largest;
  }

  private flush(): Promise<void> {
    this.lastFlushAt = Date.now();
    this.flushing = this.flushing
      .then(() => this.send())
      .catch((error: unknown) => this.logger.error({ err: error }, 'Count flush failed'));
    return this.flushing;
  }

  private async send(): Promise<void> {
    const questions = new Map(this.dirtyQuestions);
    const polls = new Map(this.dirtyPolls);
    const announce: CountsChanged = [...this.unannounced].map(([sessionId, ids]) => [sessionId, [...ids]]);
    this.dirtyQuestions.clear();
    this.dirtyPolls.clear();
    this.unannounced.clear();
    if (announce.length > 0) {
      await this.hub.tellPeers(COUNTS_CHANGED, announce).catch((error: unknown) => {
        // Local sockets still get their counts below; the other processes hear about it next time.
        for (const [sessionId, ids] of announce) for (const id of ids) this.mark(this.unannounced, sessionId, id);
        this.logger.warn({ err: error }, 'Could not tell the other processes about changed counts: retrying');
        this.schedule();
      });
    }
    if (questions.size > 0) {
      const counted = new Map(this.counted);
      this.counted.clear();
      try {
        const bySession = new Map<string, Record<string, number>>();
        const unread: string[] = [];
        for (const [sessionId, ids] of questions) {
          for (const id of ids) {
            const upvotes = counted.get(id);
            if (upvotes === undefined) unread.push(id);
            else countsOf(bySession, sessionId)[id] = upvotes;
          }
        }
        if (unread.length > 0) {
          const rows = await this.em
            .getConnection()
            .execute<{ id: string; session_id: string; upvotes: number }[]>(
              'select id, session_id, upvotes from live_questions where id = any(?::uuid[])',
              [pgUuidArray(unread)],
            );
          for (const row of rows) countsOf(bySession, row.session_id)[row.id] = Number(row.upvotes);
        }
        for (const [sessionId, counts] of bySession) {
          const room = sessionRoom(sessionId);
          // A small room is sent in one go (a few milliseconds); a large one shard by shard (see rooms.ts).
          if (this.hub.localRoomSize(room) <= SHARDED_SEND_FROM) this.hub.sendLocal(room, 'question:votes', { sessionId, counts });
          else await this.hub.sendLocalInTurns(sessionShardRooms(sessionId), 'question:votes', { sessionId, counts });
        }
      } catch (error: unknown) {
        // Try again on the next tick rather than lose the update.
        for (const [sessionId, set] of questions) for (const id of set) this.questionChanged(sessionId, id);
        throw error;
      }
    }
    for (const [pollId, sessionId] of polls) {
      try {
        const results = await this.polls.results(pollId);
        this.hub.send(sessionRoom(sessionId), 'poll:results', results);
      } catch (error: unknown) {
        this.logger.warn({ err: error, pollId }, 'Could not read poll results');
      }
    }
  }
}
