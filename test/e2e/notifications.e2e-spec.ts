import { randomUUID } from 'node:crypto';
import { EventBus } from '@balai/events';
import type { NotificationView } from '@balai/contracts';
import { collect, connectLive, createLiveSession, emitAck, LiveClient, waitFor } from './live-helpers';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Notifications in Balai: each type reaches exactly the right people once, in their language, is
 * pushed to their open sockets, and is read and marked read by its owner only. The decision and
 * moderation events are published on the bus here (their publishers live in other branches).
 */
describe('notifications (PostgreSQL)', () => {
  let testApp: TestApp;
  let official: TestAccount;
  let moderator: TestAccount;
  let sari: TestAccount; // author, Indonesian (the default)
  let budi: TestAccount; // supporter, English
  let dewi: TestAccount; // writes a post, supports nothing
  let eko: TestAccount; // takes no part
  let guest: TestAccount;
  let consultationId: string;
  let threadId: string;
  let budiSocket: LiveClient;
  let budiPushes: { notification: NotificationView }[];
  const sockets: LiveClient[] = [];

  const mine = async (account: TestAccount, query = '') => {
    const res = await account.http.get(`/me/notifications?limit=100${query}`);
    expect(res.status).toBe(200);
    return res.body.items as NotificationView[];
  };
  const ofType = async (account: TestAccount, type: string) => (await mine(account)).filter((item) => item.type === type);
  const waitForCount = async (account: TestAccount, type: string, count: number) =>
    waitFor(async () => (await ofType(account, type)).length >= count, `${count} ${type} notification(s)`);
  /** Listeners run after the commit, in the background: give a repeat or an absence time to show. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  beforeAll(async () => {
    testApp = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    official = await createAccount(testApp, 'official', 'Dinas Taman');
    moderator = await createAccount(testApp, 'moderator', 'Moderator');
    sari = await createAccount(testApp, 'citizen', 'Sari');
    budi = await createAccount(testApp, 'citizen', 'Budi');
    dewi = await createAccount(testApp, 'citizen', 'Dewi');
    eko = await createAccount(testApp, 'citizen', 'Eko');
    guest = await createGuest(testApp, 'Tamu Balai');
    expect((await budi.http.put('/me/preferences', { locale: 'en' })).status).toBe(200);
    consultationId = (await official.http.post('/consultations', { title: 'Taman Kota 2027', description: 'Apa yang perlu?' })).body.id;
    threadId = (await sari.http.post('/threads', { title: 'Taman baca', body: 'Rak buku di taman.', kind: 'idea', consultationId })).body
      .id;
    expect((await budi.http.put(`/threads/${threadId}/support`)).status).toBe(200);
    expect((await dewi.http.post(`/threads/${threadId}/posts`, { body: 'Setuju, dekat sekolah.' })).status).toBe(201);
    budiSocket = await connectLive(testApp, budi.token);
    sockets.push(budiSocket);
    budiPushes = collect(budiSocket, 'notification:new');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp.close();
  });

  it('tells the author and every supporter of each progress change, in their language, once, pushed live', async () => {
    expect(await mine(sari)).toEqual([]); // none when the thread was created
    const res = await official.http.put(`/threads/${threadId}/progress`, { state: 'under_review' });
    expect(res.status).toBe(200);
    await waitForCount(sari, 'input.progress', 1);
    await waitForCount(budi, 'input.progress', 1);
    const [forSari] = await ofType(sari, 'input.progress');
    expect(forSari).toMatchObject({
      title: 'Ide “Taman baca”: sedang ditinjau',
      body: 'Ide Anda “Taman baca” kini sedang ditinjau.',
      link: `/threads/${threadId}`,
      subject: { type: 'thread', id: threadId },
      read: false,
    });
    const [forBudi] = await ofType(budi, 'input.progress');
    expect(forBudi!.body).toBe('The idea you support, “Taman baca”, is now under review.');
    await waitFor(() => budiPushes.length === 1, 'the push to Budi');
    expect(budiPushes[0]!.notification).toEqual(forBudi);
    await settle();
    expect(await ofType(dewi, 'input.progress')).toEqual([]);
    expect(await ofType(eko, 'input.progress')).toEqual([]);

    // A second change is a second notification each; the reason goes with it.
    await official.http.put(`/threads/${threadId}/progress`, { state: 'not_taken_up', note: 'Anggaran habis' });
    await waitForCount(budi, 'input.progress', 2);
    expect((await ofType(budi, 'input.progress'))[0]!.body).toBe(
      'The idea you support, “Taman baca”, is now not taken up.\nNote from the city: Anggaran habis',
    );
  });

  it('notifies once when an event is delivered twice', async () => {
    const bus = testApp.app.get(EventBus);
    const before = (await ofType(sari, 'input.progress')).length;
    const event = {
      changeId: randomUUID(),
      threadId,
      consultationId,
      authorId: sari.id,
      kind: 'idea' as const,
      title: 'Taman baca',
      from: 'received' as const,
      to: 'under_review' as const,
      note: null,
      changedBy: official.id,
      changedAt: new Date(),
    };
    bus.publish('thread.progress_changed', event);
    bus.publish('thread.progress_changed', event);
    await waitForCount(sari, 'input.progress', before + 1);
    await settle();
    expect((await ofType(sari, 'input.progress')).length).toBe(before + 1);
    expect((await ofType(budi, 'input.progress')).length).toBe(before + 1);
  });

  it('tells a guest their question was answered, readable with the guest token', async () => {
    const session = await createLiveSession(moderator, { consultationId, preModeration: false, title: 'Rapat Taman' });
    const socket = await connectLive(testApp, guest.token);
    sockets.push(socket);
    const pushes = collect(socket, 'notification:new');
    expect((await emitAck(socket, 'session:join', { code: session.code })).ok).toBe(true);
    const asked = await emitAck(socket, 'question:ask', { sessionId: session.id, text: 'Kapan dibuka?', clientRequestId: randomUUID() });
    expect(asked.ok).toBe(true);
    const questionId = asked.data.question.id;
    const answered = await moderator.http.post(`/live-questions/${questionId}/moderate`, { action: 'answer' });
    expect(answered.status).toBe(200);
    await waitForCount(guest, 'question.answered', 1);
    const [notification] = await ofType(guest, 'question.answered');
    expect(notification).toMatchObject({
      title: 'Pertanyaan Anda dijawab',
      body: 'Pertanyaan Anda di sesi “Rapat Taman” telah dijawab: “Kapan dibuka?”',
      link: `/live/${session.code}`,
      subject: { type: 'question', id: questionId },
    });
    await waitFor(() => pushes.length === 1, 'the push to the guest');
    expect((await guest.http.get('/me/notifications/unread-count')).body).toEqual({ count: 1 });
    // Approving, archiving and the like tell nobody.
    await settle();
    expect(await ofType(moderator, 'question.answered')).toEqual([]);
  });

  it('tells the author the outcome of a moderation, with the reason, in their language', async () => {
    const bus = testApp.app.get(EventBus);
    const event = {
      actionId: randomUUID(),
      action: 'hide',
      reasonCode: 'off_topic',
      note: null,
      moderatorId: moderator.id,
      target: { type: 'thread' as const, id: threadId },
      notifyUserId: sari.id,
      itemId: null,
      sessionId: null,
      consultationId,
      at: new Date(),
    };
    bus.publish('moderation.action', event);
    bus.publish('moderation.action', event);
    bus.publish('moderation.action', { ...event, actionId: randomUUID(), notifyUserId: null });
    await waitForCount(sari, 'moderation.outcome', 1);
    await settle();
    const outcomes = await ofType(sari, 'moderation.outcome');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({
      title: 'Kiriman Anda disembunyikan',
      body: 'Moderator telah memutuskan tentang utas Anda.\nAlasan: di luar topik',
      link: `/threads/${threadId}`,
    });
    expect(await ofType(moderator, 'moderation.outcome')).toEqual([]);
  });

  it('tells each participant of a decided consultation once, naming their own input', async () => {
    const bus = testApp.app.get(EventBus);
    const decisionId = randomUUID();
    const event = {
      decisionId,
      consultationId,
      title: 'Taman baca dibangun',
      bodySha256: '0'.repeat(64),
      publishedBy: official.id,
      publishedAt: new Date(),
    };
    bus.publish('decision.published', event);
    bus.publish('decision.published', event);
    for (const account of [sari, budi, dewi, guest]) await waitForCount(account, 'decision.published', 1);
    await settle();
    const [forSari] = await ofType(sari, 'decision.published');
    expect(forSari).toMatchObject({ title: 'Keputusan terbit: Taman baca dibangun', link: `/decisions/${decisionId}` });
    expect(forSari!.body).toContain('Konsultasi “Taman Kota 2027” yang Anda ikuti telah diputuskan');
    expect(forSari!.body).toContain('utas Anda: “Taman baca”');
    const [forBudi] = await ofType(budi, 'decision.published');
    expect(forBudi!.body).toContain('your support for: “Taman baca”');
    expect(forBudi!.body).not.toContain('your threads');
    expect((await ofType(dewi, 'decision.published'))[0]!.body).toContain('1 tanggapan di “Taman baca”');
    expect((await ofType(guest, 'decision.published'))[0]!.body).toContain('pertanyaan Anda: “Kapan dibuka?”');
    for (const account of [sari, budi, dewi, guest]) expect(await ofType(account, 'decision.published')).toHaveLength(1);
    expect(await ofType(eko, 'decision.published')).toEqual([]);
    expect(await ofType(official, 'decision.published')).toEqual([]);
  });

  it('lists newest first with pages and an unread filter; marks read only the caller’s own', async () => {
    const all = await mine(sari);
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect([...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((n) => n.id)).toEqual(all.map((n) => n.id));
    const first = await sari.http.get('/me/notifications?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await sari.http.get(`/me/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: expect.any(Array), nextCursor: expect.anything() });
    expect(second.body.items[0].id).toBe(all[2]!.id);

    const budiUnread = (await budi.http.get('/me/notifications/unread-count')).body.count;
    const budiIds = (await mine(budi)).map((n) => n.id);
    const foreign = await sari.http.post('/me/notifications/read', { ids: budiIds });
    expect(foreign.status).toBe(200);
    expect(foreign.body.updated).toBe(0);
    expect((await budi.http.get('/me/notifications/unread-count')).body.count).toBe(budiUnread);

    const one = await sari.http.post('/me/notifications/read', { ids: [all[0]!.id] });
    expect(one.body).toEqual({ updated: 1, unread: all.length - 1 });
    expect((await mine(sari, '&unread=true')).map((n) => n.id)).not.toContain(all[0]!.id);
    expect((await mine(sari)).find((n) => n.id === all[0]!.id)!.read).toBe(true);
    expect((await sari.http.post('/me/notifications/read', { all: true })).body).toEqual({ updated: all.length - 1, unread: 0 });
    expect((await sari.http.get('/me/notifications/unread-count')).body).toEqual({ count: 0 });
    expect(await mine(sari, '&unread=true')).toEqual([]);
  });

  it('refuses bad input with a clear 4xx', async () => {
    for (const body of [{}, { ids: [] }, { ids: ['nope'] }, { all: false }, { all: true, extra: 1 }, { ids: 'x' }]) {
      const res = await sari.http.post('/me/notifications/read', body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await sari.http.get('/me/notifications?unread=maybe')).status).toBe(400);
    expect((await sari.http.get('/me/notifications?cursor=garbage')).status).toBe(400);
    expect((await sari.http.put('/me/preferences', { locale: 'fr' })).status).toBe(400);
    expect((await sari.http.put('/me/preferences', {})).status).toBe(400);
    expect((await sari.http.put('/me/preferences', { emailNotifications: 'yes' })).status).toBe(400);
    const anonymous = await fetch(`${testApp.url}/api/v1/me/notifications`);
    expect(anonymous.status).toBe(401);
  });

  it('keeps the preferences on the account and shows them in GET /me', async () => {
    expect((await budi.http.get('/me')).body).toMatchObject({ locale: 'en', emailNotifications: true });
    const res = await budi.http.put('/me/preferences', { emailNotifications: false, locale: 'id' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: budi.id, locale: 'id', emailNotifications: false });
    expect((await budi.http.get('/me')).body).toMatchObject({ locale: 'id', emailNotifications: false });
  });
});
