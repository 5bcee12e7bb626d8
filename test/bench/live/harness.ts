/**
 * What the benchmarks that start Balai processes share (bench:live, bench:soak): health waits, a fresh
 * database, JSON over HTTP and participants with tokens.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { JwtService } from '@nestjs/jwt';
import { newId } from '@balai/database';
import type { AppConfig } from '@balai/config';
import { EndedSessions, TokenService } from '@balai/identity';

export const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const databaseUrl = (name: string): string => `postgres://postgres@127.0.0.1:5432/${name}`;

/** Resident set size of a process in KB, from /proc (0 once it is gone). */
export function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Waits until `GET /health` answers 200, or fails when the process exits first. */
export async function waitHealthy(origin: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server at ${origin} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${origin}/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`server at ${origin} not healthy after ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export async function recreateDatabase(name: string): Promise<void> {
  const pg = new Client({ connectionString: PG_ADMIN });
  await pg.connect();
  await pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await pg.query(`CREATE DATABASE ${name}`);
  await pg.end();
}

export async function post<T>(origin: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${origin}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/**
 * Accounts with tokens. Guests: the first ones through POST /auth/guest (the real path, timed), the rest
 * inserted in one statement and their tokens issued by Balai's own TokenService with the bench's
 * JWT_SECRET, as `createAccount` does in tests: the same rows and tokens, without spending minutes
 * of a shared machine on thousands of HTTP round trips. Citizens: all inserted that way (registration
 * is limited per address and hashes a password each).
 */
export async function createAccounts(options: {
  origin: string;
  database: string;
  jwtSecret: string;
  count: number;
  role?: 'guest' | 'citizen';
  namePrefix?: string;
  log?: (...args: unknown[]) => void;
}): Promise<Array<{ id: string; token: string }>> {
  const { origin, database, jwtSecret, count, role = 'guest', namePrefix = 'Peserta', log } = options;
  const viaHttp = role === 'guest' ? Math.min(count, 200) : 0;
  const accounts = new Array<{ id: string; token: string }>(count);
  let next = 0;
  const t = Date.now();
  const lane = async (): Promise<void> => {
    while (next < viaHttp) {
      const i = next++;
      const res = await post<{ accessToken: string; user: { id: string } }>(origin, '/auth/guest', {
        displayName: `${namePrefix} ${i + 1}`,
      });
      if (res.status !== 201 && res.status !== 200) throw new Error(`guest ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      accounts[i] = { id: res.body.user.id, token: res.body.accessToken };
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  if (viaHttp > 0) log?.(`${viaHttp} guests over HTTP: ${(viaHttp / ((Date.now() - t) / 1000)).toFixed(0)}/s`);
  if (count === viaHttp) return accounts;
  const issuer = new TokenService(
    new JwtService({ secret: jwtSecret, signOptions: { algorithm: 'HS256', expiresIn: '12h' } }),
    // Accounts made here have never signed out: no ended sessions to know of.
    new EndedSessions({ jwt: { secret: jwtSecret, ttl: '12h' } } as AppConfig),
  );
  const ids = Array.from({ length: count - viaHttp }, () => newId());
  const pg = new Client({ connectionString: databaseUrl(database) });
  await pg.connect();
  await pg.query(
    `insert into users (id, display_name, role) select id, $2 || ' ' || (n + ${viaHttp}), $3::user_role from unnest($1::uuid[]) with ordinality as t(id, n)`,
    [ids, namePrefix, role],
  );
  await pg.end();
  for (const [i, id] of ids.entries()) {
    accounts[viaHttp + i] = { id, token: await issuer.issue({ id, role, displayName: `${namePrefix} ${viaHttp + i + 1}` }) };
  }
  return accounts;
}
