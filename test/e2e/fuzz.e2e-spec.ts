import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { CLIENT_EVENTS } from '@balai/contracts';
import { createAccount, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { connectLive, LiveClient } from './live-helpers';

/**
 * Fuzzing (issue 17): every HTTP write route of the OpenAPI document and every `/live` client event,
 * enumerated (a route or event added later is fuzzed too), with hostile values: wrong types, NUL and
 * lone surrogates, `__proto__`/`constructor` keys, huge and deeply nested values, odd Unicode, numbers
 * like 1e309. No 5xx and no `internal` ack, nothing stored by a refused request, healthy afterwards.
 * Seeded and bounded in time.
 */
const SEED = 20261204;
const HTTP_BUDGET_MS = 25_000;
const SOCKET_BUDGET_MS = 15_000;

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
/**
 * Routes that end the caller's own sessions or account: every later case would meet a revoked admin
 * token (and `DELETE /me` spends an argon2 check per case). Their own specs cover them.
 */
const ENDS_OWN_SESSIONS = new Set(['POST /api/v1/auth/logout', 'DELETE /api/v1/me']);

interface Operation {
  method: string;
  path: string;
  /** Property names of the JSON body's schema, to put hostile values where the validators look. */
  fields: string[];
}

/** Odd strings: each is valid JSON text once escaped, and each has broken something somewhere. */
const hostileString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\u202eevil\u202c',
    '\u200f\u200e',
    '\u200b\u200c\u200d\ufeff',
    'e\u0301\u0301\u0301\u0301',
    'Z\u0351\u0352\u0353\u0354\u0355\u0356',
    '🌳'.repeat(50),
    '',
    ' ',
    '../../etc/passwd',
    "'; drop table users; --",
    '<script>alert(1)</script>',
    '%00',
    '${7*7}',
    '__proto__',
    'null',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'w'.repeat(n)),
);

/** Raw JSON number texts JSON.stringify cannot produce. */
const hostileNumberText = fc.constantFrom(
  '1e309',
  '-1e309',
  '1e-400',
  '123456789012345678901234567890',
  '-0',
  '0.0000001',
  '9007199254740993',
);

/** A JSON value as text, so that numbers like 1e309 and keys like __proto__ reach the server as sent. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString.map((s) => JSON.stringify(s)),
    hostileNumberText,
    fc.double().map((n) => JSON.stringify(n)),
    fc.constantFrom('true', 'false', 'null', '0', '-1', '[]', '{}'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'role', 'status', 'authorId'), hostileString),
          tie('value'),
        ),
        {
          maxLength: 4,
        },
      )
      .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
    fc.integer({ min: 30, max: 5_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  ),
})).value;

/** A body: an object with the route's own fields set to hostile values (often), or any JSON text. */
const bodyFor = (fields: string[]) =>
  fc.oneof(
    fc
      .tuple(
        fc.subarray(fields.length > 0 ? fields : ['x']),
        fc.array(jsonText, { minLength: 8, maxLength: 8 }),
        fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'role', 'id', 'upvotes'), jsonText)),
      )
      .map(([keys, values, extra]) => {
        const entries = keys.map((key, index) => `${JSON.stringify(key)}:${values[index % values.length]}`);
        if (extra) entries.push(`${JSON.stringify(extra[0])}:${extra[1]}`);
        return `{${entries.join(',')}}`;
      }),
    jsonText,
  );

const pathValue = fc.oneof(
  fc.constant(randomUUID()),
  fc.constantFrom('%00', 'not-a-uuid', '-----', '..%2F..', '%E2%80%AE', '00000000-0000-0000-0000-000000000000', 'x'.repeat(300)),
);

describe('fuzzing every write route and every live event', () => {
  let testApp: TestApp;
  let admin: TestAccount;
  let tables: string[];
  const internalFailures: string[] = [];

  const countRows = async (): Promise<string> => {
    const parts = tables.map((table) => `select '${table}' as t, count(*)::int as n from "${table}"`).join(' union all ');
    const rows = await testApp.database!.query<{ t: string; n: number }>(parts);
    return rows.map((row) => `${row.t}=${row.n}`).join(',');
  };

  beforeAll(async () => {
    testApp = await createTestApp({ env: { LOGIN_LIMIT_PER_MINUTE: '100000', GUEST_LIMIT_PER_MINUTE: '100000' } });
    admin = await createAccount(testApp, 'admin');
    const rows = await testApp.database!.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by tablename",
    );
    tables = rows.map((row) => row.tablename);
  }, 60_000);

  afterAll(async () => {
    await testApp.close();
  });

  async function operations(): Promise<Operation[]> {
    const document = (await (await fetch(`${testApp.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>;
      components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
    };
    const found: Operation[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of WRITE_METHODS) {
        const operation = methods[method];
        if (!operation || ENDS_OWN_SESSIONS.has(`${method.toUpperCase()} ${path}`)) continue;
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? document.components?.schemas?.[ref.split('/').pop()!] : undefined;
        found.push({ method: method.toUpperCase(), path, fields: Object.keys(schema?.properties ?? {}) });
      }
    }
    return found;
  }

  it('answers every HTTP write route below 500, and a refused request stores nothing', async () => {
    const routes = await operations();
    expect(routes.length).toBeGreaterThan(10);
    const asWho = fc.constantFrom<'admin' | 'anonymous'>('admin', 'admin', 'anonymous');
    const started = Date.now();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes).chain((route) => fc.tuple(fc.constant(route), bodyFor(route.fields), pathValue, asWho)),
        async ([route, body, param, who]) => {
          runs += 1;
          const url = `${testApp.url}${route.path.replace(/\{[^}]+\}/g, param)}`;
          const before = await countRows();
          const response = await fetch(url, {
            method: route.method,
            headers: { 'content-type': 'application/json', ...(who === 'admin' ? { authorization: `Bearer ${admin.token}` } : {}) },
            body: body,
          });
          const text = await response.text();
          if (response.status >= 500) {
            internalFailures.push(`${route.method} ${route.path} ${body.slice(0, 200)} -> ${response.status} ${text.slice(0, 200)}`);
            return false;
          }
          if (response.status >= 400) {
            const after = await countRows();
            if (after !== before) {
              internalFailures.push(`${route.method} ${route.path} refused ${response.status} yet stored: ${before} -> ${after}`);
              return false;
            }
          }
          return true;
        },
      ),
      { seed: SEED, numRuns: 2_000, interruptAfterTimeLimit: HTTP_BUDGET_MS, markInterruptAsFailure: false, endOnFailure: true },
    );
    expect(internalFailures).toEqual([]);
    expect(runs).toBeGreaterThan(20);
    expect(Date.now() - started).toBeLessThan(HTTP_BUDGET_MS + 20_000);
  }, 90_000);

  it('acks every /live client event, never `internal`, stores nothing for a refused one, and the socket stays up', async () => {
    let socket: LiveClient = await connectLive(testApp, admin.token);
    let runs = 0;
    await fc
      .assert(
        fc.asyncProperty(
          fc.constantFrom(...CLIENT_EVENTS),
          bodyFor(['sessionId', 'code', 'text', 'clientRequestId', 'questionId', 'pollId', 'optionIds', 'action', 'anonymous', 'reason']),
          async (event, body) => {
            runs += 1;
            if (!socket.connected) socket = await connectLive(testApp, admin.token);
            let payload: unknown;
            try {
              payload = JSON.parse(body);
            } catch {
              payload = body;
            }
            // Beyond 32 KB the transport closes the connection unanswered: frames-and-health covers that.
            if (Buffer.byteLength(body) > 30 * 1024) return true;
            const before = await countRows();
            let ack: { ok: boolean; error?: { code: string; detail?: string } };
            try {
              ack = await socket.timeout(10_000).emitWithAck(event, payload);
            } catch (error: unknown) {
              // socket.io-client walks a payload recursively (looking for binaries): very deep ones never leave it.
              if (error instanceof RangeError) return true;
              throw error;
            }
            if (ack.ok === false && (ack.error?.detail === 'internal' || ack.error?.code === 'unavailable')) {
              internalFailures.push(`${event} ${body.slice(0, 200)} -> ${JSON.stringify(ack)}`);
              return false;
            }
            if (ack.ok === false && (await countRows()) !== before) {
              internalFailures.push(`${event} refused yet stored something`);
              return false;
            }
            if (!socket.connected) {
              internalFailures.push(`${event} ${Buffer.byteLength(body)} bytes closed the connection`);
              return false;
            }
            return true;
          },
        ),
        { seed: SEED, numRuns: 1_000, interruptAfterTimeLimit: SOCKET_BUDGET_MS, markInterruptAsFailure: false, endOnFailure: true },
      )
      .finally(() => socket.close());
    expect(internalFailures).toEqual([]);
    expect(runs).toBeGreaterThan(20);
  }, 60_000);

  it('is healthy afterwards', async () => {
    expect((await fetch(`${testApp.url}/health`)).status).toBe(200);
    expect((await fetch(`${testApp.url}/api/v1/consultations`)).status).toBe(200);
  });
});
