import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EventLoopUtilization, performance } from 'node:perf_hooks';
import { SESSION_SHARDS } from '@balai/realtime';
import { mainThreadCpuNs } from './main-thread-cpu';

/** The shortest count window: up to ten `question:votes` a second to each socket. */
export const FLUSH_INTERVAL_MS = 100;
/** The longest: a change still shows within the contract's 500 ms, sending included. */
export const MAX_FLUSH_INTERVAL_MS = 400;
/**
 * Count messages this process means to send to its sockets per second, before adjusting to load
 * (windows grow with the audience to stay under it). A delivery is one socket write of a prebuilt
 * frame, ~14–17 µs of CPU on this machine, most of it in the kernel (`npm run bench:delivery`):
 * 40,000 a second leave about a third of a core to votes, acks and joins at 5,000 participants and
 * 1,000 votes a second (docs/BENCHMARKS.md).
 */
export const MAX_COUNT_DELIVERIES_PER_SECOND = 40_000;

/** The window for an audience of `sockets` on an unloaded process: 100 ms up to 4,000, 125 ms for 5,000. */
export function countWindowMs(sockets: number): number {
  return clampWindow(Math.ceil((sockets * 1000) / MAX_COUNT_DELIVERIES_PER_SECOND));
}

function clampWindow(ms: number): number {
  return Math.min(MAX_FLUSH_INTERVAL_MS, Math.max(FLUSH_INTERVAL_MS, ms));
}

/**
 * Sockets one turn may write to: ~10 ms of writes (700, not 625: half a hall of 5,000 and a few more
 * sockets, as two processes hold it, still go in 4 turns, not 8 of half the size). A larger hall's window is split in turns (2, 4 or
 * 8, one group of shards each) so acks and database replies never wait long behind the hall's writes;
 * no more turns than that, because bursts cost less per write than the same writes spread out
 * (12–13 µs against 14–16 µs per delivery at 2,000 sockets here: fewer wake-ups of the receivers).
 * One turn of 2,000 (~30 ms) already took the ack p99 from ~60 to ~95 ms at 1,000 votes a second.
 */
export const SOCKETS_PER_TURN = 700;

/** Turns per window for a hall of `sockets`: 1 up to 700, then 2, 4 or 8 (the shard count). */
export function turnsPerWindow(sockets: number): number {
  let turns = 1;
  while (turns < SESSION_SHARDS && turns * SOCKETS_PER_TURN < sockets) turns *= 2;
  return turns;
}

/** How often the event loop's load is read. */
export const PACING_SAMPLE_MS = 500;
/** When the windows stretch (above `high`, faster above `saturated`) and shrink back (below `low`). */
export interface BusyThresholds {
  high: number;
  saturated: number;
  low: number;
}
/**
 * For the share of the time the event loop's thread ran on a CPU (Linux). A thread that runs 90 % of
 * the time has filled its core (the rest goes to the kernel's own work and other processes' wake-ups).
 */
export const ON_CPU_THRESHOLDS: BusyThresholds = { high: 0.9, saturated: 0.95, low: 0.8 };
/**
 * For event loop utilisation (elsewhere), which also counts the time the loop was preempted in the
 * middle of its work, so reads higher than the time on a CPU: the thresholds the pacer used on it
 * until the sixth session.
 */
export const EVENT_LOOP_THRESHOLDS: BusyThresholds = { high: 0.95, saturated: 0.98, low: 0.85 };
const MAX_STRETCH = 4;
/**
 * While no counts flow, the stretch drifts back slowly (×0.98 a sample: a tenth in 2.5 s, back from
 * ×2 in 17 s): the load of a quiet spell says nothing about counts, and the pause between two
 * waves of votes should not make the next wave start from windows this process could not keep.
 */
const IDLE_DECAY = 0.98;
/** From this stretch on, the process is short of CPU for its halls: worth a warning in the log. */
const STRETCH_WARNING = 2;

/**
 * The next stretch of the count windows after the event loop was `busy` (0–1) over the last sample:
 * a saturated loop makes every ack and every delivery wait in its queue, so longer windows (fewer
 * deliveries) keep counts more timely than short ones stuck in that queue. Once the loop has room
 * again the windows shrink back, never below what the delivery budget gives the hall.
 */
export function nextStretch(stretch: number, busy: number | 'idle', thresholds = ON_CPU_THRESHOLDS): number {
  if (busy === 'idle') return Math.max(1, stretch * IDLE_DECAY);
  let next = stretch;
  if (busy > thresholds.saturated) next = stretch * 1.25;
  else if (busy > thresholds.high) next = stretch * 1.1;
  else if (busy < thresholds.low) next = stretch * 0.9;
  return Math.min(MAX_STRETCH, Math.max(1, next));
}

/** One reading of this process's load over the last sample, each a share of the time (0–1). */
export interface LoopLoad {
  /**
   * What the windows follow: the time the event loop's thread ran on a CPU (Linux), else event loop
   * utilisation. The utilisation also counts the time the loop was preempted in the middle of its work:
   * two processes sharing two cores with other work showed 85–95 % busy loops that ran ~50 % of the
   * time, and stretching their windows (to ×4) made counts later without making room.
   */
  busy: number;
  /** Which of the two `busy` is (the thresholds differ). */
  busySource: 'onCpu' | 'eventLoop';
  /** Event loop utilisation. */
  eventLoop: number;
  /** The whole process's CPU time (the event loop, the garbage collector's threads, libuv's pool). */
  cpu: number;
}

/**
 * Sizes the count windows by the hall and by this process's load: the same hall on a slower or
 * busier machine gets counts a little less often rather than acks and counts stuck behind a
 * saturated event loop. The machine's speed matters: on this shared 2-core machine it moved by a
 * third between runs of the same benchmark.
 */
@Injectable()
export class CountPacer implements OnModuleDestroy {
  private readonly logger = new Logger('CountPacer');
  private stretch = 1;
  private turns = 0;
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private lastCpu = process.cpuUsage();
  private lastThreadNs = mainThreadCpuNs();
  private lastAt = performance.now();
  private readonly timer = setInterval(() => this.sample(this.readLoad()), PACING_SAMPLE_MS).unref();

  /** The coalescer sent counts: the load of this sample concerns them. */
  noteTurn(): void {
    this.turns++;
  }

  /** The count window for a hall of `sockets` now. */
  windowMs(sockets: number): number {
    return clampWindow(Math.round(countWindowMs(sockets) * this.stretch));
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** This process's load since the last reading. */
  private readLoad(): LoopLoad {
    const at = performance.now();
    const elapsedMs = Math.max(1, at - this.lastAt);
    this.lastAt = at;
    const now = performance.eventLoopUtilization();
    const eventLoop = performance.eventLoopUtilization(now, this.last).utilization;
    this.last = now;
    const cpuNow = process.cpuUsage();
    const cpuUs = cpuNow.user + cpuNow.system - this.lastCpu.user - this.lastCpu.system;
    this.lastCpu = cpuNow;
    const threadNs = mainThreadCpuNs();
    const onCpu = threadNs !== null && this.lastThreadNs !== null ? (threadNs - this.lastThreadNs) / 1e6 / elapsedMs : null;
    this.lastThreadNs = threadNs;
    const cpu = cpuUs / 1000 / elapsedMs;
    return onCpu === null
      ? { busy: eventLoop, busySource: 'eventLoop', eventLoop, cpu }
      : { busy: onCpu, busySource: 'onCpu', eventLoop, cpu };
  }

  /** The load counts only while counts flow: a join storm in a quiet hall says nothing about the next vote storm. */
  sample({ busy, busySource, eventLoop, cpu }: LoopLoad): void {
    const before = this.stretch;
    const thresholds = busySource === 'onCpu' ? ON_CPU_THRESHOLDS : EVENT_LOOP_THRESHOLDS;
    this.stretch = nextStretch(this.stretch, this.turns > 0 ? busy : 'idle', thresholds);
    // At debug level, while counts flow or the windows are stretched, for whoever wonders why counts come
    // slowly: a loop much busier than its thread ran (eventLoop against busy) was starved by other processes.
    if (this.turns > 0 || this.stretch > 1) {
      this.logger.debug({ busy, eventLoop, cpu, stretch: this.stretch, countTurns: this.turns }, 'Count pacing');
    }
    this.turns = 0;
    if (before < STRETCH_WARNING && this.stretch >= STRETCH_WARNING) {
      this.logger.warn(
        { stretch: this.stretch, busy, eventLoop },
        'Event loop saturated: count windows stretched to twice their length (counts reach participants less often)',
      );
    } else if (before >= STRETCH_WARNING && this.stretch < STRETCH_WARNING) {
      this.logger.log({ stretch: this.stretch, busy, eventLoop }, 'Count windows back under twice their length');
    }
  }
}
