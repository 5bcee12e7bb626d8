import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { io } from 'socket.io-client';
import { TEST_JWT_SECRET } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { VoteCommitter } from '@balai/live';
import { RealtimeHub, sessionShardRooms, supersedingSendStats } from '@balai/realtime';
import { collect, connectLive, createLiveSession, emitAck, LiveClient, once, waitFor } from './live-helpers';

describe('Live gateway (/live)', () => {
  let testApp: TestApp;
  let moderator: TestAccount;
  let guest: TestAccount;
  const sockets: LiveClient[] = [];
  const connect = async (token: string) => {
    const socket = await connectLive(testApp, token);
    sockets.push(socket);
    return socket;
  };
  /** A new participant: each may ask 5 questions a minute per session. */
  const freshAsker = async (name = 'Penanya') => connect((await createGuest(testApp, name)).token);
  const ask = (socket: LiveClient, sessionId: string, text: string, extra: Record<string, unknown> = {}) =>
    emitAck(socket, 'question:ask', { sessionId, text, clientRequestId: randomUUID(), ...extra });

  beforeAll(async () => {
    testApp = await createTestApp();
    moderator = await createAccount(testApp, 'moderator', 'Rina Moderator');
    guest = await createGuest(testApp, 'Bu Ani');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp?.close();
  });

  describe('handshake', () => {
    it('refuses a missing or bad token with connect_error "unauthorized"', async () => {
      await expect(connectLive(testApp, undefined)).rejects.toThrow('unauthorized');
      await expect(connectLive(testApp, 'not.a.token')).rejects.toThrow('unauthorized');
      const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-to-sign!!' }).sign({
        sub: 'x',
        role: 'admin',
        name: 'x',
      });
      await expect(connectLive(testApp, forged)).rejects.toThrow('unauthorized');
    });

    it('refuses a browser from a foreign origin and lets in clients without Origin', async () => {
      await expect(connectLive(testApp, guest.token, { extraHeaders: { origin: 'https://evil.example' } })).rejects.toThrow();
      const same = await connectLive(testApp, guest.token, { extraHeaders: { origin: testApp.url } });
      expect(same.connected).toBe(true);
      same.close();
    });
  });

  describe('a session without pre-moderation', () => {
    let session: any;
    let asker: LiveClient;
    let listener: LiveClient;
    let watchingModerator: LiveClient;

    beforeAll(async () => {
      session = await createLiveSession(moderator, { preModeration: false, allowAnonymous: true });
      watchingModerator = await connect(moderator.token);
      expect((await emitAck(watchingModerator, 'session:join', { sessionId: session.id })).ok).toBe(true);
      asker = await connect(guest.token);
      listener = await connect((await createGuest(testApp, 'Pak Budi')).token);
      expect((await emitAck(listener, 'session:join', { code: session.code })).ok).toBe(true);
    });

    it('joins by code or id and gets the full state', async () => {
      const byCode = await emitAck(asker, 'session:join', { code: session.code.toLowerCase() });
      expect(byCode.ok).toBe(true);
      expect(byCode.data).toMatchObject({
        session: { id: session.id, code: session.code, status: 'live' },
        questions: [],
        myUpvotes: [],
        onScreen: null,
        polls: [],
      });
      const byId = await emitAck(asker, 'session:join', { sessionId: session.id });
      expect(byId.data.session.id).toBe(session.id);
      const unknown = await emitAck(asker, 'session:join', { sessionId: randomUUID() });
      expect(unknown).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found', message: expect.any(String) }) });
      const badCode = await emitAck(asker, 'session:join', { code: 'OOOOOO' });
      expect(badCode.error.code).toBe('validation');
    });

    it('publishes a question at once, anonymously without the author', async () => {
      const seen = once(listener, 'question:new');
      const moderatorNews = collect(watchingModerator, 'question:new');
      const ack = await ask(asker, session.id, 'Apakah taman buka malam hari?', { anonymous: true });
      expect(ack.ok).toBe(true);
      expect(ack.data.question).toMatchObject({ status: 'approved', anonymous: true, upvotes: 0, onScreen: false });
      const event = await seen;
      expect(event.question).toMatchObject({ id: ack.data.question.id, text: 'Apakah taman buka malam hari?', author: null });
      // Moderators see who asked, once (not the public copy as well).
      await waitFor(() => moderatorNews.length > 0, 'the moderator hears of the question');
      expect(moderatorNews[0].question.author).toMatchObject({ displayName: 'Bu Ani' });
      await ask(await freshAsker(), session.id, 'Penanda untuk moderator');
      await waitFor(() => moderatorNews.length > 1, 'the marker question');
      expect(moderatorNews.map((n) => n.question.id).filter((id) => id === ack.data.question.id)).toHaveLength(1);
      const forModerator = await moderator.http.get(`/live-sessions/${session.id}/questions`);
      expect(forModerator.body.items[0].author).toMatchObject({ displayName: 'Bu Ani', id: guest.id });
    });

    it('returns the same question for the same clientRequestId, even when raced', async () => {
      const clientRequestId = randomUUID();
      const payload = { sessionId: session.id, text: 'Berapa anggarannya?', clientRequestId };
      const acks = await Promise.all([emitAck(asker, 'question:ask', payload), emitAck(asker, 'question:ask', payload)]);
      const again = await emitAck(asker, 'question:ask', payload);
      expect(acks.every((a) => a.ok)).toBe(true);
      expect(new Set([...acks, again].map((a) => a.data.question.id)).size).toBe(1);
      const list = await moderator.http.get(`/live-sessions/${session.id}/questions?limit=100`);
      expect(list.body.items.filter((q: { text: string }) => q.text === 'Berapa anggarannya?')).toHaveLength(1);
    });

    it('upvotes idempotently; unvote takes it back; join lists myUpvotes', async () => {
      const question = (await ask(asker, session.id, 'Ada parkir sepeda?')).data.question;
      const votes = collect(listener, 'question:votes');
      expect(await emitAck(asker, 'question:upvote', { questionId: question.id })).toEqual({
        ok: true,
        data: { questionId: question.id, upvoted: true },
      });
      expect((await emitAck(asker, 'question:upvote', { questionId: question.id })).data.upvoted).toBe(true);
      await waitFor(() => votes.some((v) => v.counts[question.id] === 1), 'question:votes with 1');
      expect(votes.every((v) => v.sessionId === session.id)).toBe(true);
      const joined = await emitAck(asker, 'session:join', { sessionId: session.id });
      expect(joined.data.myUpvotes).toContain(question.id);
      expect(joined.data.questions.find((q: { id: string }) => q.id === question.id).upvotes).toBe(1);
      expect(await emitAck(asker, 'question:unvote', { questionId: question.id })).toEqual({
        ok: true,
        data: { questionId: question.id, upvoted: false },
      });
      expect((await emitAck(asker, 'question:unvote', { questionId: question.id })).ok).toBe(true);
      await waitFor(() => votes.some((v) => v.counts[question.id] === 0), 'question:votes with 0');
      expect((await emitAck(asker, 'session:join', { sessionId: session.id })).data.myUpvotes).not.toContain(question.id);
      expect((await emitAck(asker, 'question:upvote', { questionId: randomUUID() })).error.code).toBe('not_found');
    });

    it('counts no vote the group commit must refuse: pending and archived questions, a closed consultation', async () => {
      const official = await createAccount(testApp, 'official', 'Pak Camat');
      const consultation = (await official.http.post('/consultations', { title: 'Pasar Malam', description: 'Penataan pasar malam' })).body;
      const held = await createLiveSession(moderator, { consultationId: consultation.id, preModeration: true });
      const voter = await freshAsker('Pemilih Pasar Malam');
      const mod = await connect(moderator.token);
      await emitAck(voter, 'session:join', { sessionId: held.id });
      const pending = (await ask(voter, held.id, 'Masih menunggu moderator')).data.question;
      expect((await emitAck(voter, 'question:upvote', { questionId: pending.id })).error.code).toBe('not_found');
      const open = (await ask(voter, held.id, 'Kapan pasar dibuka?')).data.question;
      const archived = (await ask(voter, held.id, 'Sudah dijawab')).data.question;
      await emitAck(mod, 'question:moderate', { questionId: open.id, action: 'approve' });
      await emitAck(mod, 'question:moderate', { questionId: archived.id, action: 'approve' });
      expect((await emitAck(voter, 'question:upvote', { questionId: archived.id })).ok).toBe(true);
      await emitAck(mod, 'question:moderate', { questionId: archived.id, action: 'archive' });
      expect((await emitAck(voter, 'question:unvote', { questionId: archived.id })).ok).toBe(true); // taking a vote back is fine
      expect((await emitAck(voter, 'question:upvote', { questionId: archived.id })).error.code).toBe('conflict');
      // Closing belongs to the decisions domain; set the state it leaves directly.
      await testApp.database!.query(`update consultations set closes_at = now() - interval '1 second' where id = $1`, [consultation.id]);
      const refused = await emitAck(voter, 'question:upvote', { questionId: open.id });
      expect(refused.error).toMatchObject({ code: 'conflict', detail: 'consultation_not_open' });
      const counts = await testApp.database!.query<{ id: string; upvotes: number }>(
        'select id, upvotes from live_questions where id = any($1::uuid[]) order by id',
        [[pending.id, open.id, archived.id]],
      );
      expect(counts.map((row) => row.upvotes)).toEqual([0, 0, 0]);
      expect(
        await testApp.database!.query('select 1 from live_upvotes where user_id = (select id from users where display_name = $1)', [
          'Pemilih Pasar Malam',
        ]),
      ).toEqual([]);
    });

    it('keeps one upvote per participant under 50 parallel upvotes, and exactly 100 from 100 participants', async () => {
      const question = (await ask(await freshAsker(), session.id, 'Apakah ada lampu jalan?')).data.question;
      const voter = await connect((await createGuest(testApp, 'Pemilih')).token);
      const acks = await Promise.all(Array.from({ length: 50 }, () => emitAck(voter, 'question:upvote', { questionId: question.id })));
      expect(acks.every((a) => a.ok && a.data.upvoted)).toBe(true);
      const one = await testApp.database!.query<{ n: string }>('select count(*) as n from live_upvotes where question_id = $1', [
        question.id,
      ]);
      expect(Number(one[0].n)).toBe(1);

      const other = (await ask(await freshAsker(), session.id, 'Kapan pembangunan dimulai?')).data.question;
      const votes = collect(listener, 'question:votes');
      const guests = await Promise.all(Array.from({ length: 100 }, (_, i) => createGuest(testApp, `Warga ${i}`)));
      const clients = await Promise.all(guests.map((g) => connect(g.token)));
      const storm = await Promise.all(clients.map((c) => emitAck(c, 'question:upvote', { questionId: other.id })));
      expect(storm.every((a) => a.ok)).toBe(true);
      const rows = await testApp.database!.query<{ n: string; upvotes: number }>(
        'select (select count(*) from live_upvotes where question_id = $1) as n, upvotes from live_questions where id = $1',
        [other.id],
      );
      expect(Number(rows[0].n)).toBe(100);
      expect(rows[0].upvotes).toBe(100);
      await waitFor(() => votes.some((v) => v.counts[other.id] === 100), 'question:votes with 100');
      // Coalesced: far fewer messages than votes.
      expect(votes.filter((v) => other.id in v.counts).length).toBeLessThan(25);
      const committer = testApp.app.get(VoteCommitter);
      expect(committer.stats.batches).toBeLessThan(committer.stats.votes);
      for (const client of clients) client.close();
    });

    it('answers bad input with error acks and keeps the connection', async () => {
      const socket = await connect(guest.token);
      expect((await emitAck(socket, 'question:ask', 'just a string')).error.code).toBe('validation');
      expect((await emitAck(socket, 'question:ask', undefined)).error.code).toBe('validation');
      expect((await emitAck(socket, 'question:ask', [1, 2])).error.code).toBe('validation');
      const wrongTypes = await emitAck(socket, 'question:ask', {
        sessionId: 42,
        text: ['x'],
        clientRequestId: {},
        anonymous: 'yes',
        extra: 1,
      });
      expect(wrongTypes.ok).toBe(false);
      expect(wrongTypes.error.code).toBe('validation');
      expect(wrongTypes.error.fields.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['sessionId', 'text', 'clientRequestId', 'anonymous', 'extra']),
      );
      const tooLong = await ask(socket, session.id, 'x'.repeat(501));
      expect(tooLong.error.code).toBe('validation');
      const huge = await ask(socket, session.id, 'y'.repeat(15_000));
      expect(huge.error.code).toBe('validation');
      expect((await emitAck(socket, 'question:upvote', { questionId: 'nope' })).error.code).toBe('validation');
      expect((await emitAck(socket, 'question:ask', { sessionId: randomUUID(), text: 'Halo', clientRequestId: 'a' })).error.code).toBe(
        'not_found',
      );
      // Unknown events: answered when an ack is given, ignored otherwise; missing acks are fine.
      expect(await emitAck(socket, 'no:such:event', { a: 1 })).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'validation' }),
      });
      socket.emit('no:such:event', { a: 1 });
      socket.emit('question:upvote', { questionId: 'bad' });
      socket.emit('question:ask', { sessionId: session.id, text: 'tanpa ack', clientRequestId: randomUUID() });
      expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
      expect(socket.connected).toBe(true);
    });

    it('answers a message over 16 KB with an error ack and keeps the connection', async () => {
      const socket = await freshAsker('Pengirim Pesan Panjang');
      const dropped = collect(socket, 'disconnect');
      const clientRequestId = randomUUID();
      const tooLarge = await emitAck(socket, 'question:ask', { sessionId: session.id, text: 'z'.repeat(20 * 1024), clientRequestId });
      expect(tooLarge).toMatchObject({ ok: false, error: { code: 'validation', detail: 'payload_too_large' } });
      // Multi-byte text counts in bytes: 6,000 "é" are 12,000 bytes, under the limit; 9,000 are over it.
      expect(
        (await emitAck(socket, 'question:ask', { sessionId: session.id, text: 'é'.repeat(9_000), clientRequestId })).error.detail,
      ).toBe('payload_too_large');
      expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
      const small = await emitAck(socket, 'question:ask', { sessionId: session.id, text: 'é'.repeat(400), clientRequestId });
      expect(small.ok).toBe(true);
      expect(dropped).toEqual([]);
      expect(socket.connected).toBe(true);
    });

    it('refuses anonymous questions where not allowed and limits questions to 5 a minute', async () => {
      const strict = await createLiveSession(moderator, { preModeration: false, allowAnonymous: false });
      const socket = await connect((await createGuest(testApp, 'Cepat')).token);
      const anonymous = await ask(socket, strict.id, 'Rahasia', { anonymous: true });
      expect(anonymous.error.code).toBe('validation');
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await ask(socket, strict.id, `Pertanyaan ${i}`));
      expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
      expect(results[5].error.code).toBe('rate_limited');
    });

    it('limits upvotes to 60 a minute per participant', async () => {
      const question = (await ask(await freshAsker(), session.id, 'Berapa kali boleh memilih?')).data.question;
      const voter = await freshAsker('Rajin');
      const acks = [];
      for (let i = 0; i < 61; i++)
        acks.push(await emitAck(voter, i % 2 ? 'question:unvote' : 'question:upvote', { questionId: question.id }));
      expect(acks.slice(0, 60).every((a) => a.ok)).toBe(true);
      expect(acks[60].error.code).toBe('rate_limited');
    });

    it('answers an expired token mid-session with unauthorized', async () => {
      const shortLived = new JwtService({ secret: TEST_JWT_SECRET }).sign(
        { sub: guest.id, role: 'guest', name: 'Bu Ani' },
        { expiresIn: 1 },
      );
      const socket = await connect(shortLived);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const ack = await emitAck(socket, 'session:join', { sessionId: session.id });
      expect(ack.error.code).toBe('unauthorized');
      expect(socket.connected).toBe(true);
    });
  });

  describe('moderation', () => {
    let session: any;
    let author: LiveClient;
    let bystander: LiveClient;
    let mod: LiveClient;

    beforeAll(async () => {
      session = await createLiveSession(moderator, { preModeration: true });
      author = await connect(guest.token);
      bystander = await connect((await createGuest(testApp, 'Penonton')).token);
      mod = await connect(moderator.token);
      for (const socket of [author, bystander, mod])
        expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
    });

    it('holds questions for moderators, tells moderators, publishes on approve', async () => {
      const items = once(mod, 'moderation:item');
      const bystanderNew = collect(bystander, 'question:new');
      const asked = await ask(author, session.id, 'Apakah ada akses kursi roda?');
      expect(asked.data.question.status).toBe('pending');
      const item = await items;
      expect(item).toMatchObject({ itemId: asked.data.question.id, type: 'question', question: { author: { displayName: 'Bu Ani' } } });
      expect((await emitAck(mod, 'session:join', { sessionId: session.id })).data.pending.map((q: any) => q.id)).toContain(item.itemId);
      expect((await emitAck(bystander, 'session:join', { sessionId: session.id })).data.pending).toBeUndefined();
      expect(bystanderNew).toHaveLength(0);

      const resolved = once(mod, 'moderation:resolved');
      const published = once(bystander, 'question:new');
      const approve = await emitAck(mod, 'question:moderate', { questionId: item.itemId, action: 'approve' });
      expect(approve.data.question.status).toBe('approved');
      expect((await published).question.id).toBe(item.itemId);
      expect(await resolved).toEqual({ itemId: item.itemId });
    });

    it('tells only the author about a rejection, with the reason', async () => {
      const asked = await ask(author, session.id, 'Pertanyaan tidak pantas');
      const authorUpdates = collect(author, 'question:updated');
      const bystanderUpdates = collect(bystander, 'question:updated');
      const rejected = await emitAck(mod, 'question:moderate', {
        questionId: asked.data.question.id,
        action: 'reject',
        reason: 'Tidak sopan',
      });
      expect(rejected.data.question.status).toBe('rejected');
      await waitFor(() => authorUpdates.length > 0, 'the author hears of the rejection');
      expect(authorUpdates[0].question).toMatchObject({ status: 'rejected', rejectionReason: 'Tidak sopan' });
      // A later public event to the room proves the bystander would have had it by now.
      const marker = await ask(author, session.id, 'Penanda');
      const seen = once(bystander, 'question:new');
      await emitAck(mod, 'question:moderate', { questionId: marker.data.question.id, action: 'approve' });
      await seen;
      expect(bystanderUpdates).toHaveLength(0);
    });

    it('gives a participant back their own pending and rejected questions on joining again, and nobody else', async () => {
      const author = await freshAsker('Pak Dedi');
      expect((await emitAck(author, 'session:join', { sessionId: session.id })).ok).toBe(true);
      const waiting = (await ask(author, session.id, 'Masih menunggu keputusan')).data.question;
      const turnedDown = (await ask(author, session.id, 'Akan ditolak')).data.question;
      await emitAck(mod, 'question:moderate', { questionId: turnedDown.id, action: 'reject', reason: 'Di luar topik' });

      const again = await emitAck(author, 'session:join', { sessionId: session.id });
      const mine = again.data.myQuestions.map((q: any) => [q.id, q.status, q.rejectionReason ?? null]);
      expect(mine).toEqual(
        expect.arrayContaining([
          [waiting.id, 'pending', null],
          [turnedDown.id, 'rejected', 'Di luar topik'],
        ]),
      );
      expect(again.data.myQuestions.every((q: any) => q.status === 'pending' || q.status === 'rejected')).toBe(true);
      expect(again.data.pending).toBeUndefined();

      const other = await emitAck(bystander, 'session:join', { sessionId: session.id });
      expect(other.data.myQuestions).toEqual([]);
      expect((await emitAck(mod, 'session:join', { sessionId: session.id })).data.myQuestions).toBeUndefined();
    });

    it('keeps one question on screen per session; answer and archive', async () => {
      const a = (await ask(author, session.id, 'Pertanyaan A')).data.question;
      const b = (await ask(author, session.id, 'Pertanyaan B')).data.question;
      for (const q of [a, b]) await emitAck(mod, 'question:moderate', { questionId: q.id, action: 'approve' });
      const screens = collect(bystander, 'screen:changed');
      expect((await emitAck(mod, 'question:moderate', { questionId: a.id, action: 'show' })).data.question.onScreen).toBe(true);
      expect((await emitAck(mod, 'question:moderate', { questionId: b.id, action: 'show' })).data.question.onScreen).toBe(true);
      await waitFor(() => screens.length >= 2, 'two screen changes');
      expect(screens.map((s) => s.question?.id)).toEqual([a.id, b.id]);
      const state = await emitAck(bystander, 'session:join', { sessionId: session.id });
      expect(state.data.onScreen.id).toBe(b.id);
      expect(state.data.questions.filter((q: any) => q.onScreen).map((q: any) => q.id)).toEqual([b.id]);
      const answered = await emitAck(mod, 'question:moderate', { questionId: b.id, action: 'answer' });
      expect(answered.data.question).toMatchObject({ status: 'answered', onScreen: true });
      await emitAck(mod, 'question:moderate', { questionId: b.id, action: 'hide' });
      await waitFor(() => screens.length >= 3, 'hide');
      expect(screens[2]).toEqual({ sessionId: session.id, question: null });
      const archived = await emitAck(mod, 'question:moderate', { questionId: a.id, action: 'archive' });
      expect(archived.data.question.status).toBe('archived');
      expect((await emitAck(mod, 'question:moderate', { questionId: a.id, action: 'show' })).error.code).toBe('conflict');
      expect((await emitAck(mod, 'question:moderate', { questionId: a.id, action: 'fly' })).error.code).toBe('validation');
      expect((await emitAck(mod, 'question:moderate', { questionId: randomUUID(), action: 'approve' })).error.code).toBe('not_found');
    });

    it('forbids moderator actions to guests', async () => {
      const other = await freshAsker();
      const q = (await ask(other, session.id, 'Coba')).data.question;
      const ack = await emitAck(other, 'question:moderate', { questionId: q.id, action: 'approve' });
      expect(ack.error.code).toBe('forbidden');
    });

    it('broadcasts an HTTP session end; afterwards questions and upvotes are conflicts', async () => {
      const late = await freshAsker();
      const q = (await ask(late, session.id, 'Sebelum selesai')).data.question;
      await emitAck(mod, 'question:moderate', { questionId: q.id, action: 'approve' });
      const updated = once(bystander, 'session:updated');
      expect((await moderator.http.post(`/live-sessions/${session.id}/end`)).status).toBe(200);
      expect((await updated).session.status).toBe('ended');
      expect((await ask(late, session.id, 'Terlambat')).error.code).toBe('conflict');
      expect((await emitAck(late, 'question:upvote', { questionId: q.id })).error.code).toBe('conflict');
      expect((await emitAck(mod, 'question:moderate', { questionId: q.id, action: 'answer' })).error.code).toBe('conflict');
    });
  });

  describe('reconnection', () => {
    it('recovers the connection state after a transport drop, and session:join resynchronises', async () => {
      const session = await createLiveSession(moderator, { preModeration: false });
      const reader = await connectLive(testApp, (await createGuest(testApp, 'Pembaca')).token, {
        reconnection: true,
        reconnectionDelay: 50,
      });
      sockets.push(reader);
      await emitAck(reader, 'session:join', { sessionId: session.id });
      const news = collect(reader, 'question:new');
      // Make sure the client has an offset to recover from (sessions are kept for dropped transports only).
      await ask(await freshAsker(), session.id, 'Pertama');
      await waitFor(() => news.length === 1, 'first question');
      const reconnected = new Promise<void>((resolve) => reader.io.once('reconnect', () => resolve()));
      reader.io.engine.close();
      await ask(await freshAsker(), session.id, 'Selagi terputus');
      await reconnected;
      await waitFor(() => news.some((n) => n.question.text === 'Selagi terputus'), 'the missed question after recovery');
      expect(reader.recovered).toBe(true);
      const state = await emitAck(reader, 'session:join', { sessionId: session.id });
      expect(state.data.questions.map((q: { text: string }) => q.text).sort()).toEqual(['Pertama', 'Selagi terputus']);
    });
  });

  describe('count shards', () => {
    it("puts every participant of a session in exactly one shard, and the shards' turns bring each one a changed count once", async () => {
      const session = await createLiveSession(moderator, { preModeration: false });
      const hub = testApp.app.get(RealtimeHub);
      const participants = await Promise.all(Array.from({ length: 12 }, (_, i) => freshAsker(`Peserta ${i}`)));
      for (const socket of participants) expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
      const shardSizes = sessionShardRooms(session.id).map((room) => hub.localRoomSize(room));
      expect(shardSizes.reduce((sum, size) => sum + size, 0)).toBe(12);
      const question = (await ask(participants[0]!, session.id, 'Satu kali untuk semua')).data.question;
      const received = participants.map((socket) => collect(socket, 'question:votes'));
      expect((await emitAck(participants[1]!, 'question:upvote', { questionId: question.id })).ok).toBe(true);
      await waitFor(() => received.every((list) => list.length === 1), 'every participant got the count');
      // Longer than a whole window (8 turns): nobody gets the same change twice.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.map((list) => list.map((message) => message.counts[question.id]))).toEqual(participants.map(() => [1]));
      expect((await emitAck(participants[0]!, 'session:leave', { sessionId: session.id })).ok).toBe(true);
      expect(sessionShardRooms(session.id).reduce((sum, room) => sum + hub.localRoomSize(room), 0)).toBe(11);
    });
    it('sends counts as one prebuilt frame to WebSocket clients and through Socket.IO to long-polling ones, the same message to both', async () => {
      const session = await createLiveSession(moderator, { preModeration: false });
      const onWebSocket = await freshAsker('Lewat WebSocket');
      const onPolling = await connectLive(testApp, (await createGuest(testApp, 'Lewat polling')).token, { transports: ['polling'] });
      sockets.push(onPolling);
      for (const socket of [onWebSocket, onPolling])
        expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
      const question = (await ask(onWebSocket, session.id, 'Dua jalan, satu pesan')).data.question;
      const received = [onWebSocket, onPolling].map((socket) => collect(socket, 'question:votes'));
      // Counted for this event only: the previous test's presence change may still be going out as session:updated.
      const votesSent = () => ({ ...(supersedingSendStats.get('question:votes') ?? { framed: 0, emitted: 0 }) });
      const before = votesSent();
      expect((await emitAck(onPolling, 'question:upvote', { questionId: question.id })).ok).toBe(true);
      await waitFor(() => received.every((list) => list.length === 1), 'both clients got the count');
      expect(received[0]).toEqual([{ sessionId: session.id, counts: { [question.id]: 1 } }]);
      expect(received[1]).toEqual(received[0]);
      expect(votesSent().framed - before.framed).toBe(1);
      expect(votesSent().emitted - before.emitted).toBe(1);
    });
  });

  describe('presence and polls', () => {
    it('counts people, not their tabs: the same participant on two sockets counts once', async () => {
      const session = await createLiveSession(moderator, { preModeration: false });
      const watcher = await connect(moderator.token);
      const updates = collect(watcher, 'session:updated');
      await emitAck(watcher, 'session:join', { sessionId: session.id });
      const person = await createGuest(testApp, 'Dua tab');
      const tabs = [await connect(person.token), await connect(person.token)];
      for (const tab of tabs) expect((await emitAck(tab, 'session:join', { code: session.code })).ok).toBe(true);
      await waitFor(() => updates.some((u) => u.session.participants === 2), 'participants = 2');
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // past the next presence announcement
      expect(updates.map((u) => u.session.participants).filter((n) => n > 2)).toEqual([]);
      const other = await freshAsker('Orang ketiga');
      await emitAck(other, 'session:join', { sessionId: session.id });
      await waitFor(() => updates.some((u) => u.session.participants === 3), 'participants = 3');
      for (const socket of [...tabs, other, watcher]) socket.close();
    });

    it('counts participants and relays poll events and ballots', async () => {
      const session = await createLiveSession(moderator, { preModeration: false });
      const watcher = await connect(moderator.token);
      const updates = collect(watcher, 'session:updated');
      await emitAck(watcher, 'session:join', { sessionId: session.id });
      const voter = await connect(guest.token);
      await emitAck(voter, 'session:join', { code: session.code });
      await waitFor(() => updates.some((u) => u.session.participants === 2), 'participants = 2');

      const opened = once(watcher, 'poll:opened');
      const created = await moderator.http.post('/polls', {
        question: 'Warna bangku taman?',
        options: ['Hijau', 'Biru'],
        liveSessionId: session.id,
      });
      expect(created.status).toBe(201);
      expect((await opened).poll.id).toBe(created.body.id);
      const joined = await emitAck(voter, 'session:join', { sessionId: session.id });
      expect(joined.data.polls.map((p: any) => p.id)).toEqual([created.body.id]);
      const results = collect(watcher, 'poll:results');
      const vote = await emitAck(voter, 'poll:vote', { pollId: created.body.id, optionIds: [created.body.options[1].id] });
      expect(vote).toEqual({ ok: true, data: { ballot: { optionIds: [created.body.options[1].id] } } });
      await waitFor(() => results.some((r) => r.pollId === created.body.id && r.totalBallots === 1), 'poll:results');
      expect((await emitAck(voter, 'poll:vote', { pollId: created.body.id, optionIds: [randomUUID()] })).error.code).toBe('validation');
      const closed = once(watcher, 'poll:closed');
      expect((await moderator.http.post(`/polls/${created.body.id}/close`)).status).toBe(200);
      expect((await closed).results.totalBallots).toBe(1);
      expect((await emitAck(voter, 'poll:vote', { pollId: created.body.id, optionIds: [created.body.options[0].id] })).error.code).toBe(
        'conflict',
      );
      expect(await emitAck(voter, 'session:leave', { sessionId: session.id })).toEqual({ ok: true, data: {} });
      await waitFor(() => updates.some((u) => u.session.participants === 1), 'participants = 1');
      const afterLeave = collect(voter, 'question:new');
      const seenByWatcher = collect(watcher, 'question:new');
      await ask(await freshAsker(), session.id, 'Setelah keluar');
      await ask(await freshAsker(), session.id, 'Penanda');
      await waitFor(() => seenByWatcher.some((n) => n.question.text === 'Penanda'), 'the marker question');
      expect(afterLeave).toHaveLength(0);
      expect((await emitAck(voter, 'session:leave', { sessionId: 'x' })).error.code).toBe('validation');
      voter.close();
    });
  });

  it('takes no ballots once the session has ended', async () => {
    const session = await createLiveSession(moderator, { preModeration: false });
    const poll = await moderator.http.post('/polls', { question: 'Setuju?', options: ['Ya', 'Tidak'], liveSessionId: session.id });
    const voter = await freshAsker('Pemilih polling');
    expect((await emitAck(voter, 'poll:vote', { pollId: poll.body.id, optionIds: [poll.body.options[0].id] })).ok).toBe(true);
    await moderator.http.post(`/live-sessions/${session.id}/end`);
    const late = await emitAck(voter, 'poll:vote', { pollId: poll.body.id, optionIds: [poll.body.options[1].id] });
    expect(late.error.code).toBe('conflict');
    expect((await emitAck(voter, 'poll:vote', { pollId: randomUUID(), optionIds: [randomUUID()] })).error.code).toBe('not_found');
  });

  it('uses no query-string token', () => {
    const socket = io(`${testApp.url}/live`, {
      transports: ['websocket'],
      query: { token: guest.token },
      reconnection: false,
      forceNew: true,
    });
    return new Promise<void>((resolve) => {
      socket.once('connect_error', (error) => {
        expect(error.message).toBe('unauthorized');
        socket.close();
        resolve();
      });
    });
  });
});
