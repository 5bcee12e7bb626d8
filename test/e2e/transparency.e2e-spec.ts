import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GENESIS_HASH, TransparencyLogEntry, verifyChain } from '@balai/contracts';
import { runSql } from '@balai/database';
import { EventBus } from '@balai/events';
import type { ModerationActionEvent } from '@balai/moderation';
import { HttpClient, TestDatabase } from '@balai/testing';
import { PersonalDataInLogError, TransparencyLogService } from '@balai/transparency';
import { createTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Every entry, page by page, as any client reads them. */
async function readAll(http: HttpClient, limit = 7): Promise<TransparencyLogEntry[]> {
  const entries: TransparencyLogEntry[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await http.get(`/transparency-log?afterSeq=${afterSeq}&limit=${limit}`);
    expect(page.status).toBe(200);
    entries.push(...page.body.entries);
    if (page.body.nextAfterSeq === null) return entries;
    afterSeq = page.body.nextAfterSeq;
  }
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function moderationEvent(overrides: Partial<ModerationActionEvent> = {}): ModerationActionEvent {
  return {
    actionId: randomUUID(),
    action: 'hide',
    reasonCode: 'abuse',
    note: 'Pak Budi di RT 04 bilang ini fitnah',
    moderatorId: randomUUID(),
    target: { type: 'post', id: randomUUID() },
    notifyUserId: randomUUID(),
    sessionId: null,
    consultationId: randomUUID(),
    itemId: null,
    at: new Date(),
    ...overrides,
  };
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** CLI runs still going when a test gives up, ended in afterAll. */
const cliRuns: ChildProcess[] = [];

function runCli(args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'scripts/verify-log.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cliRuns.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('transparency log on PostgreSQL', () => {
  let testApp: TestApp;
  let database: TestDatabase;
  let http: HttpClient;
  let log: TransparencyLogService;
  let orm: MikroORM;
  const fork = () => orm.em.fork() as EntityManager;
  const workDir = mkdtempSync(join(tmpdir(), 'balai-verify-log-'));
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    testApp = await createTestApp();
    database = testApp.database!;
    http = new HttpClient(`${testApp.url}/api/v1`);
    log = testApp.app.get(TransparencyLogService);
    orm = testApp.app.get(MikroORM);
  });
  afterAll(async () => {
    for (const child of [...children, ...cliRuns]) if (child.exitCode === null) child.kill('SIGKILL');
    await testApp.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('starts empty, then chains each entry to the one before, as the contract defines the hash', async () => {
    expect((await http.get('/transparency-log')).body).toEqual({ entries: [], nextAfterSeq: null });
    expect((await http.get('/transparency-log/head')).body).toEqual({ seq: 0, hash: GENESIS_HASH, count: 0 });

    const first = await log.append(fork(), {
      type: 'consultation.closed',
      subjectId: 'c-1',
      payload: { consultationId: 'c-1', b: [1, 'dua'], a: 'Ä' },
    });
    const second = await log.append(fork(), {
      type: 'decision.published',
      subjectId: 'd-1',
      payload: { title: 'Taman Kota Cempaka', bodySha256: 'ab'.repeat(32) },
    });
    expect(first.seq).toBe(1);
    expect(second.seq).toBe(2);

    const { entries } = (await http.get('/transparency-log')).body as { entries: TransparencyLogEntry[] };
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2]);
    const [one, two] = entries as [TransparencyLogEntry, TransparencyLogEntry];
    expect(one.prevHash).toBe(GENESIS_HASH);
    expect(two.prevHash).toBe(one.hash);
    expect(one.hash).toBe(first.hash);
    expect(one.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The contract's definition, written out by hand: keys sorted, no spaces.
    const canonical =
      `{"createdAt":"${one.createdAt}","payload":{"a":"Ä","b":[1,"dua"],"consultationId":"c-1"},` +
      `"prevHash":"${GENESIS_HASH}","seq":1,"subjectId":"c-1","type":"consultation.closed"}`;
    expect(one.hash).toBe(sha256(canonical));
    expect(await verifyChain(entries, sha256)).toMatchObject({ ok: true, count: 2 });
    expect((await http.get('/transparency-log/head')).body).toEqual({ seq: 2, hash: two.hash, count: 2 });
  });

  it('joins the caller’s transaction: a rollback leaves no entry and no gap, a commit keeps it', async () => {
    const before = (await http.get('/transparency-log/head')).body.seq as number;
    await expect(
      fork().transactional(async (tx) => {
        await log.append(tx, { type: 'decision.published', subjectId: 'd-rolled-back', payload: {} });
        throw new Error('the publish failed after the append');
      }),
    ).rejects.toThrow('the publish failed');
    expect((await http.get('/transparency-log/head')).body.seq).toBe(before);

    const kept = await fork().transactional((tx) => log.append(tx, { type: 'decision.amended', subjectId: 'd-1', payload: { n: 1 } }));
    expect(kept.seq).toBe(before + 1);
    expect(await verifyChain(await readAll(http), sha256)).toMatchObject({ ok: true, count: before + 1 });
  });

  it('refuses a payload that names a person, and writes nothing', async () => {
    const before = (await http.get('/transparency-log/head')).body.seq as number;
    await expect(
      log.append(fork(), { type: 'decision.published', subjectId: 'd-2', payload: { title: 'x', publishedBy: randomUUID() } }),
    ).rejects.toThrow(PersonalDataInLogError);
    await expect(log.append(fork(), { type: 'x', subjectId: 'y', payload: { nested: [{ email: 'a@b.id' }] } })).rejects.toThrow(
      'nested[0].email',
    );
    expect((await http.get('/transparency-log/head')).body.seq).toBe(before);
  });

  it('is append-only in the database too: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(database.query(`update transparency_log set payload = '{}' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(database.query('delete from transparency_log where seq = 2')).rejects.toThrow(/append-only/);
    await expect(database.query('truncate transparency_log')).rejects.toThrow(/append-only/);
    await expect(runSql(fork(), 'delete from transparency_log')).rejects.toThrow(/append-only/);
    expect(await verifyChain(await readAll(http), sha256)).toMatchObject({ ok: true });
  });

  it('logs a moderation action from its event, without the moderator, the note or a sanctioned person', async () => {
    const bus = testApp.app.get(EventBus);
    const hidden = moderationEvent();
    bus.publish('moderation.action', hidden);
    const entry = await waitFor(
      async () => (await readAll(http, 100)).find((e) => e.subjectId === hidden.actionId),
      'the moderation entry',
    );
    expect(entry.type).toBe('moderation.action');
    expect(entry.payload).toEqual({ action: 'hide', reasonCode: 'abuse', target: { type: 'post', id: hidden.target.id } });
    const text = JSON.stringify(entry);
    for (const secret of [hidden.moderatorId, hidden.notifyUserId!, hidden.note!, hidden.consultationId!])
      expect(text).not.toContain(secret);

    const suspended = moderationEvent({
      action: 'suspend',
      reasonCode: 'Spam berulang dari Ibu Sari',
      target: { type: 'user', id: randomUUID() },
      notifyUserId: null,
    });
    bus.publish('moderation.action', suspended);
    const sanction = await waitFor(
      async () => (await readAll(http, 100)).find((e) => e.subjectId === suspended.actionId),
      'the sanction entry',
    );
    expect(sanction.payload).toEqual({ action: 'suspend', reasonCode: 'other', target: { type: 'user', id: null } });
    expect(JSON.stringify(sanction)).not.toContain(suspended.target.id);
    expect(await verifyChain(await readAll(http), sha256)).toMatchObject({ ok: true });
  });

  it('answers bad paging with a 400 problem naming the field', async () => {
    for (const query of ['afterSeq=-1', 'afterSeq=abc', 'limit=0', 'limit=1001', 'limit=2.5', 'since=1']) {
      const response = await http.get(`/transparency-log?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors?.length).toBeGreaterThan(0);
    }
  });

  it('never forks the chain when two processes and this one append at once', async () => {
    const before = (await http.get('/transparency-log/head')).body.seq as number;
    const spawnAppender = (
      label: string,
    ): { child: ChildProcess; ready: Promise<void>; result: Promise<{ appended: { seq: number }[] }> } => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'test/support/transparency-appender.ts')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, APPENDS: '40', CONCURRENCY: '4', LABEL: label },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      children.push(child);
      let out = '';
      let err = '';
      let markReady: () => void;
      const ready = new Promise<void>((resolve) => (markReady = resolve));
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.startsWith('ready\n')) markReady();
      });
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const result = new Promise<{ appended: { seq: number }[] }>((resolve, reject) =>
        child.on('exit', (code) =>
          code === 0 ? resolve(JSON.parse(out.split('\n')[1]!)) : reject(new Error(`${label} exited ${code}: ${err}`)),
        ),
      );
      return { child, ready, result };
    };
    const one = spawnAppender('one');
    const two = spawnAppender('two');
    await Promise.all([one.ready, two.ready]);
    one.child.stdin!.end('go\n');
    two.child.stdin!.end('go\n');
    const here = Promise.all(
      Array.from({ length: 10 }, (_, n) => log.append(fork(), { type: 'test.append', subjectId: `here-${n}`, payload: { n } })),
    );
    const [resultOne, resultTwo, appendedHere] = await Promise.all([one.result, two.result, here]);

    const seqs = [...resultOne.appended, ...resultTwo.appended, ...appendedHere].map((entry) => entry.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 90 }, (_, index) => before + 1 + index));
    const entries = await readAll(http, 1000);
    expect(entries).toHaveLength(before + 90);
    expect(await verifyChain(entries, sha256)).toMatchObject({ ok: true, count: before + 90 });
    // Both processes really interleaved: neither wrote all of its entries in one run.
    const writers = entries.slice(before).map((entry) => String(entry.payload.process ?? 'here'));
    const runs = writers.filter((writer, index) => index === 0 || writer !== writers[index - 1]).length;
    expect(runs).toBeGreaterThan(3);
    // Two application boots on a shared 2-core machine.
  }, 180_000);

  it('verify-log downloads and verifies the log, and names the first broken entry of an altered file', async () => {
    const head = (await http.get('/transparency-log/head')).body as { seq: number; hash: string };
    const saved = join(workDir, 'log.jsonl');
    const fromUrl = await runCli([testApp.url, '--save', saved]);
    expect(fromUrl.stderr).toBe('');
    expect(fromUrl.code).toBe(0);
    expect(fromUrl.stdout).toContain(`OK: ${head.seq} entries verified`);
    expect(fromUrl.stdout).toContain(head.hash);

    const good = await runCli([saved]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`OK: ${head.seq} entries verified`);

    const lines = readFileSync(saved, 'utf8').trimEnd().split('\n');
    const write = (name: string, content: string) => {
      const path = join(workDir, name);
      writeFileSync(path, content);
      return path;
    };
    // Line k + 1 holds entry k (line 1 is the header).
    const tampered = [...lines];
    tampered[3] = tampered[3]!.replace('"payload":{', '"payload":{"extra":true,');
    const payloadChanged = await runCli([write('tampered.jsonl', tampered.join('\n') + '\n')]);
    expect(payloadChanged.code).toBe(1);
    expect(payloadChanged.stderr).toContain('BROKEN at entry 3 (hash_mismatch)');

    const removed = lines.filter((_, index) => index !== 5);
    const entryRemoved = await runCli([write('removed.jsonl', removed.join('\n') + '\n')]);
    expect(entryRemoved.code).toBe(1);
    expect(entryRemoved.stderr).toContain('BROKEN at entry 5 (seq_gap)');

    const fullText = lines.join('\n') + '\n';
    const cutInside = await runCli([write('cut.jsonl', fullText.slice(0, fullText.length - 30))]);
    expect(cutInside.code).toBe(1);
    expect(cutInside.stderr).toContain(`BROKEN at entry ${head.seq} (truncated)`);

    const cutAtLine = await runCli([write('short.jsonl', lines.slice(0, 11).join('\n') + '\n')]);
    expect(cutAtLine.code).toBe(1);
    expect(cutAtLine.stderr).toContain('BROKEN at entry 11 (truncated)');

    const unreadable = await runCli([join(workDir, 'missing.jsonl')]);
    expect(unreadable.code).toBe(2);
    // Seven CLI processes, each compiling its TypeScript on start, on a shared 2-core machine.
  }, 300_000);

  it('verify-log names the entry an operator altered in the database', async () => {
    await database.query('alter table transparency_log disable trigger transparency_log_no_change');
    await database.query(`update transparency_log set payload = '{"title":"Taman Kota Cempaka (revised)"}' where seq = 2`);
    await database.query('alter table transparency_log enable trigger transparency_log_no_change');
    const altered = await runCli([`${testApp.url}/api/v1`]);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toContain('BROKEN at entry 2 (hash_mismatch)');
  }, 120_000);
});

describe('transparency log on embedded PGlite', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ embedded: true });
  });
  afterAll(() => testApp.close());

  it('serialises concurrent appends, in and out of transactions, into one verified chain', async () => {
    const log = testApp.app.get(TransparencyLogService);
    const orm = testApp.app.get(MikroORM);
    await Promise.all(
      Array.from({ length: 30 }, (_, n) => {
        const em = orm.em.fork() as EntityManager;
        const entry = { type: 'test.append', subjectId: `s-${n}`, payload: { n } };
        return n % 2 === 0 ? log.append(em, entry) : em.transactional((tx) => log.append(tx, entry));
      }),
    );
    const entries = await readAll(new HttpClient(`${testApp.url}/api/v1`), 1000);
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    expect(await verifyChain(entries, sha256)).toMatchObject({ ok: true, count: 30 });
  });
});
