import { randomUUID } from 'node:crypto';
import { FORMER_PARTICIPANT_NAME } from '@balai/contracts';
import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { connectLive, createLiveSession, emitAck, LiveClient, once, waitFor } from './live-helpers';

/**
 * "Your data" (issue 17): `GET /me/export` gives a person everything Balai holds about them and
 * nobody else's; `DELETE /me` erases the account in one transaction while its contributions stay
 * under "a former participant" and every count stays as it was.
 */
describe('your data: export and account deletion (PostgreSQL)', () => {
  let testApp: TestApp;
  let official: TestAccount;
  let moderator: TestAccount;
  let sari: TestAccount;
  let budi: TestAccount;
  const sockets: LiveClient[] = [];

  /** Everything Sari and Budi did to each other's work, for both specs. */
  let consultation: any;
  let sariThread: any;
  let budiThread: any;
  let budiPost: any;
  let sariPost: any;
  let poll: any;
  let session: any;
  let sariQuestion: any;
  let budiQuestion: any;

  const api = (token?: string) => new HttpClient(`${testApp.url}/api/v1`).as(token);
  const login = async (account: TestAccount) => {
    const response = await api().post('/auth/login', { email: account.email, password: account.password });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  };
  const connect = async (token: string) => {
    const socket = await connectLive(testApp, token);
    sockets.push(socket);
    return socket;
  };
  const questionsOf = async (sessionId: string) =>
    (await moderator.http.get(`/live-sessions/${sessionId}/questions?limit=100`)).body.items as any[];

  beforeAll(async () => {
    // Several sign-ins from 127.0.0.1 within a minute: the login limit has its own spec (abuse-limits).
    testApp = await createTestApp({ env: { LOGIN_LIMIT_PER_MINUTE: '1000' } });
    official = await createAccount(testApp, 'official', 'Ibu Walikota');
    moderator = await createAccount(testApp, 'moderator', 'Rina Moderator');
    sari = await createAccount(testApp, 'citizen', 'Sari Wulandari');
    budi = await createAccount(testApp, 'citizen', 'Budi Santoso');

    consultation = (await official.http.post('/consultations', { title: 'Taman Kota Cempaka', description: 'Desain taman' })).body;
    const thread = (account: TestAccount, title: string) =>
      account.http.post('/threads', { title, body: `${title}: isi`, kind: 'idea', consultationId: consultation.id });
    sariThread = (await thread(sari, 'Lebih banyak pohon rindang')).body;
    budiThread = (await thread(budi, 'Jalur sepeda di taman')).body;
    sariPost = (await sari.http.post(`/threads/${budiThread.id}/posts`, { body: 'Setuju, jalur sepeda aman' })).body;
    budiPost = (await budi.http.post(`/threads/${sariThread.id}/posts`, { body: 'Pohon trembesi cocok' })).body;
    expect((await sari.http.put(`/threads/${budiThread.id}/support`)).status).toBe(200);
    expect((await budi.http.put(`/threads/${sariThread.id}/support`)).status).toBe(200);

    poll = (
      await moderator.http.post('/polls', { question: 'Jam buka taman?', options: ['Pagi', 'Malam'], consultationId: consultation.id })
    ).body;
    expect((await sari.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[0].id] })).status).toBe(200);
    expect((await budi.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[1].id] })).status).toBe(200);

    session = await createLiveSession(moderator, { preModeration: false, consultationId: consultation.id });
    const sariSocket = await connect(sari.token);
    const budiSocket = await connect(budi.token);
    const ask = async (socket: LiveClient, text: string) => {
      const ack = await emitAck(socket, 'question:ask', { sessionId: session.id, text, clientRequestId: randomUUID() });
      expect(ack.ok).toBe(true);
      return ack.data.question;
    };
    sariQuestion = await ask(sariSocket, 'Kapan taman dibuka untuk umum?');
    budiQuestion = await ask(budiSocket, 'Apakah ada toilet umum?');
    expect((await emitAck(sariSocket, 'question:upvote', { questionId: budiQuestion.id })).ok).toBe(true);
    expect((await emitAck(budiSocket, 'question:upvote', { questionId: sariQuestion.id })).ok).toBe(true);

    expect(
      (await sari.http.post('/reports', { targetType: 'post', targetId: budiPost.id, reason: 'other', note: 'Catatan Sari' })).status,
    ).toBe(201);
    expect((await budi.http.post('/reports', { targetType: 'thread', targetId: sariThread.id, reason: 'spam' })).status).toBe(201);
    expect(
      (await moderator.http.put(`/live-sessions/${session.id}/mutes/${sari.id}`, { minutes: 10, reason: 'Terlalu ramai' })).status,
    ).toBe(200);
    // Sari is told (input.progress) when her idea moves.
    expect((await official.http.put(`/threads/${sariThread.id}/progress`, { state: 'under_review' })).status).toBe(200);
    await waitFor(async () => (await sari.http.get('/me/notifications/unread-count')).body.count >= 1, "Sari's notification");
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp?.close();
  });

  it('a suspended account downloads everything Balai holds about it, of every kind, and nothing about anyone else', async () => {
    expect((await moderator.http.put(`/users/${sari.id}/suspension`, { reason: 'Pelanggaran berulang' })).status).toBe(200);
    // The suspension ended her sessions: a new sign-in reads.
    sari.token = await login(sari);
    sari.http = api(sari.token);

    const response = await sari.http.get('/me/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const today = new Date().toISOString().slice(0, 10);
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="balai-data-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    expect(response.headers.get('content-disposition')).toContain(today.slice(0, 7));
    const data = response.body;

    expect(data.account).toMatchObject({ id: sari.id, email: sari.email, displayName: 'Sari Wulandari', role: 'citizen' });
    expect(data.forum.threads.map((t: any) => t.id)).toEqual([sariThread.id]);
    expect(data.forum.threads[0]).toMatchObject({
      title: 'Lebih banyak pohon rindang',
      body: 'Lebih banyak pohon rindang: isi',
      supports: 1,
    });
    expect(data.forum.posts.map((p: any) => [p.id, p.threadId, p.body])).toEqual([
      [sariPost.id, budiThread.id, 'Setuju, jalur sepeda aman'],
    ]);
    expect(data.forum.supports.map((s: any) => s.threadId)).toEqual([budiThread.id]);
    expect(data.polls.ballots).toEqual([
      expect.objectContaining({ pollId: poll.id, question: 'Jam buka taman?', options: [{ id: poll.options[0].id, label: 'Pagi' }] }),
    ]);
    expect(data.live.questions.map((q: any) => [q.id, q.text, q.upvotes])).toEqual([
      [sariQuestion.id, 'Kapan taman dibuka untuk umum?', 1],
    ]);
    expect(data.live.upvotes.map((u: any) => u.questionId)).toEqual([budiQuestion.id]);
    expect(data.live.mutes).toEqual([expect.objectContaining({ sessionId: session.id, reason: 'Terlalu ramai' })]);
    expect(data.moderation.reports).toEqual([expect.objectContaining({ targetType: 'post', targetId: budiPost.id, note: 'Catatan Sari' })]);
    expect(data.moderation.suspension).toMatchObject({ reason: 'Pelanggaran berulang', until: null });
    expect(data.moderation.actionsAboutYou.map((a: any) => a.action)).toEqual(expect.arrayContaining(['mute', 'suspend']));
    expect(data.notifications.notifications.map((n: any) => n.type).sort()).toEqual([
      'input.progress',
      'moderation.outcome',
      'moderation.outcome',
    ]);
    expect(data.consultations.tookPartIn.map((c: any) => c.consultationId)).toEqual([consultation.id]);

    // Nobody else's id, name or e-mail, anywhere in it.
    const text = JSON.stringify(data);
    for (const other of [budi, moderator, official]) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.email);
    }
    for (const name of ['Budi', 'Rina', 'Walikota']) expect(text).not.toContain(name);
    // Budi's post and question are his: not in Sari's export.
    expect(text).not.toContain('Pohon trembesi');
    expect(text).not.toContain('toilet');

    // Another person gets their own.
    const budiData = (await budi.http.get('/me/export')).body;
    expect(budiData.account.id).toBe(budi.id);
    expect(JSON.stringify(budiData)).not.toContain(sari.id);
    expect((await api().get('/me/export')).status).toBe(401);
  });

  it('deleting (while suspended): 400 without a password, 403 wrong_password changing nothing, then 204; everything else stays', async () => {
    const counts = async () => ({
      sariThread: (await api().get(`/threads/${sariThread.id}`)).body.supports,
      budiThread: (await api().get(`/threads/${budiThread.id}`)).body.supports,
      budiPosts: (await api().get(`/threads/${budiThread.id}`)).body.postCount,
      poll: (await api().get(`/polls/${poll.id}`)).body.results,
      questions: Object.fromEntries((await questionsOf(session.id)).map((q) => [q.id, q.upvotes])),
      participants: (await api().get(`/consultations/${consultation.id}`)).body.counts.participants,
    });
    const before = await counts();
    expect(before).toMatchObject({ sariThread: 1, budiThread: 1, budiPosts: 1, participants: 2, poll: { totalBallots: 2 } });
    expect(before.questions).toEqual({ [sariQuestion.id]: 1, [budiQuestion.id]: 1 });

    const missing = await sari.http.request('DELETE', '/me');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const wrong = await sari.http.request('DELETE', '/me', { password: 'not-my-password' });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 403, code: 'wrong_password' });
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect((await sari.http.get('/me')).body).toMatchObject({ id: sari.id, email: sari.email });
    expect((await sari.http.request('DELETE', '/me', { password: TEST_PASSWORD, extra: 1 })).status).toBe(400);

    // A suspended account has no socket (the guest's spec below sees its socket closed).
    const deleted = await sari.http.request('DELETE', '/me', { password: TEST_PASSWORD });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();

    // The account is gone: its token, its sign-in, a new socket.
    expect((await sari.http.get('/me')).status).toBe(401);
    expect((await sari.http.get('/me/export')).status).toBe(401);
    expect((await api().post('/auth/login', { email: sari.email, password: TEST_PASSWORD })).status).toBe(401);
    await expect(connectLive(testApp, sari.token)).rejects.toThrow('unauthorized');

    // Contributions stay, under "a former participant", everywhere they show.
    const thread = (await api().get(`/threads/${sariThread.id}`)).body;
    expect(thread).toMatchObject({ title: 'Lebih banyak pohon rindang', author: { displayName: FORMER_PARTICIPANT_NAME } });
    const posts = (await api().get(`/threads/${budiThread.id}/posts`)).body.items;
    expect(posts.map((p: any) => [p.body, p.author.displayName])).toEqual([['Setuju, jalur sepeda aman', FORMER_PARTICIPANT_NAME]]);
    const question = (await questionsOf(session.id)).find((q) => q.id === sariQuestion.id);
    expect(question.author.displayName).toBe(FORMER_PARTICIPANT_NAME);
    const items = (await moderator.http.get('/moderation/items?status=pending&limit=100')).body.items as any[];
    const reported = items.find((item) => item.target.id === sariThread.id);
    expect(reported.target.authorName).toBe(FORMER_PARTICIPANT_NAME);
    const everything = JSON.stringify([
      thread,
      posts,
      await questionsOf(session.id),
      items,
      (await moderator.http.get('/moderation/log?limit=100')).body,
      (await api().get(`/threads/${sariThread.id}/progress`)).body,
    ]);
    expect(everything).not.toContain('Sari');
    expect(everything).not.toContain(sari.email);

    // Every count is what it was.
    expect(await counts()).toEqual(before);

    // The e-mail registers again, as a new account with none of the old data.
    const again = await api().post('/auth/register', { email: sari.email, password: 'another-password-1', displayName: 'Sari Baru' });
    expect(again.status).toBe(201);
    expect(again.body.user.id).not.toBe(sari.id);
    const fresh = (await api(again.body.accessToken).get('/me/export')).body;
    // Nobody can pose as a former participant.
    for (const [path, body] of [
      ['/auth/guest', { displayName: 'A Former Participant' }],
      [
        '/auth/register',
        { email: `x-${randomUUID().slice(0, 8)}@test.balai`, password: TEST_PASSWORD, displayName: FORMER_PARTICIPANT_NAME },
      ],
    ] as const) {
      const refused = await api().post(path, body);
      expect({ status: refused.status, field: refused.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'displayName' });
    }
    expect(fresh.forum).toEqual({ threads: [], posts: [], supports: [], progressSet: [] });
    expect(fresh.moderation.suspension).toBeNull();
    expect(fresh.notifications.notifications).toEqual([]);
  });

  it('a guest deletes with no body: the question stays, its upvotes count, the token ends', async () => {
    const guest = await createGuest(testApp, 'Pak Joko');
    const socket = await connect(guest.token);
    const asked = await emitAck(socket, 'question:ask', {
      sessionId: session.id,
      text: 'Ada parkir motor?',
      clientRequestId: randomUUID(),
    });
    expect(asked.ok).toBe(true);
    const voter = await connect(budi.token);
    expect((await emitAck(voter, 'question:upvote', { questionId: asked.data.question.id })).ok).toBe(true);
    expect((await emitAck(socket, 'question:upvote', { questionId: budiQuestion.id })).ok).toBe(true);
    const budiUpvotes = (await questionsOf(session.id)).find((q) => q.id === budiQuestion.id).upvotes;
    expect((await guest.http.get('/me/export')).body.live.questions.map((q: any) => q.text)).toEqual(['Ada parkir motor?']);

    const closed = once(socket, 'disconnect');
    expect((await guest.http.request('DELETE', '/me')).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await guest.http.get('/me')).status).toBe(401);
    const questions = await questionsOf(session.id);
    const kept = questions.find((q) => q.id === asked.data.question.id);
    expect(kept).toMatchObject({ text: 'Ada parkir motor?', upvotes: 1, author: { displayName: FORMER_PARTICIPANT_NAME } });
    expect(questions.find((q) => q.id === budiQuestion.id).upvotes).toBe(budiUpvotes);
  });

  it('the last admin cannot delete the account (409), another admin can', async () => {
    const admin = await createAccount(testApp, 'admin', 'Admin Satu');
    // The demo-free test city has exactly this admin.
    const refused = await admin.http.request('DELETE', '/me', { password: TEST_PASSWORD });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'last_admin' });
    await createAccount(testApp, 'admin', 'Admin Dua');
    expect((await admin.http.request('DELETE', '/me', { password: TEST_PASSWORD })).status).toBe(204);
  });
});

/** Embedded PGlite has one connection: the export's snapshot and the deletion's transaction use theirs only. */
describe('your data on embedded PGlite', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ embedded: true });
  }, 60_000);

  afterAll(async () => {
    await testApp?.close();
  });

  it('exports and deletes without waiting on its own connection', async () => {
    const citizen = await createAccount(testApp, 'citizen', 'Dewi');
    const thread = (await citizen.http.post('/threads', { title: 'Lampu jalan', body: 'Gelap di malam hari', kind: 'complaint' })).body;
    expect((await citizen.http.put(`/threads/${thread.id}/support`)).status).toBe(200);
    const exported = await citizen.http.get('/me/export');
    expect(exported.body.forum.threads.map((t: any) => t.id)).toEqual([thread.id]);
    expect((await citizen.http.request('DELETE', '/me', { password: TEST_PASSWORD })).status).toBe(204);
    expect((await citizen.http.get('/me')).status).toBe(401);
    const kept = (await new HttpClient(`${testApp.url}/api/v1`).get(`/threads/${thread.id}`)).body;
    expect(kept).toMatchObject({ supports: 1, author: { displayName: FORMER_PARTICIPANT_NAME } });
  });
});
