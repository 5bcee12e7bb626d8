/**
 * Closing benchmark (not a test): `npm run bench:decisions` (`-- --scale=0.001` for a tiny run,
 * `--readers=16`, `--baseline=10`, `--db=<name>` to reuse a seeded database).
 * Creates a dedicated PostgreSQL database, lets Balai migrate it, seeds the forum benchmark's data
 * (test/bench/forum/seed.ts: 100,000 threads and 1,000,000 posts at scale 1) and moves every thread
 * into one consultation. Then, against Balai running from sources in a child process:
 *   1. time to the summary of the open consultation (an official's GET /consultations/:id/summary: computed, not stored);
 *   2. concurrent readers of GET /threads?consultationId= for `--baseline` seconds without a close;
 *   3. the same readers while an official closes the consultation (POST /consultations/:id/close,
 *      which generates and stores the summary in the close's transaction), until the close answers.
 * Prints time to summary, the close's duration and the readers' p50/p95 side by side; at full scale
 * (no `--scale`), or with `--doc` at another scale, it writes them into docs/BENCHMARKS.md under
 * "Closing a consultation of <n> posts" (the issue's figure is at `--scale=0.1`: 100,000 posts).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { sign } from 'jsonwebtoken';
import { Client } from 'pg';
import { writeBenchmarkSection } from '../benchmarks-doc';
import { SEED, seed } from '../forum/seed';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? (argv.includes(`--${name}`) ? '' : undefined);
const SCALE = Number(flag('scale') ?? 1);
const READERS = Number(flag('readers') ?? 16);
const BASELINE_S = Number(flag('baseline') ?? 10);
const REUSE_DB = flag('db');
const KEEP_DB = flag('keep-db') !== undefined || REUSE_DB !== undefined;

const ROOT = resolve(__dirname, '../../..');
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = REUSE_DB || `balai_bench_decisions_${Date.now().toString(36)}`;
const DB_URL = (() => {
  const url = new URL(PG_ADMIN);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
})();
const JWT_SECRET = 'bench-decisions-secret-0123456789abcdef-012345';
const PORT = 38_421;
const BASE = `http://127.0.0.1:${PORT}`;
const log = (message: string) => process.stderr.write(`[bench:decisions ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function start(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[balai] ${chunk.toString()}`));
  child.stdout?.on('data', () => undefined);
  return child;
}

async function waitForHealth(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Balai did not answer within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface ReaderStats {
  requests: number;
  failures: number;
  p50: number;
  p95: number;
  seconds: number;
}

/** READERS loops of GET /threads?consultationId= until `until` resolves; latencies in ms. */
async function readers(consultationId: string, until: Promise<unknown>): Promise<ReaderStats> {
  let done = false;
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  void until.finally(() => {
    done = true;
  });
  await Promise.all(
    Array.from({ length: READERS }, async (_, reader) => {
      let n = 0;
      while (!done) {
        const sort = (reader + n++) % 2 === 0 ? 'recent' : 'top';
        const t = performance.now();
        const response = await fetch(`${BASE}/api/v1/threads?consultationId=${consultationId}&sort=${sort}&limit=20`);
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        if (response.status !== 200) failures++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    seconds: (performance.now() - started) / 1000,
  };
}

async function main(): Promise<void> {
  log(
    `${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; scale ${SCALE}, ${READERS} readers`,
  );
  SEED.threads = Math.max(10, Math.round(SEED.threads * SCALE));
  SEED.posts = Math.max(100, Math.round(SEED.posts * SCALE));
  SEED.users = Math.max(10, Math.round(SEED.users * Math.min(1, SCALE * 10)));
  // The seed spreads posts over the threads with the hot thread's first posts taken out: it needs fewer of them than threads.
  SEED.hotThreadPosts = Math.min(SEED.hotThreadPosts, Math.floor(SEED.posts / 10), Math.floor(SEED.threads / 2));
  if (!REUSE_DB) await admin(`create database "${DB_NAME}"`);
  const env = { PORT: String(PORT), DATABASE_URL: DB_URL, JWT_SECRET, LOG_LEVEL: 'warn', BALAI_DEMO: 'false', NODE_ENV: 'production' };
  let balai: ChildProcess | undefined;
  try {
    const client = new Client({ connectionString: DB_URL });
    if (!REUSE_DB) {
      log('starting Balai (migrations)');
      balai = start(env);
      await waitForHealth();
      await stop(balai);
      log(`seeding ${SEED.threads} threads, ${SEED.posts} posts`);
      await seed(DB_URL, log);
      await client.connect();
      // Every thread into one consultation: the one to close.
      let t = Date.now();
      await client.query(`update forum_threads set consultation_id = (select id from consultations order by id limit 1)`);
      await client.query(`delete from consultation_participants`);
      await client.query(
        `insert into consultation_participants (consultation_id, user_id)
         select distinct t.consultation_id, a.user_id from forum_threads t
           cross join lateral (select t.author_id as user_id union all select p.author_id from forum_posts p where p.thread_id = t.id) a`,
      );
      await client.query(
        `insert into forum_thread_supports (thread_id, user_id, created_at)
         select t.id, u.id, t.created_at from forum_threads t join lateral (select id from users where role = 'citizen' order by id limit 3) u on true
          where (hashtext(t.id::text) % 10) = 0 on conflict do nothing`,
      );
      await client.query('vacuum analyze');
      log(`one consultation, participants, supports: ${Date.now() - t} ms`);
      t = Date.now();
    } else {
      await client.connect();
    }
    const consultationId = (await client.query(`select id from consultations order by id limit 1`)).rows[0].id as string;
    const official = (await client.query(`select id from users where role = 'official' order by id limit 1`)).rows[0].id as string;
    const status = (await client.query(`select status from consultations where id = $1`, [consultationId])).rows[0].status as string;
    await client.end();
    if (status !== 'open') throw new Error(`consultation ${consultationId} is ${status}: use a fresh database`);
    const token = sign({ sub: official, role: 'official', name: 'Bench Official' }, JWT_SECRET, { expiresIn: '2h' });

    balai = start(env);
    await waitForHealth();
    // Warm up the readers' statement plans and the JIT.
    await readers(consultationId, new Promise((r) => setTimeout(r, 2000)));

    let t = performance.now();
    const preview = await fetch(`${BASE}/api/v1/consultations/${consultationId}/summary`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const previewMs = performance.now() - t;
    if (preview.status !== 200) throw new Error(`summary: ${preview.status} ${await preview.text()}`);
    const summary = (await preview.json()) as { participation: Record<string, number>; themes: { term: string }[] };
    log(`summary of the open consultation: ${previewMs.toFixed(0)} ms; ${JSON.stringify(summary.participation).slice(0, 160)}…`);

    log(`readers without a close (${BASELINE_S} s)`);
    const baseline = await readers(consultationId, new Promise((r) => setTimeout(r, BASELINE_S * 1000)));

    log('readers while the official closes');
    let closeMs = 0;
    let closeStatus = 0;
    const close = (async () => {
      t = performance.now();
      const response = await fetch(`${BASE}/api/v1/consultations/${consultationId}/close`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      await response.arrayBuffer();
      closeMs = performance.now() - t;
      closeStatus = response.status;
    })();
    const during = await readers(consultationId, close);
    await close;
    if (closeStatus !== 200) throw new Error(`close answered ${closeStatus}`);

    const row = (name: string, s: ReaderStats) =>
      `| ${name} | ${s.seconds.toFixed(1)} s | ${s.requests} | ${(s.requests / s.seconds).toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.failures} |`;
    const table = [
      `| GET /threads?consultationId= (${READERS} concurrent readers) | window | requests | req/s | p50 ms | p95 ms | non-200 |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      row('without a close', baseline),
      row('during the close', during),
    ].join('\n');
    const figures = [
      `Time to summary (open consultation, computed on request): **${(previewMs / 1000).toFixed(2)} s**`,
      `Close (status change + summary generated and stored, one transaction): **${(closeMs / 1000).toFixed(2)} s**`,
      `Data: ${SEED.threads.toLocaleString('en')} threads, ${SEED.posts.toLocaleString('en')} posts in one consultation; ${cpus().length} CPUs.`,
    ];
    process.stdout.write(`\n${figures.join('\n')}\n\n${table}\n`);
    if (flag('scale') === undefined || flag('doc') !== undefined) {
      writeBenchmarkSection(
        `decisions-${SEED.posts}`,
        `## Closing a consultation of ${SEED.posts.toLocaleString('en')} posts\n\n\`npm run bench:decisions${SCALE === 1 ? '' : ` -- --scale=${SCALE} --doc`}\` (test/bench/decisions/close.ts).\n\n${figures.map((f) => `- ${f}`).join('\n')}\n\n${table}\n`,
      );
    }
  } finally {
    if (balai) await stop(balai);
    if (!KEEP_DB) await admin(`drop database if exists "${DB_NAME}" with (force)`);
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
