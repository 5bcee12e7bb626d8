import { freePort, HttpClient, TEST_JWT_SECRET, TestDatabase, waitForHealthy } from '@balai/testing';
import { spawnServer, ServerProcess } from '../support/server-process';
import { connectLive, emitAck, LiveClient } from './live-helpers';

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** A JSON text nested `depth` arrays deep around `inner`, built without recursion. */
const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

const ADMIN = { email: 'admin@hostile.test', password: 'sandi-admin-yang-panjang' };

/**
 * The attacker's 500s (issue 17): NUL characters, lone surrogates, deeply nested JSON, forged cursors,
 * over HTTP (also unauthenticated) and in Socket.IO payloads. Each is a 400 / `validation` ack, stores
 * nothing and leaves no stack in the log. A real server process, so its log is the real log.
 */
describe('hostile input', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let http: HttpClient;
  let admin: HttpClient;
  let sessionId: string;
  let socket: LiveClient;

  const count = async (table: string) => Number((await database.query<{ n: string }>(`select count(*) as n from ${table}`))[0]?.n);

  beforeAll(async () => {
    database = await TestDatabase.create();
    const port = await freePort();
    server = spawnServer({
      PORT: String(port),
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      BALAI_DEMO: 'false',
      BALAI_ADMIN_EMAIL: ADMIN.email,
      BALAI_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
    });
    await waitForHealthy(server.url, 60_000);
    http = new HttpClient(`${server.url}/api/v1`);
    const login = await http.post('/auth/login', ADMIN);
    expect(login.status).toBe(200);
    admin = http.as(login.body.accessToken);
    const session = await admin.post('/live-sessions', { title: 'Rapat warga' });
    expect(session.status).toBe(201);
    sessionId = session.body.id;
    expect((await admin.post(`/live-sessions/${sessionId}/start`)).status).toBe(200);
    socket = await connectLive(server.url, login.body.accessToken);
  }, 90_000);

  afterAll(async () => {
    socket?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    await database?.drop();
  });

  const expectValidation = (response: { status: number; headers: Headers; body: any }) => {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('validation_failed');
  };

  it('answers a NUL character in a body, unauthenticated too, with a 400 and stores nothing', async () => {
    const users = await count('users');
    expectValidation(await http.post('/auth/login', { email: 'a\u0000@contoh.id', password: 'x' }));
    expectValidation(await http.post('/auth/login', { email: 'warga@contoh.id', password: 'sandi\u0000' }));
    expectValidation(await http.post('/auth/guest', { displayName: 'Ta\u0000mu' }));
    expectValidation(await http.post('/auth/register', { email: 'nul@contoh.id', password: 'kata-sandi-rahasia', displayName: 'N\u0000' }));
    expectValidation(await admin.post('/live-sessions', { title: 'Rapat\u0000' }));
    expect(await count('users')).toBe(users);
    expect(await count('live_sessions')).toBe(1);
  });

  it('answers a lone surrogate and a __proto__ key with a 400', async () => {
    expectValidation(await http.post('/auth/guest', '{"displayName":"Tamu \\ud800"}'));
    expectValidation(await http.post('/auth/guest', '{"displayName":"Tamu","__proto__":{"role":"admin"}}'));
  });

  it('answers a NUL character in a query or a path with a 400', async () => {
    expectValidation(await http.get('/threads?q=%00'));
    expectValidation(await http.get('/threads?q=a%00b'));
    expectValidation(await http.get('/live-sessions/by-code/%00'));
    expectValidation(await http.get('/live-sessions/by-code/AB%00CD'));
  });

  it('answers JSON nested 2,000 and 100,000 deep with a 400', async () => {
    expectValidation(await http.post('/auth/guest', `{"displayName":${nested(2_000)}}`));
    expectValidation(await http.post('/auth/guest', `{"displayName":"Tamu","x":${nested(2_000, '{}')}}`));
    expectValidation(await http.post('/auth/guest', nested(40_000)));
  });

  it('answers every forged cursor with a 400, never a database error', async () => {
    const forged = [
      '------',
      cursor(['------']),
      cursor(['not-a-uuid']),
      cursor([1, 'not-a-uuid']),
      cursor(['\u0000']),
      cursor([1e308, 'x']),
    ];
    for (const value of forged) {
      const c = encodeURIComponent(value);
      for (const path of [
        `/consultations?cursor=${c}`,
        `/threads?cursor=${c}`,
        `/threads?sort=top&cursor=${c}`,
        `/live-sessions?cursor=${c}`,
        `/live-sessions/${sessionId}/questions?cursor=${c}`,
        `/live-sessions/${sessionId}/questions?sort=top&cursor=${c}`,
        `/polls?cursor=${c}`,
      ]) {
        const response = await http.get(path);
        if (response.status !== 400) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
        expect(response.body.code).toBe('validation_failed');
      }
    }
  });

  it('acks a NUL, a lone surrogate or a deep nesting in a socket payload as `validation`, and the socket stays up', async () => {
    const questions = await count('live_questions');
    const payloads: [string, unknown][] = [
      ['question:ask', { sessionId, text: 'Kapan\u0000?', clientRequestId: 'a1' }],
      ['question:ask', { sessionId, text: 'Kapan \ud800?', clientRequestId: 'a2' }],
      ['question:ask', { sessionId, text: 'Kapan?', clientRequestId: 'a3', deep: JSON.parse(nested(2_500)) }],
      ['question:ask', JSON.parse(`{"sessionId":"${sessionId}","text":"Kapan?","clientRequestId":"a4","__proto__":{"x":1}}`)],
      ['session:join', { code: '\u0000' }],
      ['question:upvote', { questionId: '\u0000' }],
    ];
    for (const [event, payload] of payloads) {
      const ack = await emitAck(socket, event, payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(socket.connected).toBe(true);
    expect((await emitAck(socket, 'session:join', { sessionId })).ok).toBe(true);
    expect(await count('live_questions')).toBe(questions);
  });

  it('logged none of it as a server error: no 500, no stack', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const output = server.output();
    expect(output).not.toMatch(/"statusCode":5\d\d/);
    expect(output).not.toMatch(/"level":50/);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toMatch(/\\n\s+at /);
  });
});
