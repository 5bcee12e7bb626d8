import { Injectable } from '@nestjs/common';
import { AppConfig } from '@balai/config';
import { UnauthorizedError } from '@balai/errors';

/** 401 `token_revoked`: the token was issued before its account's sessions ended. */
export class TokenRevokedError extends UnauthorizedError {
  constructor() {
    super('token_revoked', 'This session has ended (signed out, or the account changed): sign in again');
  }
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `JWT_TTL` (`15m`, `12h`, `7d`: checked by the config) in milliseconds. */
export function tokenLifetimeMs(ttl: string): number {
  const match = /^(\d+)([smhd])$/.exec(ttl);
  if (!match) throw new Error(`Not a token lifetime: ${ttl}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/**
 * When each account's sessions last ended (signed out, role changed, suspended, deleted), in memory:
 * every token check asks it without a database read. `SessionEndsService` keeps it in step on every
 * process (loaded at start, then told of each end). A token issued at or before its account's end is
 * revoked; times are milliseconds, and tokens carry their issue time in milliseconds (`iat_ms`).
 *
 * An end older than a token's lifetime (JWT_TTL) revokes nothing any more: every token issued before
 * it has expired. Such entries are dropped, so the map holds the ends of the last JWT_TTL only.
 */
@Injectable()
export class EndedSessions {
  /** userId → milliseconds since the epoch. */
  private readonly endedAt = new Map<string, number>();
  readonly tokenLifetimeMs: number;

  constructor(config: AppConfig) {
    this.tokenLifetimeMs = tokenLifetimeMs(config.jwt.ttl);
  }

  /** Records an end; an older one arriving late (from a peer) never moves it back. */
  end(userId: string, at: number): void {
    const known = this.endedAt.get(userId);
    if (known === undefined || at > known) this.endedAt.set(userId, at);
  }

  replaceAll(entries: { userId: string; endedAt: number }[]): void {
    this.endedAt.clear();
    for (const entry of entries) this.end(entry.userId, entry.endedAt);
  }

  /** The earliest end that may still revoke a token (ends before it are not worth loading). */
  horizon(now = Date.now()): Date {
    return new Date(now - this.tokenLifetimeMs);
  }

  isRevoked(userId: string, issuedAt: number, now = Date.now()): boolean {
    const ended = this.endedAt.get(userId);
    if (ended === undefined) return false;
    if (ended < now - this.tokenLifetimeMs) {
      this.endedAt.delete(userId);
      return false;
    }
    return issuedAt <= ended;
  }

  assertCurrent(userId: string, issuedAt: number): void {
    if (this.isRevoked(userId, issuedAt)) throw new TokenRevokedError();
  }

  /**
   * The issue time of a token made now: after the account's last end, even in the millisecond of
   * that end (a sign-in right after a sign-out must work).
   */
  issueTime(userId: string, now = Date.now()): number {
    const ended = this.endedAt.get(userId);
    return ended !== undefined && ended >= now ? ended + 1 : now;
  }
}
