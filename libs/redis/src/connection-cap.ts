import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';

export interface ConnectionCapOptions {
  /** Unique per cap: the Redis key prefix. */
  name: string;
  /** Concurrent connections one key (a client address) may hold, over every process. */
  capacity: number;
}

/** A process whose last heartbeat is older than this no longer counts (it crashed, or lost Redis). */
export const CONNECTION_CAP_STALE_MS = 30_000;
const HEARTBEAT_MS = 10_000;
const KEY_TTL_SECONDS = 60;
/** A handshake waits at most this long for Redis, then counts on this process alone. */
const REDIS_WAIT_MS = 1_000;

/**
 * KEYS[1]: the key's hash (process id → connections held there); KEYS[2]: the processes' heartbeats.
 * Sums the live processes' counts (dropping the stale ones), and takes one when under capacity. Atomic;
 * the time is Redis's own, so processes' clocks need not agree.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[2], now, ARGV[1])
local fields = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #fields, 2 do
  local seen = redis.call('ZSCORE', KEYS[2], fields[i])
  if seen and tonumber(seen) >= now - tonumber(ARGV[3]) then
    total = total + tonumber(fields[i + 1])
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return 1`;

const RELEASE = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`;

/** Records this process as alive (Redis time) and forgets processes silent for ten stale periods. */
const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 10 * tonumber(ARGV[2]))
return 1`;

/**
 * At most `capacity` concurrent connections per key (a client address), over every process. Each
 * process keeps its own counts in memory (the truth for its sockets) and mirrors them into Redis: a
 * hash per key holds each process's count, and a heartbeat every 10 s says which processes are alive
 * and rewrites their counts. A crashed process stops beating and its connections stop counting after
 * 30 s; its hash fields are dropped then, and the keys expire. Without REDIS_URL: memory only. When
 * Redis is away a handshake is decided on this process's counts alone (live meetings keep joining);
 * the next heartbeat after its return brings the counts back.
 */
export class ConnectionCap {
  private readonly logger = new Logger('ConnectionCap');
  private readonly local = new Map<string, number>();
  private readonly processId = randomUUID();
  private readonly heartbeat?: NodeJS.Timeout;
  private warned = false;

  constructor(
    private readonly options: ConnectionCapOptions,
    private readonly redis: Redis | null,
  ) {
    if (redis) {
      this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  /** Takes one connection for `key`; false when the key already holds `capacity`. */
  async acquire(key: string): Promise<boolean> {
    const held = this.local.get(key) ?? 0;
    if (held >= this.options.capacity) return false;
    // Reserved before asking Redis, so a heartbeat meanwhile never writes a count without it.
    this.local.set(key, held + 1);
    if (this.redis) {
      const admitted = await this.withinWait(
        this.redis.eval(
          ACQUIRE,
          2,
          this.hashKey(key),
          this.processesKey(),
          this.processId,
          this.options.capacity,
          CONNECTION_CAP_STALE_MS,
          KEY_TTL_SECONDS,
        ),
      );
      if (admitted === 0) {
        this.unreserve(key);
        return false;
      }
      // admitted undefined: Redis is away; this process's own count decided.
    }
    return true;
  }

  /** Counts a connection that is already in (a recovered one), whatever the count. */
  add(key: string): void {
    this.local.set(key, (this.local.get(key) ?? 0) + 1);
    if (this.redis) void this.withinWait(this.redis.hincrby(this.hashKey(key), this.processId, 1));
  }

  release(key: string): void {
    const held = this.unreserve(key);
    if (this.redis && held > 0) void this.withinWait(this.redis.eval(RELEASE, 1, this.hashKey(key), this.processId));
  }

  /** Takes one off this process's count for `key`; returns the count before. */
  private unreserve(key: string): number {
    const held = this.local.get(key) ?? 0;
    if (held <= 1) this.local.delete(key);
    else this.local.set(key, held - 1);
    return held;
  }

  /** Connections this process holds for `key`. */
  held(key: string): number {
    return this.local.get(key) ?? 0;
  }

  /** Stops the heartbeat and says this process holds nothing any more. */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.redis && this.redis.status === 'ready') await this.withinWait(this.redis.zrem(this.processesKey(), this.processId));
  }

  private async beat(): Promise<void> {
    const redis = this.redis!;
    const pipeline = redis.pipeline().eval(HEARTBEAT, 1, this.processesKey(), this.processId, CONNECTION_CAP_STALE_MS);
    for (const [key, count] of this.local) {
      pipeline.hset(this.hashKey(key), this.processId, count).expire(this.hashKey(key), KEY_TTL_SECONDS);
    }
    await this.withinWait(pipeline.exec());
  }

  /** The command's result, or undefined when Redis did not answer in time (logged once per outage). */
  private async withinWait<T>(command: Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), REDIS_WAIT_MS);
    });
    try {
      const result = await Promise.race([command.catch(() => undefined), timeout]);
      if (result === undefined) this.warnOnce();
      else this.warned = false;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  private warnOnce(): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`Redis did not answer: connections per address (${this.options.name}) counted on this process alone`);
  }

  private hashKey(key: string): string {
    return `balai:conn:${this.options.name}:${key}`;
  }

  private processesKey(): string {
    return `balai:conn:${this.options.name}:processes`;
  }
}
