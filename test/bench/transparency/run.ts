/**
 * Transparency log append benchmark (not a test): `npm run bench:transparency`
 * (`-- --quick` for a tiny run; `--processes=2 --appends=2000 --concurrency=8`).
 * Creates a dedicated PostgreSQL database, starts `--processes` copies of the application (from
 * sources, test/support/transparency-appender.ts), lets them all append at once, each with
 * `--concurrency` appends in flight (half in a transaction of their own), then reads the whole log
 * back and checks the chain. The baseline, in the same run and on the same database, is the same
 * processes making the same appends unchained (the same hash and insert into a table of the same
 * shape, without the lock and the read of the tip). Reports appends per second overall and each
 * process's share, side by side; a full run writes the table into docs/BENCHMARKS.md under
 * "## Transparency log". Every chained append takes the same advisory lock, so its figure is the
 * serialised append rate, whatever the number of processes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { TransparencyLogEntry, verifyChain } from '@balai/contracts';
import { writeBenchmarkSection } from '../benchmarks-doc';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? (argv.includes(`--${name}`) ? '' : undefined);
const quick = flag('quick') !== undefined;
const PROCESSES = Number(flag('processes') ?? 2);
const APPENDS = Number(flag('appends') ?? (quick ? 20 : 2000));
const CONCURRENCY = Number(flag('concurrency') ?? (quick ? 2 : 8));
const ROOT = resolve(__dirname, '../../..');
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `balai_bench_transparency_${Date.now().toString(36)}`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Appender {
  ready: Promise<void>;
  go(): void;
  result: Promise<{ appended: { seq: number }[]; ms: number }>;
}

type Mode = 'chained' | 'unchained';

function startAppender(databaseUrl: string, label: string, mode: Mode): Appender {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'test/support/transparency-appender.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      APPENDS: String(APPENDS),
      CONCURRENCY: String(CONCURRENCY),
      LABEL: label,
      MODE: mode,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const result = new Promise<{ appended: { seq: number }[]; ms: number }>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n')[1]!)) : reject(new Error(`${label} exited ${code}`)))),
  );
  return { ready, go: () => child.stdin!.end('go\n'), result };
}

interface PhaseResult {
  results: { appended: { seq: number }[]; ms: number }[];
  wallMs: number;
}

async function phase(databaseUrl: string, mode: Mode): Promise<PhaseResult> {
  // The first process migrates; the others start once the tables exist.
  const first = startAppender(databaseUrl, 'p1', mode);
  await first.ready;
  const others = Array.from({ length: PROCESSES - 1 }, (_, index) => startAppender(databaseUrl, `p${index + 2}`, mode));
  await Promise.all(others.map((appender) => appender.ready));
  const all = [first, ...others];
  const started = performance.now();
  all.forEach((appender) => appender.go());
  const results = await Promise.all(all.map((appender) => appender.result));
  return { results, wallMs: performance.now() - started };
}

async function readChain(databaseUrl: string): Promise<TransparencyLogEntry[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{
      seq: string;
      type: string;
      subject_id: string;
      payload: string;
      prev_hash: string;
      hash: string;
      created_at: string;
    }>(
      `select seq, type, subject_id, payload, prev_hash, hash, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at from transparency_log order by seq`,
    );
    return rows.rows.map((row) => ({
      seq: Number(row.seq),
      type: row.type,
      subjectId: row.subject_id,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      prevHash: row.prev_hash,
      hash: row.hash,
      createdAt: row.created_at,
    }));
  } finally {
    await client.end();
  }
}

const total = (phase: PhaseResult) => phase.results.reduce((sum, result) => sum + result.appended.length, 0);
const rate = (phase: PhaseResult) => Math.round(total(phase) / (phase.wallMs / 1000));

async function main(): Promise<void> {
  await admin(`create database "${DB_NAME}"`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${DB_NAME}`;
  try {
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(
      `create table bench_unchained_log (seq bigserial primary key, type text not null, subject_id text not null,
         payload jsonb not null, prev_hash text not null, hash text not null, created_at timestamptz not null default now())`,
    );
    await client.end();
    const unchained = await phase(url.toString(), 'unchained');
    const chained = await phase(url.toString(), 'chained');
    const entries = await readChain(url.toString());
    const verdict = await verifyChain(entries, (text) => createHash('sha256').update(text, 'utf8').digest('hex'));
    const table = [
      `${PROCESSES} processes × ${APPENDS} appends, ${CONCURRENCY} in flight each (half in a transaction of their own), PostgreSQL; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)} at the end. Baseline: the same appends unchained (same hash and insert, no lock, no read of the tip), first, on the same database.`,
      '',
      '| measure | hash-chained log | baseline: unchained |',
      '| --- | --- | --- |',
      `| appends | ${total(chained)} (log holds ${entries.length}) | ${total(unchained)} |`,
      `| wall time | ${(chained.wallMs / 1000).toFixed(2)} s | ${(unchained.wallMs / 1000).toFixed(2)} s |`,
      `| appends per second, all processes | ${rate(chained)} | ${rate(unchained)} |`,
      ...chained.results.map(
        (result, index) =>
          `| process ${index + 1} | ${result.appended.length} in ${(result.ms / 1000).toFixed(2)} s | ${unchained.results[index]!.appended.length} in ${(unchained.results[index]!.ms / 1000).toFixed(2)} s |`,
      ),
      `| chain | ${verdict.ok ? `verified, ${verdict.count} entries` : `BROKEN at ${verdict.seq}: ${verdict.message}`} | (none) |`,
    ].join('\n');
    console.log(table);
    if (!quick) writeBenchmarkSection('transparency', `## Transparency log\n\n\`npm run bench:transparency\`: ${table}`);
    if (!verdict.ok || entries.length !== total(chained)) process.exitCode = 1;
  } finally {
    await admin(`drop database if exists "${DB_NAME}" with (force)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
