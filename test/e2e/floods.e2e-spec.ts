import { randomBytes, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createChallenge, solveChallenge } from 'altcha-lib/v1';
import { freePort, HttpClient, TcpProxy, TEST_JWT_SECRET, TestDatabase, waitForHealthy } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { spawnServer } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';
import { connectLive, createLiveSession, emitAck, LiveClient, waitFor } from './live-helpers';

const REDIS_URL = 'redis://127.0.0.1:6379';
/** A fresh documentation-range address per case, so counters left in Redis by an earlier run never matter. */
const randomIpv4 = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const api = (app: TestApp, token?: string) => new HttpClient(`${app.url}/api/v1`).as(token);
const guestFrom = async (app: TestApp, address: string, name = 'Tamu'): Promise<TestAccount> => {
  const response = await api(app).request('POST', '/auth/guest', { displayName: name }, { 'x-forwarded-for': address });
  if (response.status !== 201) throw new Error(`guest failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    id: response.body.user.id,
    email: '',
    password: '',
    token: response.body.accessToken,
    http: api(app, response.body.accessToken),
  };
};
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the connection was accepted');
    },
    (error: Error & { data?: { code?: string } }) => ({ message: error.message, code: error.data?.code }),
  );

/**
 * Floods (issue 17): the contract's 30 HTTP writes a minute per participant on every route, reports per
 * address, a per-socket event rate on /live, a cap on concurrent sockets per address counted across
 * processes, and the optional proof of work for guest sign-in. Every counter shared by two processes
 * through Redis; X-Forwarded-For believed only from TRUST_PROXY.
 */
describe('floods', () => {
  let database: TestDatabase;
  /** Two processes sharing Redis, behind a trusted proxy, with small limits. */
  let one: TestApp;
  let two: TestApp;
  /** No proxy trusted, no Redis: the socket address counts, whatever X-Forwarded-For says. */
  let direct: TestApp;
  const sockets: LiveClient[] = [];
  const redis = new Redis(REDIS_URL, { lazyConnect: true });

  const live = async (app: TestApp, token: string, address?: string) => {
    const socket = await connectLive(app, token, address ? { extraHeaders: { 'x-forwarded-for': address } } : {});
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    database = await TestDatabase.create();
    const env = {
      REDIS_URL,
      TRUST_PROXY: '127.0.0.1',
      HTTP_WRITES_PER_MINUTE: '5',
      REPORTS_PER_MINUTE: '4',
      REPORTS_PER_ADDRESS_PER_MINUTE: '3',
      LIVE_EVENTS_PER_SECOND: '5',
      LIVE_FLOOD_DISCONNECT_AFTER: '20',
      LIVE_SOCKETS_PER_ADDRESS: '3',
      LIVE_QUESTIONS_PER_MINUTE: '1000',
      // Reports must not hide the question they flood.
      MODERATION_REPORT_THRESHOLD: '1000',
    };
    one = await createTestApp({ database, env });
    two = await createTestApp({ database, env });
    direct = await createTestApp({
      database,
      env: { REPORTS_PER_ADDRESS_PER_MINUTE: '2', LIVE_SOCKETS_PER_ADDRESS: '2', MODERATION_REPORT_THRESHOLD: '1000' },
    });
    await redis.connect();
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await direct?.close();
    await two?.close();
    await one?.close();
    await database?.drop();
    redis.disconnect();
  });

  /** A started live session with one approved question, made by a fresh moderator (two writes of theirs). */
  const sessionWithQuestion = async (app: TestApp) => {
    const moderator = await createAccount(app, 'moderator');
    const session = await moderator.http.post('/live-sessions', { title: 'Rapat warga', preModeration: false });
    expect((await moderator.http.post(`/live-sessions/${session.body.id}/start`)).status).toBe(200);
    const socket = await live(app, moderator.token, randomIpv4());
    const asked = await emitAck(socket, 'question:ask', {
      sessionId: session.body.id,
      text: 'Kapan taman dibuka?',
      clientRequestId: randomUUID(),
    });
    expect(asked.ok).toBe(true);
    return { sessionId: session.body.id as string, questionId: asked.data.question.id as string };
  };

  describe('HTTP writes per participant', () => {
    it('refuses the 6th write of a minute on any route, across two processes, with Retry-After; reads, others and anonymous writes go on', async () => {
      const citizen = await createAccount(one, 'citizen');
      const on = (app: TestApp) => api(app, citizen.token);
      // Five writes on different routes and processes: all reach their handlers (404: no such target).
      const statuses = [
        (await on(one).post('/reports', { targetType: 'post', targetId: randomUUID(), reason: 'spam' })).status,
        (await on(two).post('/reports', { targetType: 'thread', targetId: randomUUID(), reason: 'spam' })).status,
        (await on(one).request('PUT', '/me/preferences', { locale: 'xx' })).status,
        (await on(two).post('/reports', { targetType: 'question', targetId: randomUUID(), reason: 'spam' })).status,
        (await on(one).request('DELETE', `/threads/${randomUUID()}/support`)).status,
      ];
      expect(statuses.every((status) => status !== 429)).toBe(true);
      for (const app of [one, two]) {
        const refused = await on(app).post('/reports', { targetType: 'post', targetId: randomUUID(), reason: 'spam' });
        expect(refused.status).toBe(429);
        expect(refused.body).toMatchObject({ status: 429, code: 'rate_limited' });
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // Reads are not writes; another participant has their own allowance; guest sign-in keeps its per-address limit.
      expect((await on(two).get('/me')).status).toBe(200);
      const other = await createAccount(two, 'citizen');
      expect((await other.http.post('/reports', { targetType: 'post', targetId: randomUUID(), reason: 'spam' })).status).toBe(404);
      for (let i = 0; i < 7; i++) await guestFrom(i % 2 ? one : two, randomIpv4());
    });
  });

  describe('reports', () => {
    it('limits one participant flooding reports, and the reports of one address across processes', async () => {
      const { questionId } = await sessionWithQuestion(one);
      const report = (account: TestAccount, app: TestApp, address: string) =>
        api(app, account.token).request(
          'POST',
          '/reports',
          { targetType: 'question', targetId: questionId, reason: 'spam' },
          {
            'x-forwarded-for': address,
          },
        );
      // One participant, fresh addresses each time: their own limit (4 a minute) answers the 5th.
      const flooder = await guestFrom(one, randomIpv4());
      const own = [];
      for (let i = 0; i < 5; i++) own.push((await report(flooder, i % 2 ? two : one, randomIpv4())).status);
      expect(own).toEqual([201, 409, 409, 409, 429]);
      // Throwaway guests of one address: the address's limit (3 a minute) answers the 4th, on either process.
      const address = randomIpv4();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await report(await guestFrom(one, address), i % 2 ? two : one, address)).status);
      expect(statuses.slice(0, 3).every((status) => status === 201)).toBe(true);
      expect(statuses[3]).toBe(429);
      const stored = await database.query<{ n: string }>('select count(*) as n from moderation_reports where target_id = $1', [questionId]);
      expect(Number(stored[0]?.n)).toBe(4);
    });

    it('believes X-Forwarded-For only from TRUST_PROXY: a spoofed header never resets the address limit', async () => {
      const { questionId } = await sessionWithQuestion(direct);
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const guest = await createGuest(direct);
        const body = { targetType: 'question', targetId: questionId, reason: 'spam' };
        statuses.push((await guest.http.request('POST', '/reports', body, { 'x-forwarded-for': randomIpv4() })).status);
      }
      expect(statuses).toEqual([201, 201, 429]);
    });
  });

  describe('per-socket event rate on /live', () => {
    it('refuses events over the rate with a rate_limited ack before any handler, then disconnects a socket that keeps flooding', async () => {
      const { sessionId } = await sessionWithQuestion(one);
      const guest = await guestFrom(one, randomIpv4());
      const socket = await live(one, guest.token, randomIpv4());
      const started = Date.now();
      // Twelve questions at once: a bucket of 5, refilled at 5 a second.
      const acks = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          emitAck(socket, 'question:ask', { sessionId, text: `Pertanyaan banjir ${i}`, clientRequestId: randomUUID() }),
        ),
      );
      const elapsedSeconds = (Date.now() - started) / 1000;
      const passed = acks.filter((ack) => ack.ok);
      const refused = acks.filter((ack) => !ack.ok);
      for (const ack of refused) expect(ack.error).toMatchObject({ code: 'rate_limited', detail: 'socket_rate' });
      expect(passed.length).toBeGreaterThanOrEqual(5);
      expect(passed.length).toBeLessThanOrEqual(5 + Math.ceil(elapsedSeconds * 5));
      expect(refused.length).toBeGreaterThan(0);
      // Refused events never reached the handler: only the passed questions are stored.
      const stored = await database.query<{ n: string }>('select count(*) as n from live_questions where author_id = $1', [guest.id]);
      expect(Number(stored[0]?.n)).toBe(passed.length);

      // Keep flooding: 20 refusals within 10 s close the connection from the server's side.
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      for (let i = 0; i < 60; i++) socket.emit('session:leave', { sessionId });
      expect(await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000))])).toBe(
        'io server disconnect',
      );
      // A bystander on the same process is served.
      const bystander = await live(one, (await guestFrom(one, randomIpv4())).token, randomIpv4());
      expect((await emitAck(bystander, 'session:join', { sessionId })).ok).toBe(true);
    });
  });

  describe('sockets per address on /live', () => {
    it('caps concurrent sockets of one address across two processes, refuses at the handshake, and gives a place back on disconnect', async () => {
      const address = randomIpv4();
      const guests = await Promise.all([0, 1, 2, 3].map(() => guestFrom(one, randomIpv4())));
      const held = [
        await live(one, guests[0]!.token, address),
        await live(two, guests[1]!.token, address),
        await live(one, guests[2]!.token, address),
      ];
      const refused = await refusal(connectLive(two, guests[3]!.token, { extraHeaders: { 'x-forwarded-for': address } }));
      expect(refused).toEqual({ message: 'too_many_connections', code: 'too_many_connections' });
      // Another address of the same hall-sized proxy is not affected.
      await live(two, guests[3]!.token, randomIpv4());
      // A disconnect gives its place back (on the other process).
      held[0]!.close();
      await waitFor(async () => {
        try {
          await live(two, guests[3]!.token, address);
          return true;
        } catch {
          return false;
        }
      }, 'a place given back after a disconnect');
    });

    it('counts only live processes: a crashed process stops counting, a live one counts', async () => {
      const address = randomIpv4();
      const hash = `balai:conn:live-sockets:${address}`;
      const processes = 'balai:conn:live-sockets:processes';
      const [seconds] = (await redis.time()) as unknown as [string, string];
      const now = Number(seconds) * 1000;
      // A process that held 3 sockets of the address and went silent 60 s ago (killed): its sockets do not count.
      await redis.zadd(processes, now - 60_000, 'crashed-process');
      await redis.hset(hash, 'crashed-process', 3);
      const guest = await guestFrom(one, randomIpv4());
      await live(one, guest.token, address);
      expect(await redis.hget(hash, 'crashed-process')).toBeNull();
      // A process alive a second ago holding 2 of them: they count, and the address is full.
      await redis.zadd(processes, now, 'other-process');
      await redis.hset(hash, 'other-process', 2);
      const refused = await refusal(connectLive(two, guest.token, { extraHeaders: { 'x-forwarded-for': address } }));
      expect(refused.code).toBe('too_many_connections');
      await redis.zrem(processes, 'crashed-process', 'other-process');
      expect(await redis.ttl(hash)).toBeGreaterThan(0);
    });

    it('forgets the sockets of a process killed with SIGKILL once it has been silent 30 s', async () => {
      const port = await freePort();
      const server = spawnServer({
        PORT: String(port),
        DATABASE_URL: database.url,
        JWT_SECRET: TEST_JWT_SECRET,
        BALAI_DEMO: 'false',
        REDIS_URL,
        TRUST_PROXY: '127.0.0.1',
        LIVE_SOCKETS_PER_ADDRESS: '3',
      });
      try {
        await waitForHealthy(server.url, 60_000);
        const address = randomIpv4();
        const guest = await guestFrom(one, randomIpv4());
        // The killed process holds 3 sockets of the address: the other process refuses a 4th.
        const doomed = { url: server.url } as TestApp;
        for (let i = 0; i < 3; i++) await live(doomed, guest.token, address);
        expect((await refusal(connectLive(one, guest.token, { extraHeaders: { 'x-forwarded-for': address } }))).code).toBe(
          'too_many_connections',
        );
        server.child.kill('SIGKILL');
        await server.exited;
        const killedAt = Date.now();
        await waitFor(
          () =>
            live(one, guest.token, address).then(
              () => true,
              () => false,
            ),
          'the killed process to stop counting',
          45_000,
        );
        const seconds = (Date.now() - killedAt) / 1000;
        expect(seconds).toBeLessThan(45);
        console.log(`sockets of a SIGKILLed process stopped counting ${seconds.toFixed(1)} s after the kill`);
      } finally {
        if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      }
    }, 120_000);

    it('believes X-Forwarded-For only from TRUST_PROXY: spoofed headers share the real address', async () => {
      // Three sockets, each claiming another address: all count as 127.0.0.1 (which may hold one already), cap 2.
      const guest = await createGuest(direct);
      const outcomes: string[] = [];
      for (let i = 0; i < 3; i++) {
        outcomes.push(
          await live(direct, guest.token, randomIpv4()).then(
            () => 'connected',
            (error: Error) => error.message,
          ),
        );
      }
      expect(outcomes.filter((outcome) => outcome === 'connected').length).toBeLessThanOrEqual(2);
      expect(outcomes[2]).toBe('too_many_connections');
    });
  });

  describe('while Redis is away', () => {
    it('counts HTTP writes and sockets per address on each process alone instead of refusing them', async () => {
      const proxy = await TcpProxy.start(6379);
      const app = await createTestApp({
        database,
        env: { REDIS_URL: proxy.through(REDIS_URL), TRUST_PROXY: '127.0.0.1', HTTP_WRITES_PER_MINUTE: '3', LIVE_SOCKETS_PER_ADDRESS: '1' },
      });
      try {
        const citizen = await createAccount(app, 'citizen');
        const address = randomIpv4();
        await proxy.cut();
        const statuses = [];
        for (let i = 0; i < 4; i++)
          statuses.push((await citizen.http.request('PUT', '/me/preferences', { emailNotifications: i % 2 === 0 })).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
        // The handshake waits at most a second for Redis, then this process's own count decides.
        const first = await live(app, citizen.token, address);
        expect((await refusal(connectLive(app, citizen.token, { extraHeaders: { 'x-forwarded-for': address } }))).code).toBe(
          'too_many_connections',
        );
        first.close();
      } finally {
        await app.close();
        await proxy.cut();
      }
    }, 60_000);
  });

  describe('a hall behind one router, under the defaults', () => {
    let hall: TestApp;
    beforeAll(async () => {
      // The contract's defaults for guests and sockets (2,000 a minute, 2,000 at once), not the test app's.
      hall = await createTestApp({
        database,
        env: { REDIS_URL, TRUST_PROXY: '127.0.0.1', LIVE_SOCKETS_PER_ADDRESS: undefined, LIVE_EVENTS_PER_SECOND: undefined },
      });
    }, 30_000);
    afterAll(async () => hall?.close());

    it('lets 1,000 guests of one address sign in and stay connected within a minute', async () => {
      const address = randomIpv4();
      const started = Date.now();
      const hallSockets: LiveClient[] = [];
      let next = 0;
      const worker = async () => {
        while (next < 1000) {
          next += 1;
          const guest = await guestFrom(hall, address);
          hallSockets.push(await connectLive(hall, guest.token, { extraHeaders: { 'x-forwarded-for': address } }));
        }
      };
      try {
        await Promise.all(Array.from({ length: 16 }, worker));
        const seconds = (Date.now() - started) / 1000;
        expect(hallSockets.length).toBe(1000);
        expect(hallSockets.every((socket) => socket.connected)).toBe(true);
        expect(seconds).toBeLessThan(60);
        console.log(`1,000 guests of one address signed in and connected in ${seconds.toFixed(1)} s`);
      } finally {
        for (const socket of hallSockets) socket.close();
      }
    }, 90_000);
  });

  describe('proof of work for guest sign-in (GUEST_PROOF_OF_WORK)', () => {
    let first: TestApp;
    let second: TestApp;
    beforeAll(async () => {
      // Before the server starts: it serves the build it finds then.
      ensureWebBuild();
      const env = { REDIS_URL, GUEST_PROOF_OF_WORK: 'true', GUEST_PROOF_OF_WORK_MAX_NUMBER: '2000' };
      first = await createTestApp({ database, env });
      second = await createTestApp({ database, env });
    }, 180_000);
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    const solve = async (app: TestApp, tamper: (payload: Record<string, unknown>) => void = () => {}) => {
      const challenge = (await api(app).get('/auth/guest/challenge')).body;
      const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
      const payload: Record<string, unknown> = { ...challenge, number: solution!.number };
      tamper(payload);
      return Buffer.from(JSON.stringify(payload)).toString('base64');
    };
    const guest = (app: TestApp, altcha?: string) => api(app).post('/auth/guest', { displayName: 'Tamu', ...(altcha ? { altcha } : {}) });

    it('asks for a solution, refuses wrong, forged and reused ones on either process, and signs in with a good one', async () => {
      const missing = await guest(first);
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('proof_of_work_required');
      const wrong = await guest(first, await solve(first, (payload) => (payload.number = Number(payload.number) + 1)));
      expect(wrong.status).toBe(403);
      expect(wrong.body.code).toBe('proof_of_work_invalid');
      // A challenge signed with another key (made by anyone but the server) is refused.
      const foreign = await createChallenge({ hmacKey: 'not-the-server-key', maxNumber: 100 });
      const foreignSolution = await solveChallenge(foreign.challenge, foreign.salt, foreign.algorithm, 100).promise;
      const forged = Buffer.from(JSON.stringify({ ...foreign, number: foreignSolution!.number })).toString('base64');
      expect((await guest(first, forged)).body.code).toBe('proof_of_work_invalid');
      expect((await guest(first, 'bm90IGpzb24=')).body.code).toBe('proof_of_work_invalid');

      const good = await solve(first);
      const signedIn = await guest(second, good);
      expect(signedIn.status).toBe(201);
      expect(signedIn.body.user.role).toBe('guest');
      for (const app of [first, second]) {
        const reused = await guest(app, good);
        expect(reused.status).toBe(403);
        expect(reused.body.code).toBe('proof_of_work_used');
      }
    });

    it('in the browser: the guest sign-in solves a challenge only when the server asks, with the solver loaded then', async () => {
      const session = await createLiveSession(await createAccount(first, 'moderator'));
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ locale: 'id-ID', viewport: { width: 390, height: 844 } });
        const requested: string[] = [];
        page.on('request', (request) => requested.push(new URL(request.url()).pathname));
        await page.goto(`${first.url}/live/${session.code}`);
        await page.getByRole('textbox', { name: 'Nama tampilan' }).fill('Ibu Ani');
        const scriptsBefore = requested.filter((path) => path.endsWith('.js'));
        await page.getByRole('button', { name: 'Lanjut' }).click();
        await page.getByRole('heading', { name: /^Pertanyaan \(\d+\)$/ }).waitFor({ timeout: 30_000 });
        // Refused without work, then the challenge, then signed in with its solution.
        const auth = requested.filter((path) => path.startsWith('/api/v1/auth/guest'));
        expect(auth).toEqual(['/api/v1/auth/guest', '/api/v1/auth/guest/challenge', '/api/v1/auth/guest']);
        const solver = requested.filter((path) => /proof-of-work.*\.js$/.test(path));
        expect(solver).toHaveLength(1);
        expect(scriptsBefore.some((path) => /proof-of-work/.test(path))).toBe(false);

        // A challenge the server did not sign (here swapped in on the way): refused, said in the page's language.
        const other = await browser.newPage({ locale: 'id-ID', viewport: { width: 390, height: 844 } });
        const foreign = await createChallenge({ hmacKey: 'not-the-server-key', maxNumber: 50 });
        await other.route('**/api/v1/auth/guest/challenge', (route) =>
          route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(foreign) }),
        );
        await other.goto(`${first.url}/live/${session.code}`);
        await other.getByRole('textbox', { name: 'Nama tampilan' }).fill('Pak Budi');
        await other.getByRole('button', { name: 'Lanjut' }).click();
        await other.getByRole('alert').filter({ hasText: 'Pemeriksaan keamanan untuk masuk sebagai tamu gagal' }).waitFor();
        await expectNoSeriousViolations(other);
      } finally {
        await browser.close();
      }
    }, 180_000);

    it('serves no challenge when proof of work is off', async () => {
      expect((await api(one).get('/auth/guest/challenge')).status).toBe(404);
    });
  });
});
