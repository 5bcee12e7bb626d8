import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@balai/errors';

/** 403 `suspended`: a suspended account reads but does not write. */
export class AccountSuspendedError extends ForbiddenError {
  constructor() {
    super('suspended', 'This account is suspended: it can read, but not write');
  }
}

/**
 * The suspended accounts, in memory: the auth guard and the `/live` gateway ask it on every write
 * without a database read. Moderation owns the suspensions (their table, who and why) and keeps this
 * list in step on every process (loaded at start, then told of each change).
 */
@Injectable()
export class SuspensionList {
  /** userId → until (milliseconds since the epoch; Infinity: until lifted). */
  private readonly until = new Map<string, number>();

  set(userId: string, until: Date | null): void {
    this.until.set(userId, until ? until.getTime() : Number.POSITIVE_INFINITY);
  }

  lift(userId: string): void {
    this.until.delete(userId);
  }

  replaceAll(entries: { userId: string; until: Date | null }[]): void {
    this.until.clear();
    for (const entry of entries) this.set(entry.userId, entry.until);
  }

  isSuspended(userId: string, now = Date.now()): boolean {
    const until = this.until.get(userId);
    if (until === undefined) return false;
    if (until > now) return true;
    this.until.delete(userId);
    return false;
  }

  assertMayWrite(userId: string): void {
    if (this.isSuspended(userId)) throw new AccountSuspendedError();
  }
}
