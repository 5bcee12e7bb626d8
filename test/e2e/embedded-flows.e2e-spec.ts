import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { connectLive, createLiveSession, emitAck, LiveClient, waitFor } from './live-helpers';

/**
 * Every write flow once on embedded PGlite (issue 17). PGlite has one connection: a query on another
 * EntityManager inside an open transaction waits for that transaction forever, so a flow that does it
 * hangs rather than fails. Each step runs under its own deadline, which names the step that hung.
 */
const STEP_MS = 15_000;

async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${STEP_MS} ms (a hang on the single PGlite connection?)`)),
      STEP_MS,
    );
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function expectStatus(what: string, request: () => Promise<{ status: number; body: any }>, status: number): Promise<any> {
  const res = await step(what, request);
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('write flows on the embedded database (PGlite)', () => {
  jest.setTimeout(120_000);
  let testApp: TestApp;
  let anonymous: HttpClient;
  let official: TestAccount;
  let moderator: TestAccount;
  let sari: TestAccount;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    // One asker asks every kind of question here; the per-minute limit has its own spec.
    testApp = await createTestApp({ embedded: true, env: { LIVE_QUESTIONS_PER_MINUTE: '100' } });
    anonymous = new HttpClient(`${testApp.url}/api/v1`);
    official = await createAccount(testApp, 'official');
    moderator = await createAccount(testApp, 'moderator');
    sari = await createAccount(testApp, 'citizen', 'Sari');
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp?.close();
  }, 60_000);

  const newThread = async (author: TestAccount, title = 'Lampu jalan mati', extra: Record<string, unknown> = {}) =>
    expectStatus(
      `create thread "${title}"`,
      () => author.http.post('/threads', { title, body: 'Sudah seminggu.', kind: 'complaint', ...extra }),
      201,
    );

  const itemFor = async (targetId: string) => {
    let found: any;
    await waitFor(async () => {
      const items = (await moderator.http.get('/moderation/items?status=pending&limit=100')).body.items as any[];
      found = items.find((item) => item.target.id === targetId);
      return found !== undefined;
    }, `a queue item for ${targetId}`);
    return found;
  };

  it('keeps DATA_DIR owner-only, and the pglite directory closed to others', () => {
    const dataDir = testApp.config.dataDir;
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    // PostgreSQL's initdb sets its data directory to 0700 or 0750 itself; others never get in.
    expect(statSync(join(dataDir, 'pglite')).mode & 0o007).toBe(0);
  });

  it('registers, logs in, logs out', async () => {
    const email = `embedded-${randomUUID().slice(0, 8)}@test.balai`;
    await expectStatus('register', () => anonymous.post('/auth/register', { email, password: TEST_PASSWORD, displayName: 'Budi' }), 201);
    const login = await expectStatus('login', () => anonymous.post('/auth/login', { email, password: TEST_PASSWORD }), 200);
    const budi = anonymous.as(login.accessToken);
    await expectStatus('preferences', () => budi.put('/me/preferences', { locale: 'en' }), 200);
    await expectStatus('logout', () => budi.post('/auth/logout'), 204);
    await expectStatus('guest', () => anonymous.post('/auth/guest', { displayName: 'Tamu' }), 201);
  });

  it('creates a thread, posts, supports and unsupports, edits', async () => {
    const thread = await newThread(sari);
    const post = await expectStatus('post', () => sari.http.post(`/threads/${thread.id}/posts`, { body: 'Kami cek besok.' }), 201);
    await expectStatus('support', () => official.http.put(`/threads/${thread.id}/support`), 200);
    await expectStatus('unsupport', () => official.http.delete(`/threads/${thread.id}/support`), 200);
    await expectStatus('edit thread', () => sari.http.request('PATCH', `/threads/${thread.id}`, { body: 'Sudah dua minggu.' }), 200);
    await expectStatus('edit post', () => sari.http.request('PATCH', `/posts/${post.id}`, { body: 'Kami cek lusa.' }), 200);
    await expectStatus('official post', () => official.http.post(`/threads/${thread.id}/posts`, { body: 'Terima kasih.' }), 201);
  });

  it('reports and resolves with each moderation action after a claim', async () => {
    // Flagged by the word filter: approve and reject.
    for (const [action, extra] of [
      ['approve', {}],
      ['reject', { reason: 'abuse', note: 'kasar' }],
    ] as const) {
      const flagged = await newThread(sari, `Pemerintah goblok ${action}`);
      expect(flagged.status).toBe('pending');
      const item = await itemFor(flagged.id);
      await expectStatus(`claim for ${action}`, () => moderator.http.post(`/moderation/items/${item.id}/claim`), 200);
      await expectStatus(`resolve ${action}`, () => moderator.http.post(`/moderation/items/${item.id}/resolve`, { action, ...extra }), 200);
    }
    // Reported by people: hide and dismiss, a post and a thread.
    const thread = await newThread(sari, 'Pasar becek');
    const post = await expectStatus('post to report', () => sari.http.post(`/threads/${thread.id}/posts`, { body: 'Iklan murah!' }), 201);
    for (const [target, action, extra] of [
      [{ targetType: 'post', targetId: post.id }, 'hide', { reason: 'spam' }],
      [{ targetType: 'thread', targetId: thread.id }, 'dismiss', {}],
    ] as const) {
      const reporter = await createGuest(testApp, `Pelapor ${action}`);
      await expectStatus(`report for ${action}`, () => reporter.http.post('/reports', { ...target, reason: 'spam' }), 201);
      const item = await itemFor(target.targetId);
      await expectStatus(`claim for ${action}`, () => moderator.http.post(`/moderation/items/${item.id}/claim`), 200);
      await expectStatus(`resolve ${action}`, () => moderator.http.post(`/moderation/items/${item.id}/resolve`, { action, ...extra }), 200);
    }
    await expectStatus(
      'banned words',
      () => createAccount(testApp, 'admin').then((a) => a.http.put('/moderation/banned-words', { id: ['pungli'], en: [] })),
      200,
    );
  });

  it('mutes in a live session and suspends an account, and lifts both', async () => {
    const session = await createLiveSession(moderator);
    const guest = await createGuest(testApp, 'Pengganggu');
    await expectStatus(
      'mute',
      () => moderator.http.put(`/live-sessions/${session.id}/mutes/${guest.id}`, { minutes: 10, reason: 'Mengganggu' }),
      200,
    );
    await expectStatus('unmute', () => moderator.http.delete(`/live-sessions/${session.id}/mutes/${guest.id}`), 204);
    const citizen = await createAccount(testApp, 'citizen', 'Spammer');
    await expectStatus('suspend', () => moderator.http.put(`/users/${citizen.id}/suspension`, { reason: 'Spam berulang' }), 200);
    await expectStatus('lift suspension', () => moderator.http.delete(`/users/${citizen.id}/suspension`), 204);
    const admin = await createAccount(testApp, 'admin');
    await expectStatus('role change', () => admin.http.put(`/users/${citizen.id}/role`, { role: 'moderator' }), 200);
    await expectStatus('end session', () => moderator.http.post(`/live-sessions/${session.id}/end`), 200);
  });

  it('runs a live session: create, ask, upvote, moderate each way, vote in a poll', async () => {
    const session = await createLiveSession(moderator, { preModeration: true });
    const mod = await connectLive(testApp, moderator.token);
    const asker = await connectLive(testApp, (await createGuest(testApp, 'Penanya')).token);
    const voter = await connectLive(testApp, (await createGuest(testApp, 'Pemilih')).token);
    sockets.push(mod, asker, voter);
    for (const socket of [mod, asker, voter])
      expect((await step('join', () => emitAck(socket, 'session:join', { sessionId: session.id }))).ok).toBe(true);
    const ask = async (text: string) => {
      const ack = await step(`ask "${text}"`, () =>
        emitAck(asker, 'question:ask', { sessionId: session.id, text, clientRequestId: randomUUID() }),
      );
      if (!ack.ok) throw new Error(`ask "${text}": ${JSON.stringify(ack.error)}`);
      return ack.data.question;
    };
    const moderate = async (payload: Record<string, unknown>) => {
      const ack = await step(`moderate ${JSON.stringify(payload)}`, () => emitAck(mod, 'question:moderate', payload));
      if (!ack.ok) throw new Error(`moderate ${JSON.stringify(payload)}: ${JSON.stringify(ack.error)}`);
    };
    // Pre-moderated: a question waits on the desk, where a moderator approves or dismisses it.
    const waiting = await ask('Pertanyaan menunggu meja');
    const waitingItem = await itemFor(waiting.id);
    await expectStatus(
      'desk approve question',
      () => moderator.http.post(`/moderation/items/${waitingItem.id}/resolve`, { action: 'approve' }),
      200,
    );
    const waiting2 = await ask('Pertanyaan kedua menunggu');
    const waitingItem2 = await itemFor(waiting2.id);
    await expectStatus(
      'desk reject question',
      () => moderator.http.post(`/moderation/items/${waitingItem2.id}/resolve`, { action: 'reject', reason: 'spam' }),
      200,
    );
    const first = await ask('Kapan jalan diperbaiki?');
    const second = await ask('Kapan jalan diperbaiki ya?');
    const third = await ask('Berapa anggarannya?');
    await moderate({ questionId: first.id, action: 'approve' });
    await moderate({ questionId: second.id, action: 'approve' });
    expect((await step('upvote', () => emitAck(voter, 'question:upvote', { questionId: second.id }))).ok).toBe(true);
    expect((await step('unvote', () => emitAck(voter, 'question:unvote', { questionId: second.id }))).ok).toBe(true);
    expect((await step('upvote again', () => emitAck(voter, 'question:upvote', { questionId: second.id }))).ok).toBe(true);
    await moderate({ questionId: second.id, action: 'merge', intoQuestionId: first.id });
    await moderate({ questionId: first.id, action: 'show' });
    await moderate({ questionId: first.id, action: 'hide' });
    await moderate({ questionId: first.id, action: 'answer' });
    await moderate({ questionId: first.id, action: 'archive' });
    await moderate({ questionId: third.id, action: 'reject', reason: 'off_topic' });
    await expectStatus(
      'card question',
      () => moderator.http.post(`/live-sessions/${session.id}/questions`, { text: 'Dari kartu', source: 'card' }),
      201,
    );
    // A report on a live question goes through the desk too.
    const reported = await ask('Pertanyaan yang dilaporkan');
    await moderate({ questionId: reported.id, action: 'approve' });
    await expectStatus(
      'report question',
      () => sari.http.post('/reports', { targetType: 'question', targetId: reported.id, reason: 'spam' }),
      201,
    );
    const item = await itemFor(reported.id);
    await expectStatus('claim question item', () => moderator.http.post(`/moderation/items/${item.id}/claim`), 200);
    await expectStatus(
      'hide question',
      () => moderator.http.post(`/moderation/items/${item.id}/resolve`, { action: 'hide', reason: 'spam' }),
      200,
    );

    const poll = await expectStatus(
      'create poll',
      () => moderator.http.post('/polls', { question: 'Setuju?', options: ['Ya', 'Tidak'], liveSessionId: session.id }),
      201,
    );
    const vote = await step('poll vote (socket)', () => emitAck(voter, 'poll:vote', { pollId: poll.id, optionIds: [poll.options[0].id] }));
    expect(vote.ok).toBe(true);
    await expectStatus('poll vote (http)', () => sari.http.put(`/polls/${poll.id}/ballot`, { optionIds: [poll.options[1].id] }), 200);
    await expectStatus('close poll', () => moderator.http.post(`/polls/${poll.id}/close`), 200);
    await expectStatus('end session', () => moderator.http.post(`/live-sessions/${session.id}/end`), 200);
  });

  it('closes a consultation, summarises it, publishes and amends the decision', async () => {
    const consultation = await expectStatus(
      'create consultation',
      () => official.http.post('/consultations', { title: 'Taman Cempaka', description: 'Apa pendapat Anda?' }),
      201,
    );
    const thread = await newThread(sari, 'Pohon rindang', { kind: 'idea', consultationId: consultation.id });
    await expectStatus('support in consultation', () => official.http.put(`/threads/${thread.id}/support`), 200);
    await expectStatus('close consultation', () => official.http.post(`/consultations/${consultation.id}/close`), 200);
    await expectStatus('summary', () => official.http.get(`/consultations/${consultation.id}/summary`), 200);
    const decision = await expectStatus(
      'publish decision',
      () =>
        official.http.post(`/consultations/${consultation.id}/decision`, {
          title: 'Keputusan',
          body: 'Kota menanam 40 pohon.',
          citedThreadIds: [thread.id],
        }),
      201,
    );
    await expectStatus(
      'amend decision',
      () => official.http.post(`/decisions/${decision.id}/amendments`, { body: 'Mundur ke Maret.' }),
      201,
    );
  });

  it('changes progress and reads the notifications it sends', async () => {
    const thread = await newThread(sari, 'Trotoar rusak');
    await expectStatus('progress under_review', () => official.http.put(`/threads/${thread.id}/progress`, { state: 'under_review' }), 200);
    await expectStatus('progress accepted', () => official.http.put(`/threads/${thread.id}/progress`, { state: 'accepted' }), 200);
    await expectStatus(
      'progress done',
      () => official.http.put(`/threads/${thread.id}/progress`, { state: 'done', note: 'Sudah diperbaiki.' }),
      200,
    );
    await waitFor(async () => (await sari.http.get('/me/notifications/unread-count')).body.count > 0, 'a notification for Sari', STEP_MS);
    const list = await expectStatus('list notifications', () => sari.http.get('/me/notifications'), 200);
    await expectStatus('read one', () => sari.http.post('/me/notifications/read', { ids: [list.items[0].id] }), 200);
    const all = await expectStatus('read all', () => sari.http.post('/me/notifications/read', { all: true }), 200);
    expect(all.unread).toBe(0);
  });
});
