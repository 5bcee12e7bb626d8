import { randomUUID } from 'node:crypto';
import { LiveQuestionsService } from '@balai/live';
import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { connectLive, createLiveSession, emitAck, LiveClient, once } from './live-helpers';

describe('Live sessions over HTTP', () => {
  let testApp: TestApp;
  let moderator: TestAccount;
  let citizen: TestAccount;
  let anonymousHttp: HttpClient;

  beforeAll(async () => {
    testApp = await createTestApp();
    moderator = await createAccount(testApp, 'moderator', 'Rina Moderator');
    citizen = await createAccount(testApp, 'citizen', 'Sari');
    anonymousHttp = new HttpClient(`${testApp.url}/api/v1`);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('creates a scheduled session with a 6-character code from the safe alphabet', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 15; i++) {
      const res = await moderator.http.post('/live-sessions', { title: `Sesi ${i}`, preModeration: i % 2 === 0, allowAnonymous: false });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ title: `Sesi ${i}`, status: 'scheduled', preModeration: i % 2 === 0, allowAnonymous: false });
      expect(res.body.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
      codes.add(res.body.code);
    }
    expect(codes.size).toBe(15);
    const defaults = await moderator.http.post('/live-sessions', { title: 'Bawaan' });
    expect(defaults.body).toMatchObject({ preModeration: true, allowAnonymous: true, consultationId: null });
  });

  it('refuses citizens (403), anonymous callers (401) and bad bodies (400)', async () => {
    expect((await citizen.http.post('/live-sessions', { title: 'X' })).status).toBe(403);
    expect((await anonymousHttp.post('/live-sessions', { title: 'X' })).status).toBe(401);
    const bad = await moderator.http.post('/live-sessions', { title: '', preModeration: 'yes', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['title', 'preModeration', 'extra']));
    const missingConsultation = await moderator.http.post('/live-sessions', { title: 'X', consultationId: randomUUID() });
    expect(missingConsultation.status).toBe(404);
  });

  it('starts, ends, finds by code, and refuses a restart (409)', async () => {
    const created = await moderator.http.post('/live-sessions', { title: 'Rapat RW 05' });
    const { id, code } = created.body;
    expect((await citizen.http.post(`/live-sessions/${id}/start`)).status).toBe(403);
    const started = await moderator.http.post(`/live-sessions/${id}/start`);
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('live');
    const found = await anonymousHttp.get(`/live-sessions/by-code/${code.toLowerCase()}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id, code, status: 'live' });
    expect((await anonymousHttp.get('/live-sessions/by-code/AAAAAA')).status).toBe(404);
    expect((await anonymousHttp.get(`/live-sessions/not-a-uuid/questions`)).status).toBe(400);
    const ended = await moderator.http.post(`/live-sessions/${id}/end`);
    expect(ended.body.status).toBe('ended');
    expect(ended.body.endedAt).toEqual(expect.any(String));
    const restart = await moderator.http.post(`/live-sessions/${id}/start`);
    expect(restart.status).toBe(409);
    expect(restart.body.code).toBe('session_status');
    expect((await moderator.http.post(`/live-sessions/${randomUUID()}/end`)).status).toBe(404);
  });

  describe('questions list', () => {
    let session: any;
    let guest: TestAccount;
    let socket: LiveClient;
    let modSocket: LiveClient;

    beforeAll(async () => {
      session = await createLiveSession(moderator, { preModeration: true });
      guest = await createGuest(testApp, 'Pak Joko');
      socket = await connectLive(testApp, guest.token);
      modSocket = await connectLive(testApp, moderator.token);
      const ids: string[] = [];
      for (const text of ['Kapan taman dibuka?', 'Apakah ada toilet umum?', 'Siapa yang merawat pohon?', 'Pertanyaan kasar']) {
        const ack = await emitAck(socket, 'question:ask', { sessionId: session.id, text, clientRequestId: randomUUID() });
        expect(ack.ok).toBe(true);
        ids.push(ack.data.question.id);
      }
      for (const id of ids.slice(0, 3)) {
        expect((await emitAck(modSocket, 'question:moderate', { questionId: id, action: 'approve' })).ok).toBe(true);
      }
      expect((await emitAck(modSocket, 'question:moderate', { questionId: ids[3], action: 'reject', reason: 'kasar' })).ok).toBe(true);
      const voters = await Promise.all([createGuest(testApp, 'A'), createGuest(testApp, 'B')]);
      for (const voter of voters) {
        const client = await connectLive(testApp, voter.token);
        expect((await emitAck(client, 'question:upvote', { questionId: ids[1] })).ok).toBe(true);
        client.close();
      }
    });

    afterAll(() => {
      socket?.close();
      modSocket?.close();
    });

    it('shows public questions to everyone, top first, and paginates', async () => {
      const top = await anonymousHttp.get(`/live-sessions/${session.id}/questions?sort=top&limit=2`);
      expect(top.status).toBe(200);
      expect(top.body.items).toHaveLength(2);
      expect(top.body.items[0]).toMatchObject({
        text: 'Apakah ada toilet umum?',
        upvotes: 2,
        status: 'approved',
        author: { displayName: 'Pak Joko' },
      });
      expect(top.body.items[0].author.id).toBeUndefined();
      const next = await anonymousHttp.get(`/live-sessions/${session.id}/questions?sort=top&limit=2&cursor=${top.body.nextCursor}`);
      expect(next.body.items).toHaveLength(1);
      expect(next.body.nextCursor).toBeNull();
      const recent = await citizen.http.get(`/live-sessions/${session.id}/questions?sort=recent`);
      expect(recent.body.items.map((q: { text: string }) => q.text)).toEqual([
        'Siapa yang merawat pohon?',
        'Apakah ada toilet umum?',
        'Kapan taman dibuka?',
      ]);
    });

    it('shows pending and rejected questions to moderators only', async () => {
      expect((await citizen.http.get(`/live-sessions/${session.id}/questions?status=rejected`)).status).toBe(403);
      expect((await anonymousHttp.get(`/live-sessions/${session.id}/questions?status=pending`)).status).toBe(403);
      const rejected = await moderator.http.get(`/live-sessions/${session.id}/questions?status=rejected`);
      expect(rejected.status).toBe(200);
      expect(rejected.body.items).toHaveLength(1);
      expect(rejected.body.items[0]).toMatchObject({ text: 'Pertanyaan kasar', status: 'rejected', rejectionReason: 'kasar' });
      const all = await moderator.http.get(`/live-sessions/${session.id}/questions`);
      expect(all.body.items).toHaveLength(4);
      expect((await anonymousHttp.get(`/live-sessions/${session.id}/questions?sort=best`)).status).toBe(400);
      expect((await anonymousHttp.get(`/live-sessions/${session.id}/questions?cursor=garbage`)).status).toBe(400);
    });
  });

  it('moderates over HTTP and broadcasts it like the socket event', async () => {
    const session = await createLiveSession(moderator, { preModeration: true });
    const author = await connectLive(testApp, (await createGuest(testApp, 'Penanya HTTP')).token);
    const watcher = await connectLive(testApp, (await createGuest(testApp, 'Penonton HTTP')).token);
    await emitAck(watcher, 'session:join', { sessionId: session.id });
    const asked = await emitAck(author, 'question:ask', { sessionId: session.id, text: 'Lewat HTTP?', clientRequestId: randomUUID() });
    const published = once(watcher, 'question:new');
    expect((await citizen.http.post(`/live-questions/${asked.data.question.id}/moderate`, { action: 'approve' })).status).toBe(403);
    const res = await moderator.http.post(`/live-questions/${asked.data.question.id}/moderate`, { action: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect((await published).question.id).toBe(asked.data.question.id);
    expect((await moderator.http.post(`/live-questions/${asked.data.question.id}/moderate`, { action: 'dance' })).status).toBe(400);
    author.close();
    watcher.close();
  });

  it('takes no more questions or upvotes once its consultation is closed', async () => {
    const official = await createAccount(testApp, 'official');
    const consultation = await official.http.post('/consultations', { title: 'Taman Kota Cempaka', description: 'Rencana taman' });
    expect(consultation.status).toBe(201);
    const session = await createLiveSession(moderator, { consultationId: consultation.body.id, preModeration: false });
    expect(session.consultationId).toBe(consultation.body.id);
    const socket = await connectLive(testApp, (await createGuest(testApp, 'Warga Cempaka')).token);
    const question = (
      await emitAck(socket, 'question:ask', { sessionId: session.id, text: 'Sebelum ditutup', clientRequestId: randomUUID() })
    ).data.question;
    // Closing belongs to the consultations domain (POST /consultations/:id/close); set the state it leaves directly.
    await testApp.database!.query(`update consultations set status = 'closed' where id = $1`, [consultation.body.id]);
    expect(
      (await emitAck(socket, 'question:ask', { sessionId: session.id, text: 'Sesudah', clientRequestId: randomUUID() })).error.code,
    ).toBe('conflict');
    expect((await emitAck(socket, 'question:upvote', { questionId: question.id })).error.code).toBe('conflict');
    socket.close();
    // What the consultation's summary can show of its live Q&A.
    expect(await testApp.app.get(LiveQuestionsService).consultationSummary(consultation.body.id)).toEqual({
      questions: 1,
      upvotes: 0,
      topQuestions: [{ id: question.id, text: 'Sebelum ditutup', upvotes: 0 }],
    });
  });

  describe('sessions list', () => {
    let consultationId: string;
    let sessions: Record<'a' | 'b' | 'c', { id: string; code: string }>;
    const titles = (body: { items: { title: string }[] }) => body.items.map((session) => session.title);

    beforeAll(async () => {
      const official = await createAccount(testApp, 'official');
      const consultation = await official.http.post('/consultations', { title: 'Pasar Baru', description: 'Renovasi pasar' });
      expect(consultation.status).toBe(201);
      consultationId = consultation.body.id;
      const make = async (title: string) => {
        const created = await moderator.http.post('/live-sessions', { title, consultationId });
        expect(created.status).toBe(201);
        return created.body;
      };
      sessions = { a: await make('Sesi A'), b: await make('Sesi B'), c: await make('Sesi C') };
      for (const session of [sessions.a, sessions.c])
        expect((await moderator.http.post(`/live-sessions/${session.id}/start`)).status).toBe(200);
    });

    it('lists sessions to anyone, newest first, filtered by consultation and status, as session views', async () => {
      const all = await anonymousHttp.get(`/live-sessions?consultationId=${consultationId}`);
      expect(all.status).toBe(200);
      expect(titles(all.body)).toEqual(['Sesi C', 'Sesi B', 'Sesi A']);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items[0]).toEqual({
        id: sessions.c.id,
        code: sessions.c.code,
        title: 'Sesi C',
        status: 'live',
        preModeration: true,
        allowAnonymous: true,
        consultationId,
        onScreenQuestionId: null,
        createdAt: expect.any(String),
        startedAt: expect.any(String),
        endedAt: null,
      });
      const live = await anonymousHttp.get(`/live-sessions?consultationId=${consultationId}&status=live`);
      expect(titles(live.body)).toEqual(['Sesi C', 'Sesi A']);
      const scheduled = await citizen.http.get(`/live-sessions?consultationId=${consultationId}&status=scheduled`);
      expect(titles(scheduled.body)).toEqual(['Sesi B']);
      // Without a consultation: every session live now, here and elsewhere, and none that is not.
      const liveEverywhere = await anonymousHttp.get('/live-sessions?status=live&limit=100');
      const ids = liveEverywhere.body.items.map((session: { id: string }) => session.id);
      expect(ids).toEqual(expect.arrayContaining([sessions.a.id, sessions.c.id]));
      expect(ids).not.toContain(sessions.b.id);
      expect(liveEverywhere.body.items.every((session: { status: string }) => session.status === 'live')).toBe(true);
    });

    it('pages with a keyset cursor, and an ended session leaves the live list', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const path: string = `/live-sessions?consultationId=${consultationId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await anonymousHttp.get(path);
        expect(page.status).toBe(200);
        expect(page.body.items).toHaveLength(1);
        seen.push(...titles(page.body));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 5);
      expect(seen).toEqual(['Sesi C', 'Sesi B', 'Sesi A']);
      expect(cursor).toBeNull();

      expect((await moderator.http.post(`/live-sessions/${sessions.a.id}/end`)).status).toBe(200);
      const live = await anonymousHttp.get(`/live-sessions?consultationId=${consultationId}&status=live`);
      expect(titles(live.body)).toEqual(['Sesi C']);
      const ended = await anonymousHttp.get(`/live-sessions?consultationId=${consultationId}&status=ended`);
      expect(titles(ended.body)).toEqual(['Sesi A']);
    });

    it('refuses a bad status, consultation, limit, cursor or unknown parameter (400)', async () => {
      const foreignCursor = Buffer.from(JSON.stringify(['not-a-uuid'])).toString('base64url');
      for (const query of [
        'status=open',
        'consultationId=nope',
        'limit=0',
        'limit=101',
        'cursor=garbage',
        `cursor=${foreignCursor}`,
        'sort=top',
      ]) {
        const res = await anonymousHttp.get(`/live-sessions?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
      const bad = await anonymousHttp.get(`/live-sessions?cursor=${foreignCursor}`);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });
  });

  it('serves the AsyncAPI document beside OpenAPI', async () => {
    const res = await fetch(`${testApp.url}/api/docs/asyncapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as any;
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.channels.live.messages).map((m: any) => m.name)).toEqual(
      expect.arrayContaining(['session:join', 'question:ask', 'question:votes', 'poll:results', 'moderation:item']),
    );
    const openapi = (await (await fetch(`${testApp.url}/api/docs-json`)).json()) as any;
    expect(openapi.info.description).toContain('/api/docs/asyncapi.json');
    expect(openapi.paths).toHaveProperty('/api/v1/live-sessions/{id}/questions');
    expect(openapi.paths['/api/v1/live-sessions'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'consultationId', 'limit', 'cursor']),
    );
  });
});
