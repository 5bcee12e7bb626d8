import { ChildProcess, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HttpClient, TEST_JWT_SECRET, TestDatabase } from '@balai/testing';
import { connectLive, emitAck, LiveClient } from './live-helpers';

const ROOT = join(__dirname, '..', '..');
const QUESTIONS = 20;
const ADMIN = { email: 'admin@crash.test', password: 'admin-password-123' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

/** The real server from sources, as `npm start` would run it, in a child process. */
async function startServer(database: TestDatabase, extraEnv: NodeJS.ProcessEnv = {}): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    LIVE_QUESTIONS_PER_MINUTE: String(QUESTIONS),
    LIVE_EVENTS_PER_SECOND: '100000',
    LIVE_SOCKETS_PER_ADDRESS: '100000',
    HTTP_WRITES_PER_MINUTE: '100000',
    BALAI_DEMO: 'false',
    BALAI_ADMIN_EMAIL: ADMIN.email,
    BALAI_ADMIN_PASSWORD: ADMIN.password,
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, url, exited, output: () => output };
}

describe('Live: nothing acknowledged is lost', () => {
  let database: TestDatabase;
  let server: Server | undefined;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    database = await TestDatabase.create();
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  });

  afterAll(async () => {
    await database?.drop();
  });

  /** A session with QUESTIONS questions and `voters` connected guests. */
  async function setUp(voters: number) {
    const http = new HttpClient(`${server!.url}/api/v1`);
    const login = await http.post('/auth/login', ADMIN);
    const admin = http.as(login.body.accessToken);
    const session = (await admin.post('/live-sessions', { title: 'Uji tabrakan', preModeration: false })).body;
    await admin.post(`/live-sessions/${session.id}/start`);
    const asker = await connectLive(server!.url, (await http.post('/auth/guest', { displayName: 'Penanya' })).body.accessToken);
    sockets.push(asker);
    const questions: string[] = [];
    for (let i = 0; i < QUESTIONS; i++) {
      const ack = await emitAck(asker, 'question:ask', { sessionId: session.id, text: `Pertanyaan ${i}`, clientRequestId: randomUUID() });
      questions.push(ack.data.question.id);
    }
    const tokens = await Promise.all(Array.from({ length: voters }, (_, i) => http.post('/auth/guest', { displayName: `Warga ${i}` })));
    const clients = await Promise.all(tokens.map((t) => connectLive(server!.url, t.body.accessToken)));
    sockets.push(...clients);
    return {
      session,
      admin,
      questions,
      clients,
      userIds: tokens.map((t) => t.body.user.id as string),
      accessTokens: tokens.map((t) => t.body.accessToken as string),
    };
  }

  /** Fires every voter × question upvote; records the acknowledged ones. */
  function storm(clients: LiveClient[], userIds: string[], questions: string[]) {
    const acknowledged: { userId: string; questionId: string }[] = [];
    // Every client walks through the questions one ack at a time: the storm lasts many batches.
    const all = clients.map(async (client, i) => {
      for (const questionId of questions) {
        try {
          const ack = await emitAck(client, 'question:upvote', { questionId }, 20_000);
          if (!ack.ok) return;
          acknowledged.push({ userId: userIds[i], questionId });
        } catch {
          return; // the server went away
        }
      }
    });
    return { acknowledged, done: Promise.all(all) };
  }

  async function expectStored(acknowledged: { userId: string; questionId: string }[]) {
    const rows = await database.query<{ question_id: string; user_id: string }>('select question_id, user_id from live_upvotes');
    const stored = new Set(rows.map((row) => `${row.question_id}:${row.user_id}`));
    expect(stored.size).toBe(rows.length);
    const missing = acknowledged.filter((vote) => !stored.has(`${vote.questionId}:${vote.userId}`));
    expect(missing).toEqual([]);
    const drift = await database.query(
      `select q.id from live_questions q where q.upvotes <> (select count(*) from live_upvotes u where u.question_id = q.id)`,
    );
    expect(drift).toEqual([]);
  }

  it('keeps every acknowledged upvote exactly once across a SIGKILL mid-storm', async () => {
    server = await startServer(database);
    const { questions, clients, userIds } = await setUp(120);
    const { acknowledged } = storm(clients, userIds, questions);
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGKILL');
    await server.exited;
    const killedAt = acknowledged.length;
    expect(killedAt).toBeLessThan(clients.length * questions.length);

    server = await startServer(database);
    await expectStored(acknowledged);
    // Clients reconnect and resynchronise with session:join.
    const rows = await database.query<{ id: string; upvotes: number }>('select id, upvotes from live_questions');
    expect(rows.reduce((sum, row) => sum + row.upvotes, 0)).toBeGreaterThanOrEqual(killedAt);
    server.child.kill('SIGTERM');
    await server.exited;
  }, 180_000);

  it('keeps every acknowledged question and ballot once across a SIGKILL, and an ask retried after the restart makes no second question', async () => {
    server = await startServer(database);
    const { session, admin, clients, userIds, accessTokens } = await setUp(60);
    const poll = (
      await admin.post('/polls', { question: 'Letak taman bermain?', options: ['Utara', 'Selatan', 'Timur'], liveSessionId: session.id })
    ).body;
    const optionIds: string[] = poll.options.map((option: { id: string }) => option.id);
    type Ask = { clientRequestId: string; text: string; questionId?: string };
    const asks = clients.map(() => [] as Ask[]);
    /** Per client, the ballots in the order sent, and how many of them were acknowledged. */
    const ballots = clients.map(() => ({ sent: [] as string[], acknowledged: 0 }));
    const all = clients.map(async (client, i) => {
      for (let round = 0; round < 12; round++) {
        try {
          const ask: Ask = { clientRequestId: randomUUID(), text: `Pertanyaan warga ${i}, ke-${round}` };
          asks[i]!.push(ask);
          const asked = await emitAck(
            client,
            'question:ask',
            { sessionId: session.id, text: ask.text, clientRequestId: ask.clientRequestId },
            20_000,
          );
          if (!asked.ok) return;
          ask.questionId = asked.data.question.id;
          const optionId = optionIds[(i + round) % optionIds.length]!;
          ballots[i]!.sent.push(optionId);
          const voted = await emitAck(client, 'poll:vote', { pollId: poll.id, optionIds: [optionId] }, 20_000);
          if (!voted.ok) return;
          ballots[i]!.acknowledged = ballots[i]!.sent.length;
        } catch {
          return; // the server went away
        }
      }
    });
    const acknowledgedAsks = () => asks.flat().filter((ask) => ask.questionId).length;
    while (acknowledgedAsks() < 120) await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGKILL');
    await server.exited;
    await Promise.all(all);
    expect(acknowledgedAsks()).toBeLessThan(clients.length * 12);

    server = await startServer(database);
    const stored = await database.query<{ id: string; author_id: string; client_request_id: string }>(
      'select id, author_id, client_request_id from live_questions where session_id = $1',
      [session.id],
    );
    const storedByRequest = new Map(stored.map((row) => [row.client_request_id, row]));
    expect(storedByRequest.size).toBe(stored.length);
    for (const [i, ask] of asks.flatMap((list, i) => list.map((ask) => [i, ask] as const))) {
      if (ask.questionId) expect(storedByRequest.get(ask.clientRequestId)).toMatchObject({ id: ask.questionId, author_id: userIds[i] });
    }
    const storedBallots = await database.query<{ user_id: string; option_ids: string[] }>(
      'select user_id, option_ids from poll_ballots where poll_id = $1',
      [poll.id],
    );
    const ballotOf = new Map(storedBallots.map((row) => [row.user_id, row.option_ids]));
    ballots.forEach(({ sent, acknowledged }, i) => {
      if (acknowledged === 0) return;
      // The newest acknowledged ballot, or one sent after it that committed before the kill (a ballot replaces the last).
      expect(sent.slice(acknowledged - 1)).toContainEqual(ballotOf.get(userIds[i]!)?.[0]);
    });

    // Every participant reconnects and retries each ask it sent, acknowledged or not: none makes a second question.
    await Promise.all(
      accessTokens.map(async (token, i) => {
        const client = await connectLive(server!.url, token);
        sockets.push(client);
        for (const ask of asks[i]!) {
          const again = await emitAck(client, 'question:ask', {
            sessionId: session.id,
            text: ask.text,
            clientRequestId: ask.clientRequestId,
          });
          expect(again.ok).toBe(true);
          if (ask.questionId) expect(again.data.question.id).toBe(ask.questionId);
        }
      }),
    );
    const [{ count }] = await database.query<{ count: number }>(
      'select count(*)::int as count from live_questions where session_id = $1 and author_id = any($2::uuid[])',
      [session.id, userIds],
    );
    expect(count).toBe(asks.flat().length);
    server.child.kill('SIGTERM');
    await server.exited;
  }, 180_000);

  it('drains on SIGTERM (with the Redis adapter): pending votes are committed and the process exits 0', async () => {
    server = await startServer(database, { REDIS_URL: `redis://127.0.0.1:6379/${randomInt(1, 16)}` });
    const { questions, clients, userIds } = await setUp(80);
    const { acknowledged, done } = storm(clients, userIds, questions);
    while (acknowledged.length < 50) await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    // graceful-shutdown.ts exits anyway after 9 s, saying so: the drain must have finished before that.
    expect(server.output()).not.toContain('Still draining');
    await done;
    await expectStored(acknowledged);
  }, 180_000);
});
