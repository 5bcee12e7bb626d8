import { randomInt } from 'node:crypto';
import { EventBus } from '@balai/events';
import { TokenService } from '@balai/identity';
import { HttpClient, TestDatabase } from '@balai/testing';
import { createAccount, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { collect, connectLive, createLiveSession, LiveClient, once, waitFor } from './live-helpers';

type ConnectError = Error & { data?: { code?: string } };

/**
 * Sessions end when they should (sign-out, a role change, a suspension, a deleted account): the old
 * tokens are refused over HTTP and Socket.IO and the account's sockets close, on two processes that
 * share one database and one Redis, so the news between processes is exercised too.
 */
describe('sessions end (two processes, Redis)', () => {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let admin: TestAccount;
  let moderator: TestAccount;
  // Several sign-ins from 127.0.0.1 within a minute: the login limit has its own spec (abuse-limits).
  const env = { REDIS_URL: `redis://127.0.0.1:6379/${randomInt(1, 16)}`, LOGIN_LIMIT_PER_MINUTE: '1000' };
  const sockets: LiveClient[] = [];
  const extraApps: TestApp[] = [];

  const on = (app: TestApp, token?: string) => new HttpClient(`${app.url}/api/v1`).as(token);
  const connect = async (app: TestApp, token: string, options: Record<string, unknown> = {}) => {
    const socket = await connectLive(app, token, options);
    sockets.push(socket);
    return socket;
  };
  /** The handshake's refusal: its message and the reason it carries. */
  const refusal = (app: TestApp, token: string) =>
    connectLive(app, token).then(
      (socket) => {
        socket.close();
        return null;
      },
      (error: ConnectError) => ({ message: error.message, code: error.data?.code }),
    );
  const login = async (app: TestApp, account: TestAccount): Promise<string> => {
    const response = await on(app).post('/auth/login', { email: account.email, password: account.password });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  };
  const expectRevoked = async (app: TestApp, token: string) => {
    const response = await on(app, token).get('/me');
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 'token_revoked' });
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  };

  beforeAll(async () => {
    database = await TestDatabase.create();
    one = await createTestApp({ database, env });
    two = await createTestApp({ database, env });
    admin = await createAccount(one, 'admin', 'Admin');
    moderator = await createAccount(one, 'moderator', 'Rina');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const app of extraApps) await app.close();
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it('signing out refuses every token of the account and closes its sockets on both processes; a new sign-in works', async () => {
    const citizen = await createAccount(one, 'citizen', 'Sari');
    const phoneToken = await login(two, citizen);
    const onOne = await connect(one, citizen.token);
    const onTwo = await connect(two, phoneToken);
    expect((await on(two, citizen.token).get('/me')).status).toBe(200);
    const closedOne = once(onOne, 'disconnect');
    const closedTwo = once(onTwo, 'disconnect');

    const loggedOut = await on(one, citizen.token).post('/auth/logout');
    expect(loggedOut.status).toBe(204);
    expect(loggedOut.body).toBeUndefined();

    expect(await closedOne).toBe('io server disconnect');
    expect(await closedTwo).toBe('io server disconnect');
    // Both tokens, on both processes: the peer heard of the end before the adapter closed its socket.
    for (const app of [one, two]) {
      for (const token of [citizen.token, phoneToken]) {
        await expectRevoked(app, token);
        expect(await refusal(app, token)).toEqual({ message: 'unauthorized', code: 'token_revoked' });
      }
    }
    // The old token cannot sign out again, nor write.
    expect((await on(two, citizen.token).post('/auth/logout')).status).toBe(401);
    expect((await on(two, phoneToken).post('/threads', { title: 'Halo', body: 'Isi', kind: 'idea' })).status).toBe(401);

    const fresh = await login(two, citizen);
    for (const app of [one, two]) {
      expect((await on(app, fresh).get('/me')).body).toMatchObject({ id: citizen.id, role: 'citizen' });
      expect(await refusal(app, fresh)).toBeNull();
    }
  });

  it('a token issued right after the end, in the same millisecond or the next, is accepted; one issued before is not', async () => {
    const citizen = await createAccount(one, 'citizen', 'Budi');
    const tokens = one.app.get(TokenService);
    const principal = { id: citizen.id, role: 'citizen' as const, displayName: 'Budi' };
    const before = await tokens.issue(principal);
    expect((await on(one, citizen.token).post('/auth/logout')).status).toBe(204);
    const after = await tokens.issue(principal);
    await expectRevoked(one, before);
    expect((await on(one, after).get('/me')).status).toBe(200);
    await waitFor(async () => (await on(two, before).get('/me')).status === 401, 'the end on two');
    expect((await on(two, after).get('/me')).status).toBe(200);
  });

  it('a demoted moderator cannot create a poll with the old token on either process; a fresh sign-in carries the new role', async () => {
    const demoted = await createAccount(one, 'moderator', 'Dimas');
    expect((await on(two, demoted.token).post('/polls', { question: 'Jam buka taman?', options: ['Pagi', 'Malam'] })).status).toBe(201);
    const socket = await connect(two, demoted.token);
    const closed = once(socket, 'disconnect');

    // The same role again is no change: the sessions stand.
    expect((await admin.http.put(`/users/${demoted.id}/role`, { role: 'moderator' })).status).toBe(200);
    expect((await on(two, demoted.token).get('/me')).status).toBe(200);

    const changed = await admin.http.put(`/users/${demoted.id}/role`, { role: 'citizen' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('citizen');
    expect(await closed).toBe('io server disconnect');
    for (const app of [one, two]) {
      const poll = await on(app, demoted.token).post('/polls', { question: 'Masih bisa?', options: ['Ya', 'Tidak'] });
      expect({ status: poll.status, code: poll.body.code }).toEqual({ status: 401, code: 'token_revoked' });
    }

    const fresh = await login(two, demoted);
    expect((await on(one, fresh).get('/me')).body.role).toBe('citizen');
    const refused = await on(one, fresh).post('/polls', { question: 'Masih bisa?', options: ['Ya', 'Tidak'] });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'role_required' });
    expect((await on(one, fresh).post('/threads', { title: 'Sekarang warga', body: 'Isi', kind: 'idea' })).status).toBe(201);
  });

  it('a suspension ends the sessions too: a new sign-in reads but does not write, until the suspension is lifted', async () => {
    const citizen = await createAccount(one, 'citizen', 'Nakal');
    const onOne = await connect(one, citizen.token);
    const onTwo = await connect(two, citizen.token);
    const closed = [once(onOne, 'disconnect'), once(onTwo, 'disconnect')];
    expect((await on(two, moderator.token).put(`/users/${citizen.id}/suspension`, { reason: 'Spam' })).status).toBe(200);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    for (const app of [one, two]) await expectRevoked(app, citizen.token);

    const fresh = await login(one, citizen);
    expect((await on(one, fresh).get('/me')).status).toBe(200);
    const write = await on(one, fresh).post('/threads', { title: 'Halo', body: 'Isi', kind: 'idea' });
    expect({ status: write.status, code: write.body.code }).toEqual({ status: 403, code: 'suspended' });
    expect((await refusal(two, fresh))?.message).toBe('suspended');
    // Signing out is still allowed while suspended.
    const lastly = await login(one, citizen);
    expect((await on(one, lastly).post('/auth/logout')).status).toBe(204);
    await expectRevoked(one, lastly);

    expect((await on(one, moderator.token).delete(`/users/${citizen.id}/suspension`)).status).toBe(204);
    const after = await login(two, citizen);
    await waitFor(
      async () => (await on(two, after).post('/threads', { title: 'Halo lagi', body: 'Isi', kind: 'idea' })).status === 201,
      'writes after the lifting',
    );
  });

  it('a deleted account (the account.deleted event) loses its tokens and sockets, on every process and after a restart', async () => {
    const citizen = await createAccount(one, 'citizen', 'Pergi');
    const socket = await connect(two, citizen.token);
    const closed = once(socket, 'disconnect');
    // What DELETE /me publishes once its transaction committed.
    one.app.get(EventBus).publish('account.deleted', { userId: citizen.id });
    expect(await closed).toBe('io server disconnect');
    await expectRevoked(two, citizen.token);
    await waitFor(async () => (await on(one, citizen.token).get('/me')).status === 401, 'the end on one');
    await expectRevoked(one, citizen.token);

    // The end outlives the account's row, and is read again at start by a process that never heard the news.
    await database.query(`delete from users where id = $1`, [citizen.id]);
    const three = await createTestApp({ database, env });
    extraApps.push(three);
    await expectRevoked(three, citizen.token);
    expect(await refusal(three, citizen.token)).toEqual({ message: 'unauthorized', code: 'token_revoked' });
  });

  it('a dropped socket recovers its connection state while its sessions stand, and is refused instead once they ended', async () => {
    const session = await createLiveSession(moderator, { preModeration: false });
    const reconnecting = { reconnection: true, reconnectionDelay: 1500, reconnectionDelayMax: 1500 };
    const staying = await createAccount(one, 'citizen', 'Tetap');
    const leaving = await createAccount(one, 'citizen', 'Keluar');
    const kept = await connect(two, staying.token, reconnecting);
    const ended = await connect(two, leaving.token, reconnecting);
    for (const socket of [kept, ended]) {
      const joined = await socket.timeout(10_000).emitWithAck('session:join', { sessionId: session.id });
      expect(joined.ok).toBe(true);
    }
    const keptNews = collect(kept, 'question:new');
    const endedNews = collect(ended, 'question:new');
    // An offset to recover from: connection state is kept for dropped transports only.
    expect((await moderator.http.post(`/live-sessions/${session.id}/questions`, { text: 'Pertama', source: 'hall' })).status).toBe(201);
    await waitFor(() => keptNews.length === 1 && endedNews.length === 1, 'the first question on both');

    const keptBack = once(kept, 'connect', 15_000);
    const endedRefused = once<ConnectError>(ended, 'connect_error', 15_000);
    kept.io.engine.close();
    ended.io.engine.close();
    expect((await on(one, leaving.token).post('/auth/logout')).status).toBe(204);
    expect((await moderator.http.post(`/live-sessions/${session.id}/questions`, { text: 'Selagi terputus', source: 'hall' })).status).toBe(
      201,
    );

    await keptBack;
    expect(kept.recovered).toBe(true);
    await waitFor(() => keptNews.some((news) => news.question.text === 'Selagi terputus'), 'the missed question after recovery');

    const error = await endedRefused;
    expect({ message: error.message, code: error.data?.code }).toEqual({ message: 'unauthorized', code: 'token_revoked' });
    // Not recovered: no rooms back, no missed packets, no connection.
    expect(ended.connected).toBe(false);
    expect(ended.recovered).toBe(false);
    expect(endedNews.map((news) => news.question.text)).toEqual(['Pertama']);
  });
});
