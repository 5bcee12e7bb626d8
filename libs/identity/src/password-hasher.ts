import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DomainError } from '@balai/errors';

/**
 * At most `limit` tasks at once, the rest wait in order; when `maxWaiting` already wait, a new task is
 * refused at once (`unavailable`, retry shortly) instead of queueing without bound.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most tasks seen running at once (for specs and the burst script). */
  peak = 0;

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new DomainError('unavailable', 'busy', 'The server is busy signing people in: try again in a few seconds', undefined, 2);
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running += 1;
    this.peak = Math.max(this.peak, this.running);
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

/**
 * argon2id with its defaults (64 MiB, 3 passes) for every password, at most two at a time: a burst of
 * registrations or logins queues (up to 200, then `unavailable`) instead of holding 64 MiB per request
 * and taking every libuv thread the database driver and the file system also need.
 */
export const HASHING_CONCURRENCY = 2;
export const HASHING_MAX_WAITING = 200;

@Injectable()
export class PasswordHasher {
  readonly limit = new ConcurrencyLimit(HASHING_CONCURRENCY, HASHING_MAX_WAITING);
  /** A hash to verify against when the account does not exist, so both paths take the same time. */
  private readonly decoy = argon2.hash('balai-decoy-password');

  hash(password: string): Promise<string> {
    return this.limit.run(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      const decoy = await this.decoy;
      await this.limit.run(() => argon2.verify(decoy, password));
      return false;
    }
    return this.limit.run(() => argon2.verify(hash, password));
  }
}
