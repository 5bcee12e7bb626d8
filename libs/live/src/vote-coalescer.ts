import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray } from '@balai/database';
import { PollsService } from '@balai/polls';
import { RealtimeHub, SESSION_SHARDS, sessionRoom, sessionShardRoom } from '@balai/realtime';
import { CountPacer } from './count-pacer';
import { PresenceTracker } from './presence.tracker';

/** Server-to-server: "these questions' counts changed", so every process refreshes its own sockets. */
const COUNTS_CHANGED = 'balai:counts-changed';
type CountsChanged = [sessionId: string, questionIds: string[]][];

/** A session's questions whose counts changed since each shard's last turn. */
type ShardQueues = Set<string>[];

/**
 * Coalesces count changes into a few messages a second: `question:votes` per session and
 * `poll:results` per poll, each socket getting at most one of each per window: 100 ms, longer for a
 * large audience (see count-pacer.ts: a hall of 5,000 gets one every 167 ms, less often when the process is
 * saturated).
 *
 * Rolling windows: a session's sockets are split in `SESSION_SHARDS` shards (rooms.ts), and the
 * shards take turns, one every window/8, each getting the counts that changed since its own last
 * turn. A hall of 5,000 thus gets ~630 socket writes every 21 ms instead of 5,000 in one burst every
 * 167 ms: acks and database replies never wait behind a whole hall's writes, and a change reaches a
 * shard at its next turn (within one window), instead of also waiting for the shards sent before it.
 *
 * Counts are authoritative totals, never local deltas: what this process's last vote batch left in
 * the database (its statement returns the counters), or, for changes another process announced, a
 * read of the database. With several processes, each one sends `question:votes` to its own sockets
 * only and tells the others which questions changed (a few ids, not the counts).
 */
@Injectable()
export class CountCoalescer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('CountCoalescer');
  private readonly queues = new Map<string, ShardQueues>();
  private readonly dirtyPolls = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private turns: Promise<void> = Promise.resolve();
  /** The shard whose turn is next, and when the last turn began (turns are paced from their start). */
  private nextShard = 0;
  private lastTurnAt = 0;
  private lastPollsAt = 0;

  /**
   * Counters as this process knows them, per session: from its own vote batches, or read from the
   * database after another process announced a change (which drops the entry until then). Kept
   * while a session has changes queued for some shard, then forgotten.
   */
  private readonly known = new Map<string, Map<string, number>>();
  /** Bumped by every announcement from another process: a read that overlaps one is not cached. */
  private peerChanges = 0;

  /** Changes seen on this process, which the other processes have not been told about yet. */
  private readonly unannounced = new Map<string, Set<string>>();

  constructor(
    private readonly em: EntityManager,
    private readonly hub: RealtimeHub,
    private readonly polls: PollsService,
    private readonly presence: PresenceTracker,
    private readonly pacer: CountPacer,
  ) {
    hub.onPeerMessage(COUNTS_CHANGED, (payload) => {
      if (!Array.isArray(payload)) return;
      this.peerChanges++;
      for (const [sessionId, ids] of payload as CountsChanged) {
        for (const id of ids) {
          this.known.get(sessionId)?.delete(id);
          this.enqueue(sessionId, id);
        }
      }
      this.schedule();
    });
  }

  /** A vote batch committed here moved the question's counter to `upvotes`. */
  questionCounted(sessionId: string, questionId: string, upvotes: number): void {
    this.knownOf(sessionId).set(questionId, upvotes);
    this.questionChanged(sessionId, questionId);
  }

  questionChanged(sessionId: string, questionId: string): void {
    this.enqueue(sessionId, questionId);
    let ids = this.unannounced.get(sessionId);
    if (!ids) this.unannounced.set(sessionId, (ids = new Set()));
    ids.add(questionId);
    this.schedule();
  }

  pollChanged(sessionId: string, pollId: string): void {
    this.dirtyPolls.set(pollId, sessionId);
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (let i = 0; i < SESSION_SHARDS; i++) await this.turn(true);
  }

  private enqueue(sessionId: string, questionId: string): void {
    let queues = this.queues.get(sessionId);
    if (!queues) this.queues.set(sessionId, (queues = Array.from({ length: SESSION_SHARDS }, () => new Set<string>())));
    for (const queue of queues) queue.add(questionId);
  }

  private knownOf(sessionId: string): Map<string, number> {
    let known = this.known.get(sessionId);
    if (!known) this.known.set(sessionId, (known = new Map()));
    return known;
  }

  private get idle(): boolean {
    return this.queues.size === 0 && this.dirtyPolls.size === 0 && this.unannounced.size === 0;
  }

  /** The next turn comes one slot (window/8) after the last one began; after a quiet spell, at once. */
  private schedule(): void {
    if (this.timer || this.idle) return;
    const slot = this.pacer.windowMs(this.audience()) / SESSION_SHARDS;
    const wait = Math.max(0, this.lastTurnAt + slot - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.turn(false).then(() => this.schedule());
    }, wait);
  }

  /**
   * The largest hall with queued changes, on every process (the last participant count the
   * presence tracker saw), or this process's sockets if that is more: the hall's size, not the
   * share one process holds, decides how often it gets counts, so two processes on one machine do
   * not double the deliveries.
   */
  private audience(): number {
    let largest = this.hub.localSockets;
    for (const sessionId of this.queues.keys()) largest = Math.max(largest, this.presence.lastKnown(sessionId) ?? 0);
    return largest;
  }

  /** One shard's turn (turns never overlap): tell the peers, send the shard its counts, and the polls once a window. */
  private turn(final: boolean): Promise<void> {
    this.lastTurnAt = Date.now();
    this.pacer.noteTurn();
    const shard = this.nextShard;
    this.nextShard = (shard + 1) % SESSION_SHARDS;
    this.turns = this.turns
      .then(async () => {
        await this.announce();
        await this.sendCounts(shard);
        if (final || Date.now() - this.lastPollsAt >= this.pacer.windowMs(this.audience())) await this.sendPolls();
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'Count turn failed'));
    return this.turns;
  }

  private async announce(): Promise<void> {
    if (this.unannounced.size === 0) return;
    const announce: CountsChanged = [...this.unannounced].map(([sessionId, ids]) => [sessionId, [...ids]]);
    this.unannounced.clear();
    await this.hub.tellPeers(COUNTS_CHANGED, announce).catch((error: unknown) => {
      // Local sockets still get their counts; the other processes hear about it on a later turn.
      for (const [sessionId, ids] of announce) {
        let set = this.unannounced.get(sessionId);
        if (!set) this.unannounced.set(sessionId, (set = new Set()));
        for (const id of ids) set.add(id);
      }
      this.logger.warn({ err: error }, 'Could not tell the other processes about changed counts: retrying');
    });
  }

  private async sendCounts(shard: number): Promise<void> {
    const due = new Map<string, string[]>();
    for (const [sessionId, queues] of this.queues) {
      if (queues[shard]!.size === 0) continue;
      due.set(sessionId, [...queues[shard]!]);
      queues[shard]!.clear();
    }
    if (due.size === 0) return;
    try {
      const read = await this.readUnknown(due);
      for (const [sessionId, ids] of due) {
        const known = this.known.get(sessionId);
        const counts: Record<string, number> = {};
        for (const id of ids) {
          const upvotes = known?.get(id) ?? read.get(id);
          if (upvotes !== undefined) counts[id] = upvotes;
        }
        this.hub.sendLocalSuperseding(sessionShardRoom(sessionId, shard), 'question:votes', { sessionId, counts });
      }
    } catch (error: unknown) {
      // Queue them again for this shard rather than lose the update.
      for (const [sessionId, ids] of due) for (const id of ids) this.queues.get(sessionId)?.[shard]!.add(id);
      throw error;
    } finally {
      this.forgetSettled();
    }
  }

  /** Counters another process changed since this one last knew them, read from the database. */
  private async readUnknown(due: Map<string, string[]>): Promise<Map<string, number>> {
    const read = new Map<string, number>();
    const unknown: string[] = [];
    for (const [sessionId, ids] of due) {
      const known = this.known.get(sessionId);
      for (const id of ids) if (!known?.has(id)) unknown.push(id);
    }
    if (unknown.length === 0) return read;
    const before = this.peerChanges;
    const rows = await this.em
      .getConnection()
      .execute<{ id: string; session_id: string; upvotes: number }[]>(
        'select id, session_id, upvotes from live_questions where id = any(?::uuid[])',
        [pgUuidArray(unknown)],
      );
    // Another process's announcement during the read may be newer than what was read: then the rows
    // serve this turn only (the announced ids are queued again and read again). A vote batch that
    // committed here during the read left a newer value in `known`, which wins.
    const cache = this.peerChanges === before;
    for (const row of rows) {
      read.set(row.id, Number(row.upvotes));
      const known = this.knownOf(row.session_id);
      if (cache && !known.has(row.id)) known.set(row.id, Number(row.upvotes));
    }
    return read;
  }

  /** Sessions with nothing queued for any shard: drop their queues and known counters. */
  private forgetSettled(): void {
    for (const [sessionId, queues] of this.queues) {
      if (queues.some((queue) => queue.size > 0)) continue;
      this.queues.delete(sessionId);
      this.known.delete(sessionId);
    }
  }

  private async sendPolls(): Promise<void> {
    if (this.dirtyPolls.size === 0) return;
    this.lastPollsAt = Date.now();
    const polls = new Map(this.dirtyPolls);
    this.dirtyPolls.clear();
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
