import type { AppConfig } from '@balai/config';
import { EndedSessions, tokenLifetimeMs } from './ended-sessions';

describe('EndedSessions', () => {
  const config = { jwt: { secret: 'unused', ttl: '12h' } } as AppConfig;
  const HOUR = 3_600_000;
  const ended = 1_796_000_000_500;

  it('revokes tokens issued at or before the end, to the millisecond, and none issued after', () => {
    const sessions = new EndedSessions(config);
    sessions.end('sari', ended);
    expect(sessions.isRevoked('sari', ended - 1, ended + 10)).toBe(true);
    expect(sessions.isRevoked('sari', ended, ended + 10)).toBe(true);
    expect(sessions.isRevoked('sari', ended + 1, ended + 10)).toBe(false);
    expect(sessions.isRevoked('budi', ended - 1, ended + 10)).toBe(false);
    // A token without milliseconds counts from the start of its `iat` second: one of the same second is refused.
    expect(sessions.isRevoked('sari', Math.floor((ended + 400) / 1000) * 1000, ended + 10)).toBe(true);
  });

  it('issues a token after the end even in the millisecond of the end', () => {
    const sessions = new EndedSessions(config);
    sessions.end('sari', ended);
    const issued = sessions.issueTime('sari', ended);
    expect(issued).toBe(ended + 1);
    expect(sessions.isRevoked('sari', issued, ended)).toBe(false);
    expect(sessions.issueTime('sari', ended + 5)).toBe(ended + 5);
    expect(sessions.issueTime('budi', ended)).toBe(ended);
  });

  it('never moves an end back when an older one arrives late', () => {
    const sessions = new EndedSessions(config);
    sessions.end('sari', ended);
    sessions.end('sari', ended - 100);
    expect(sessions.isRevoked('sari', ended - 50, ended + 10)).toBe(true);
  });

  it('forgets an end once every token it revoked has expired', () => {
    const sessions = new EndedSessions(config);
    sessions.replaceAll([{ userId: 'sari', endedAt: ended }]);
    expect(sessions.isRevoked('sari', ended - 1, ended + 12 * HOUR)).toBe(true);
    expect(sessions.isRevoked('sari', ended - 1, ended + 12 * HOUR + 1)).toBe(false);
    expect(sessions.horizon(ended + 12 * HOUR).getTime()).toBe(ended);
  });

  it('reads JWT_TTL', () => {
    expect([tokenLifetimeMs('90s'), tokenLifetimeMs('15m'), tokenLifetimeMs('12h'), tokenLifetimeMs('7d')]).toEqual([
      90_000,
      900_000,
      12 * HOUR,
      7 * 24 * HOUR,
    ]);
    expect(() => tokenLifetimeMs('12 hours')).toThrow();
  });
});
