/**
 * A second (third, …) process appending to the transparency log: boots the real application against
 * `DATABASE_URL` (not listening), prints `ready`, waits for a line on stdin, then appends `APPENDS`
 * entries, `CONCURRENCY` at a time, half of them inside a transaction of their own, and prints one
 * JSON line `{"appended": [{seq, hash}], "ms": …}`. Used by test/e2e/transparency.e2e-spec.ts and
 * test/bench/transparency. With `MODE=unchained` (the benchmark's baseline) each append is the same
 * hash and insert into `bench_unchained_log` (created by the benchmark), a table of the same shape, without the lock and the read
 * of the chain's tip: what serialising the chain costs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '@balai/config';
import { TEST_JWT_SECRET } from '@balai/testing';
import { AppendedEntry, TransparencyLogService } from '@balai/transparency';
import { createApp } from '../../apps/api/src/create-app';

async function main(): Promise<void> {
  const appends = Number(process.env.APPENDS ?? 20);
  const concurrency = Number(process.env.CONCURRENCY ?? 4);
  const label = process.env.LABEL ?? `pid-${process.pid}`;
  const unchained = process.env.MODE === 'unchained';
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-appender-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    BALAI_DEMO: 'false',
    DATABASE_URL: process.env.DATABASE_URL,
  });
  const app = await createApp(config);
  await app.init();
  const log = app.get(TransparencyLogService);
  const orm = app.get(MikroORM);
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', () => {
      lines.close();
      process.stdin.destroy();
      resolve();
    });
  });

  const appendUnchained = async (
    em: EntityManager,
    entry: { type: string; subjectId: string; payload: object },
  ): Promise<AppendedEntry> => {
    const payloadJson = JSON.stringify(entry.payload);
    const hash = createHash('sha256').update(`${entry.type}|${entry.subjectId}|${payloadJson}`, 'utf8').digest('hex');
    const [row] = await em
      .getConnection()
      .execute<{ seq: string }[]>(
        'insert into bench_unchained_log (type, subject_id, payload, prev_hash, hash) values (?, ?, ?, ?, ?) returning seq',
        [entry.type, entry.subjectId, payloadJson, hash, hash],
        'all',
        em.getTransactionContext(),
      );
    return { seq: Number(row!.seq), hash };
  };
  const append = (em: EntityManager, entry: { type: string; subjectId: string; payload: object }) =>
    unchained ? appendUnchained(em, entry) : log.append(em, entry as Parameters<typeof log.append>[1]);

  const appended: AppendedEntry[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < appends) {
      const n = next++;
      const entry = { type: 'test.append', subjectId: `${label}-${n}`, payload: { process: label, n } };
      const em = orm.em.fork() as EntityManager;
      appended.push(n % 2 === 0 ? await append(em, entry) : await em.transactional((tx) => append(tx, entry)));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ appended, ms })}\n`);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
