import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, RateLimitedError } from '@balai/errors';
import { ConnectionCap, ConnectionCapOptions } from './connection-cap';
import { DistinctCap, DistinctCapOptions } from './distinct-cap';
import { REDIS } from './redis.tokens';

export interface RateLimit {
  /** Unique per limit: the Redis key prefix. */
  name: string;
  points: number;
  durationSeconds: number;
  /**
   * While Redis is away: `refuse` (the default) answers `unavailable`; `memory` counts on this process
   * alone, for a limit that must not stop every write of its kind when Redis goes.
   */
  whenRedisIsAway?: 'refuse' | 'memory';
}

/** A limit that counts in Redis when REDIS_URL is set (shared by every process), else in memory. */
export class RateLimiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** Takes one point for `key`; throws RateLimitedError (with Retry-After) when none are left. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection: unknown) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw new DomainError('unavailable', 'rate_limiter_unavailable', 'The rate limiter is unavailable: try again');
    }
  }
}

@Injectable()
export class RateLimiterFactory implements OnModuleDestroy {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  create(limit: RateLimit): RateLimiter {
    const options = { keyPrefix: `balai:rl:${limit.name}`, points: limit.points, duration: limit.durationSeconds };
    return new RateLimiter(
      this.redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis,
            useRedisPackage: false,
            ...(limit.whenRedisIsAway === 'memory' ? { insuranceLimiter: new RateLimiterMemory(options) } : {}),
          })
        : new RateLimiterMemory(options),
    );
  }

  private readonly caps = new Map<string, DistinctCap>();

  /**
   * A cap on distinct members per key (`DistinctCap`), in the same Redis as the limits. One per name:
   * two edges asking for the same name (HTTP and Socket.IO ballots) share it in memory too.
   */
  distinctCap(options: DistinctCapOptions): DistinctCap {
    let cap = this.caps.get(options.name);
    if (!cap) this.caps.set(options.name, (cap = new DistinctCap(options, this.redis)));
    return cap;
  }

  private readonly connectionCaps: ConnectionCap[] = [];

  /** A cap on concurrent connections per key (`ConnectionCap`), counted across processes through the same Redis. */
  connectionCap(options: ConnectionCapOptions): ConnectionCap {
    const cap = new ConnectionCap(options, this.redis);
    this.connectionCaps.push(cap);
    return cap;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.connectionCaps.splice(0).map((cap) => cap.stop()));
  }
}
