import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { ConsultationCreatedEvent, ConsultationsService } from '@balai/consultations';
import { HttpClient } from '@balai/testing';
import { createAccount, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { connectLive, createLiveSession, emitAck, waitFor } from './live-helpers';

describe('consultations (PostgreSQL)', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let official: TestAccount;
  let citizen: TestAccount;

  beforeAll(async () => {
    testApp = await createTestApp();
    http = new HttpClient(`${testApp.url}/api/v1`);
    official = await createAccount(testApp, 'official');
    citizen = await createAccount(testApp, 'citizen');
  });
  afterAll(() => testApp.close());

  it('lets an official create an open consultation with zero counts', async () => {
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await official.http.post('/consultations', {
      title: '  Desain Taman Kota Cempaka ',
      description: '# Taman\n\nApa yang *Anda* inginkan?',
      closesAt,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: 'Desain Taman Kota Cempaka',
      description: '# Taman\n\nApa yang *Anda* inginkan?',
      status: 'open',
      createdAt: expect.any(String),
      closesAt,
      acceptsInput: true,
      counts: { threads: 0, posts: 0, polls: 0, liveSessions: 0, participants: 0 },
    });
    const got = await http.get(`/consultations/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('announces consultation.created once it committed, and nothing for a refused one', async () => {
    const heard: ConsultationCreatedEvent[] = [];
    const listener = (event: ConsultationCreatedEvent) => heard.push(event);
    const emitter = testApp.app.get(EventEmitter2);
    emitter.on('consultation.created', listener);
    try {
      const closesAt = new Date(Date.now() + 86_400_000).toISOString();
      const res = await official.http.post('/consultations', { title: 'Ruang terbuka hijau', description: '', closesAt });
      expect((await official.http.post('/consultations', { title: 'ab', description: '' })).status).toBe(400);
      expect(heard).toEqual([
        {
          consultationId: res.body.id,
          title: 'Ruang terbuka hijau',
          createdBy: official.id,
          createdAt: expect.any(Date),
          closesAt: new Date(closesAt),
        },
      ]);
    } finally {
      emitter.off('consultation.created', listener);
    }
  });

  it('accepts no closesAt (null)', async () => {
    const res = await official.http.post('/consultations', { title: 'Kawasan Budaya Kota Lama', description: '' });
    expect(res.status).toBe(201);
    expect(res.body.closesAt).toBeNull();
  });

  it('refuses citizens (403) and anonymous callers (401)', async () => {
    expect((await citizen.http.post('/consultations', { title: 'Judul', description: 'x' })).status).toBe(403);
    expect((await http.post('/consultations', { title: 'Judul', description: 'x' })).status).toBe(401);
  });

  it('names every bad field: title limits, description limit, closesAt format and past, unknown fields', async () => {
    const res = await official.http.post('/consultations', {
      title: 'ab',
      description: 'x'.repeat(20_001),
      closesAt: 'besok',
      owner: 'me',
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(new Set(fields)).toEqual(new Set(['title', 'description', 'closesAt', 'owner']));
    expect((await official.http.post('/consultations', { title: 'x'.repeat(201), description: '' })).status).toBe(400);
    const past = await official.http.post('/consultations', { title: 'Judul', description: '', closesAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ field: 'closesAt', message: expect.any(String) }]);
    const missing = await official.http.post('/consultations', {});
    expect(new Set(missing.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['title', 'description']));
  });

  it('answers a non-UUID id with 400 and an unknown one with 404', async () => {
    const bad = await http.get('/consultations/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    const unknown = await http.get('/consultations/0190a0a0-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('consultation_not_found');
  });

  it('lists newest first with a keyset cursor and filters by status', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await official.http.post('/consultations', { title: `Konsultasi ${i}`, description: '' })).body.id);
    }
    const first = await http.get('/consultations?limit=3&status=open');
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual(created.slice(2).reverse());
    expect(first.body.items[0].counts).toEqual({ threads: 0, posts: 0, polls: 0, liveSessions: 0, participants: 0 });
    const second = await http.get(`/consultations?limit=3&status=open&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { id: string }) => c.id).slice(0, 2)).toEqual(created.slice(0, 2).reverse());
    expect((await http.get('/consultations?status=closed')).body).toEqual({ items: [], nextCursor: null });
  });

  it('rejects bad list parameters with 400', async () => {
    for (const query of ['status=draft', 'status=nope', 'limit=0', 'limit=101', 'cursor=zzz', 'sort=top']) {
      const res = await http.get(`/consultations?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
  });

  it('assertAcceptingInput: 404 for unknown, conflict when closed or past closesAt', async () => {
    const service = testApp.app.get(ConsultationsService);
    const orm = testApp.app.get(MikroORM);
    const assertAccepting = (id: string) => RequestContext.create(orm.em, () => service.assertAcceptingInput(id));
    await expect(assertAccepting('0190a0a0-0000-7000-8000-000000000000')).rejects.toMatchObject({
      kind: 'not_found',
      code: 'consultation_not_found',
    });
    const soon = await official.http.post('/consultations', {
      title: 'Segera ditutup',
      description: '',
      closesAt: new Date(Date.now() + 1500).toISOString(),
    });
    await expect(assertAccepting(soon.body.id)).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await expect(assertAccepting(soon.body.id)).rejects.toMatchObject({ kind: 'conflict', code: 'consultation_not_open' });

    const other = await official.http.post('/consultations', { title: 'Sudah ditutup', description: '' });
    await expect(assertAccepting(other.body.id)).resolves.toBeUndefined();
    await testApp.database!.query(`update consultations set status = 'closed' where id = $1`, [other.body.id]);
    await expect(assertAccepting(other.body.id)).rejects.toMatchObject({ kind: 'conflict', code: 'consultation_not_open' });
    const listed = await http.get('/consultations?status=closed');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([other.body.id]);
  });

  it('says whether a consultation takes input: false once closed or past its closing time, true while open', async () => {
    const acceptsInput = async (id: string) => {
      const got = await http.get(`/consultations/${id}`);
      const listed = (await http.get('/consultations?limit=100')).body.items.find((c: { id: string }) => c.id === id);
      expect(listed.acceptsInput).toBe(got.body.acceptsInput);
      return { status: got.body.status, acceptsInput: got.body.acceptsInput };
    };
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    const lapsing = (await official.http.post('/consultations', { title: 'Jadwal bus sekolah', description: '', closesAt })).body.id;
    const closing = (await official.http.post('/consultations', { title: 'Trotoar Jalan Merdeka', description: '' })).body.id;
    expect(await acceptsInput(lapsing)).toEqual({ status: 'open', acceptsInput: true });
    expect(await acceptsInput(closing)).toEqual({ status: 'open', acceptsInput: true });

    await testApp.database!.query(`update consultations set closes_at = now() - interval '1 minute' where id = $1`, [lapsing]);
    await testApp.database!.query(`update consultations set status = 'closed' where id = $1`, [closing]);
    expect(await acceptsInput(lapsing)).toEqual({ status: 'open', acceptsInput: false });
    expect(await acceptsInput(closing)).toEqual({ status: 'closed', acceptsInput: false });
  });

  it('counts a participant once across forum, polls and live sessions', async () => {
    const moderator = await createAccount(testApp, 'moderator', 'Rina');
    const sari = await createAccount(testApp, 'citizen', 'Sari');
    const budi = await createAccount(testApp, 'citizen', 'Budi');
    const ani = await createAccount(testApp, 'citizen', 'Ani');
    const consultationId = (await official.http.post('/consultations', { title: 'Pasar Baru', description: '' })).body.id;
    const participants = async () => (await http.get(`/consultations/${consultationId}`)).body.counts.participants;

    // Sari takes part in every way the forum offers: a thread, a post and a support.
    const thread = await sari.http.post('/threads', {
      title: 'Atap pasar bocor',
      body: 'Perlu diperbaiki.',
      kind: 'complaint',
      consultationId,
    });
    expect(thread.status).toBe(201);
    expect((await sari.http.post(`/threads/${thread.body.id}/posts`, { body: 'Sudah sebulan.' })).status).toBe(201);
    expect((await sari.http.put(`/threads/${thread.body.id}/support`)).status).toBe(200);
    expect(await participants()).toBe(1);

    // A ballot from Sari again and one from Budi.
    const poll = await moderator.http.post('/polls', { question: 'Hari pasar?', options: ['Sabtu', 'Minggu'], consultationId });
    expect(poll.status).toBe(201);
    for (const voter of [sari, budi]) {
      expect((await voter.http.put(`/polls/${poll.body.id}/ballot`, { optionIds: [poll.body.options[0].id] })).status).toBe(200);
    }
    expect(await participants()).toBe(2);

    // In a live session of the consultation: Sari asks, Budi upvotes, Ani (new) asks.
    const session = await createLiveSession(moderator, { consultationId, preModeration: false });
    const sockets = await Promise.all([sari, budi, ani].map((account) => connectLive(testApp, account.token)));
    try {
      const [sariSocket, budiSocket, aniSocket] = sockets as [(typeof sockets)[0], (typeof sockets)[0], (typeof sockets)[0]];
      for (const socket of sockets) expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
      const ask = (socket: typeof sariSocket, text: string) =>
        emitAck(socket, 'question:ask', { sessionId: session.id, text, clientRequestId: randomUUID() });
      const asked = await ask(sariSocket, 'Kapan atap diperbaiki?');
      expect(asked.ok).toBe(true);
      expect((await emitAck(budiSocket, 'question:upvote', { questionId: asked.data.question.id })).ok).toBe(true);
      expect((await ask(aniSocket, 'Bagaimana dengan parkir?')).ok).toBe(true);
    } finally {
      for (const socket of sockets) socket.close();
    }
    await waitFor(async () => (await participants()) === 3, 'three participants');
    const rows = await testApp.database!.query<{ user_id: string }>(
      'select user_id from consultation_participants where consultation_id = $1 order by user_id',
      [consultationId],
    );
    expect(rows.map((row) => row.user_id)).toEqual([sari.id, budi.id, ani.id].sort());
    const counts = (await http.get(`/consultations/${consultationId}`)).body.counts;
    expect(counts).toEqual({ threads: 1, posts: 1, polls: 1, liveSessions: 1, participants: 3 });
  });
});
