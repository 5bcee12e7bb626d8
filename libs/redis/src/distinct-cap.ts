import type Redis from 'ioredis';
import { DomainError } from '@balai/errors';

export interface DistinctCapOptions {
  /** Unique per cap: the Redis key prefix. */
  name: string;
  /** How many distinct members a key admits. */
  capacity: number;
  /** How long a key remembers its members after the last admission. */
  ttlSeconds: number;
}

/** Admits `member` under `key` when it is already in, or when fewer than `capacity` are. Atomic. */
const ADMIT = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1`;

/**
 * At most `capacity` distinct members per key (say, participants from one address who upvoted one
 * question): a member already admitted is admitted again, so repeating an action costs nothing. In
 * Redis when REDIS_URL is set (shared by every process), else in memory.
 */
export class DistinctCap {
  private readonly memory = new Map<string, { members: Set<string>; expiresAt: number }>();
  private admissions = 0;

  constructor(
    private readonly options: DistinctCapOptions,
    private readonly redis: Redis | null,
  ) {}

  /** `admit`, or a `rate_limited` error (code `address_cap`) with `message` when the key is full. */
  async enforce(key: string, member: string, message: string): Promise<void> {
    if (!(await this.admit(key, member))) throw new DomainError('rate_limited', 'address_cap', message, undefined, 60);
  }

  async admit(key: string, member: string): Promise<boolean> {
    const { name, capacity, ttlSeconds } = this.options;
    if (this.redis) {
      try {
        return (await this.redis.eval(ADMIT, 1, `balai:cap:${name}:${key}`, member, capacity, ttlSeconds)) === 1;
      } catch {
        throw new DomainError('unavailable', 'cap_unavailable', 'The vote limiter is unavailable: try again');
      }
    }
    const now = Date.now();
    if (++this.admissions % 1000 === 0) {
      for (const [stale, entry] of this.memory) if (entry.expiresAt <= now) this.memory.delete(stale);
    }
    let entry = this.memory.get(key);
    if (!entry || entry.expiresAt <= now) {
      entry = { members: new Set(), expiresAt: 0 };
      this.memory.set(key, entry);
    }
    if (!entry.members.has(member)) {
      if (entry.members.size >= capacity) return false;
      entry.members.add(member);
    }
    entry.expiresAt = now + ttlSeconds * 1000;
    return true;
  }
}
