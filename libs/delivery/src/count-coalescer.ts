import { AsyncLocalStorage } from 'node:async_hooks';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { LiveSessionView } from '@balai/contracts';
import { RealtimeHub, SESSION_SHARDS, sessionRoom, sessionShardRoom } from '@balai/realtime';
import { CountPacer, turnsPerWindow } from './count-pacer';
import { PollResultsReader } from './poll-results.reader';
import { mergeSessionViews } from './session-view-merge';

/** Server-to-server: "these questions' counters are now at these values". */
const COUNTS_CHANGED = 'balai:counts-changed';
type CountsChanged = [sessionId: string, counts: [questionId: string, upvotes: number, version: number][]][];
/** Server-to-server: "these sessions changed (status or participant count)". */
const SESSIONS_CHANGED = 'balai:sessions-changed';

/** A counter value and its version (`live_questions.upvotes_version`): the higher version is the newer value. */
interface Counted {
  upvotes: number;
  version: number;
}

/** A session's questions whose counts changed since each shard's last turn. */
type ShardQueues = Set<string>[];
/** The shards of a session that have not had its newest view yet. */
type PendingShards = Set<number>;

/**
 * How long a quiet session's counters are remembered: an announcement from another process that
 * arrives later than this (it never should) could otherwise bring back an older value.
 */
const REMEMBER_MS = 60_000;

/**
 * How long a change made here waits before the other processes are told, so that one message carries
 * the vote batches of a few milliseconds. Telling them at this process's next count turn instead
 * added up to a whole turn (a window, in a hall of up to 700) to what their sockets waited.
 */
const ANNOUNCE_DELAY_MS = 10;

/**
 * Coalesces count changes into a few messages a second: `question:votes` per session and
 * `poll:results` per poll, each socket getting at most one of each per window: 100 ms, longer for a
 * large audience (see count-pacer.ts: a hall of 5,000 gets one every 125 ms, less often when the
 * process is saturated).
 *
 * Rolling windows: a session's sockets are split in `SESSION_SHARDS` shards (rooms.ts), and in a
 * large hall the shards take turns, a group every window/turns (`turnsPerWindow`), each shard getting
 * the counts that changed since its own last turn. A hall of 5,000 thus gets ~630 socket writes
 * every 16 ms instead of 5,000 in one burst every 125 ms: acks and database replies never wait behind
 * a whole hall's writes, and a change reaches a shard at its next turn (within one window), instead
 * of also waiting for the shards sent before it. A hall of up to 700 gets all its shards in one turn.
 *
 * Counts are authoritative totals, never local deltas: the counters a vote batch's statement
 * returned, with their versions. With several processes, each one sends `question:votes` to its own
 * sockets only and tells the others the new counters; the version decides between two values of one
 * counter, whichever arrives first, so no process needs to read the database to send counts.
 */
@Injectable()
export class CountCoalescer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('CountCoalescer');
  /**
   * Runs a function in the async context this coalescer was made in (none): its timers, and the
   * turns and poll reads they start, must not run in the context of whoever reported a change, such
   * as a committed transaction whose listeners reported it (its entity manager is done by then).
   */
  private readonly detached = AsyncLocalStorage.snapshot();
  private readonly queues = new Map<string, ShardQueues>();
  private readonly dirtyPolls = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private turns: Promise<void> = Promise.resolve();
  private announceTimer: NodeJS.Timeout | null = null;
  /** Shutting down: the last changes were announced, and the Redis connection closes after this. */
  private stopped = false;
  /** Counts the turns (the next one's shards follow from it), and when the last turn began (turns are paced from their start). */
  private turnCount = 0;
  private lastTurnAt = 0;
  private lastPollsAt = 0;

  /** The newest counter values this process knows, per session, and when each session last changed. */
  private readonly known = new Map<string, Map<string, Counted>>();
  private readonly changedAt = new Map<string, number>();

  /** Counters changed on this process, which the other processes have not been told about yet. */
  private readonly unannounced = new Map<string, Map<string, Counted>>();

  /** The newest view of each session (`session:updated`), the shards still to get it, and the views to tell the others. */
  private readonly sessionViews = new Map<string, LiveSessionView>();
  private readonly sessionShards = new Map<string, PendingShards>();
  private readonly unannouncedSessions = new Map<string, LiveSessionView>();

  constructor(
    private readonly hub: RealtimeHub,
    private readonly polls: PollResultsReader,
    private readonly pacer: CountPacer,
  ) {
    hub.onPeerMessage(COUNTS_CHANGED, (payload) => {
      if (!Array.isArray(payload)) return;
      for (const [sessionId, counts] of payload as CountsChanged) {
        for (const [questionId, upvotes, version] of counts) this.learn(sessionId, questionId, { upvotes, version });
      }
      this.schedule();
    });
    hub.onPeerMessage(SESSIONS_CHANGED, (payload) => {
      if (!Array.isArray(payload)) return;
      for (const view of payload as LiveSessionView[]) this.learnSession(view);
      this.schedule();
    });
  }

  /**
   * A session's status or participant count changed (committed): every socket of the session, on
   * every process, gets the newest view at its shard's next turn. A hall of thousands thus gets
   * `session:updated` spread over a window like counts, instead of in one burst that held up every
   * ack for ~100 ms each time someone came or went.
   */
  sessionUpdated(view: LiveSessionView): void {
    this.learnSession(view);
    this.unannouncedSessions.set(view.id, this.sessionViews.get(view.id)!);
    this.scheduleAnnouncement();
    this.schedule();
  }

  /** A vote batch committed here moved the question's counter to `upvotes` (at `version`). */
  questionCounted(sessionId: string, questionId: string, upvotes: number, version: number): void {
    const counted = { upvotes, version };
    if (!this.learn(sessionId, questionId, counted)) return;
    let pending = this.unannounced.get(sessionId);
    if (!pending) this.unannounced.set(sessionId, (pending = new Map()));
    pending.set(questionId, counted);
    this.scheduleAnnouncement();
    this.schedule();
  }

  pollChanged(sessionId: string, pollId: string): void {
    this.dirtyPolls.set(pollId, sessionId);
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.timer = this.announceTimer = null;
    this.announce();
    this.stopped = true;
    await this.turn(true);
  }

  private learnSession(view: LiveSessionView): void {
    this.sessionViews.set(view.id, mergeSessionViews(this.sessionViews.get(view.id), view));
    this.sessionShards.set(view.id, new Set(Array.from({ length: SESSION_SHARDS }, (_, shard) => shard)));
    this.changedAt.set(view.id, Date.now());
  }

  /** Keeps a counter value if it is newer than the one known, and queues it for every shard. */
  private learn(sessionId: string, questionId: string, counted: Counted): boolean {
    let known = this.known.get(sessionId);
    if (!known) this.known.set(sessionId, (known = new Map()));
    const current = known.get(questionId);
    if (current && current.version >= counted.version) return false;
    known.set(questionId, counted);
    this.changedAt.set(sessionId, Date.now());
    let queues = this.queues.get(sessionId);
    if (!queues) this.queues.set(sessionId, (queues = Array.from({ length: SESSION_SHARDS }, () => new Set<string>())));
    for (const queue of queues) queue.add(questionId);
    return true;
  }

  private get idle(): boolean {
    return this.queues.size === 0 && this.sessionShards.size === 0 && this.dirtyPolls.size === 0;
  }

  /** The next turn comes one slot (window/turns) after the last one began; after a quiet spell, at once. */
  private schedule(): void {
    if (this.timer || this.idle) return;
    const slot = this.pacer.windowMs(this.audience()) / this.turnsPerWindow();
    const wait = Math.max(0, this.lastTurnAt + slot - Date.now());
    this.timer = this.detached(() =>
      setTimeout(() => {
        this.timer = null;
        void this.turn(false).then(() => this.schedule());
      }, wait),
    );
  }

  /**
   * The largest hall with queued changes, on every process (the last participant count of its
   * `session:updated`), or this process's sockets if that is more: the hall's size, not the share
   * one process holds, decides how often it gets counts, so two processes on one machine do not
   * double the deliveries.
   */
  private audience(): number {
    let largest = this.hub.localSockets;
    for (const sessionId of this.queues.keys()) largest = Math.max(largest, this.sessionViews.get(sessionId)?.participants ?? 0);
    return largest;
  }

  /**
   * Turns split the writes of this process's event loop, so its own sockets decide how many: with two
   * processes each holding half of a hall of 5,000, each writes its 2,500 in 4 turns, not the hall's 8.
   */
  private turnsPerWindow(): number {
    return turnsPerWindow(this.hub.localSockets);
  }

  /**
   * One turn (turns never overlap): a group of shards gets its counts and session views (all of them
   * in a small hall, one in 8 in a hall of thousands), and the polls go out once a window.
   */
  private turn(final: boolean): Promise<void> {
    this.lastTurnAt = Date.now();
    const turns = final ? 1 : this.turnsPerWindow();
    const group = this.turnCount++ % turns;
    const shards = Array.from({ length: SESSION_SHARDS / turns }, (_, i) => group + i * turns);
    this.turns = this.turns
      .then(async () => {
        let countsSent = false;
        for (const shard of shards) {
          this.sendSessions(shard);
          countsSent = this.sendCounts(shard) || countsSent;
        }
        this.forgetSettled();
        if (final || Date.now() - this.lastPollsAt >= this.pacer.windowMs(this.audience()))
          countsSent = (await this.sendPolls()) || countsSent;
        // Only counts tell the pacer about their load: participants coming and going (session:updated) in a join storm do not.
        if (countsSent) this.pacer.noteTurn();
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'Count turn failed'));
    return this.turns;
  }

  private scheduleAnnouncement(): void {
    // Sockets leaving while the server closes change the participant count: nobody else needs to hear it.
    if (this.announceTimer || this.stopped) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      this.announce();
    }, ANNOUNCE_DELAY_MS);
  }

  /**
   * Tells the other processes what changed here: a Redis pub/sub message (the streams adapter sends
   * server-side emits that way), so one sent while Redis is unreachable is lost, and their sockets
   * keep the older count of those questions until the next change or their next `session:join`.
   */
  private announce(): void {
    if (this.unannouncedSessions.size > 0) {
      this.hub.tellPeers(SESSIONS_CHANGED, [...this.unannouncedSessions.values()]);
      this.unannouncedSessions.clear();
    }
    if (this.unannounced.size === 0) return;
    const announcement: CountsChanged = [...this.unannounced].map(([sessionId, counts]) => [
      sessionId,
      [...counts].map(([questionId, { upvotes, version }]) => [questionId, upvotes, version]),
    ]);
    this.unannounced.clear();
    this.hub.tellPeers(COUNTS_CHANGED, announcement);
  }

  /** Whether the shard had counts to get. */
  private sendCounts(shard: number): boolean {
    let sent = false;
    for (const [sessionId, queues] of this.queues) {
      const queue = queues[shard]!;
      if (queue.size === 0) continue;
      const known = this.known.get(sessionId);
      const counts: Record<string, number> = {};
      for (const questionId of queue) {
        const counted = known?.get(questionId);
        if (counted) counts[questionId] = counted.upvotes;
      }
      queue.clear();
      this.hub.sendLocalSuperseding(sessionShardRoom(sessionId, shard), 'question:votes', { sessionId, counts });
      sent = true;
    }
    return sent;
  }

  private sendSessions(shard: number): void {
    for (const [sessionId, pending] of this.sessionShards) {
      if (!pending.delete(shard)) continue;
      const session = this.sessionViews.get(sessionId)!;
      this.hub.sendLocalSuperseding(sessionShardRoom(sessionId, shard), 'session:updated', { session });
    }
  }

  /** Sessions with nothing queued for any shard: drop their queues, and their counters and view once quiet for a while. */
  private forgetSettled(): void {
    for (const [sessionId, queues] of this.queues) {
      if (queues.every((queue) => queue.size === 0)) this.queues.delete(sessionId);
    }
    for (const [sessionId, pending] of this.sessionShards) {
      if (pending.size === 0) this.sessionShards.delete(sessionId);
    }
    const now = Date.now();
    for (const [sessionId, at] of this.changedAt) {
      if (this.queues.has(sessionId) || this.sessionShards.has(sessionId) || now - at < REMEMBER_MS) continue;
      this.changedAt.delete(sessionId);
      this.known.delete(sessionId);
      this.sessionViews.delete(sessionId);
    }
  }

  /** Whether there were poll results to send. */
  private async sendPolls(): Promise<boolean> {
    if (this.dirtyPolls.size === 0) return false;
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
    return true;
  }
}
