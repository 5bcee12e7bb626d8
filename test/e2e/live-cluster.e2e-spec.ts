import { randomInt, randomUUID } from 'node:crypto';
import { TestDatabase } from '@balai/testing';
import { createAccount, createGuest, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { CountCoalescer } from '@balai/delivery';
import { collect, connectLive, createLiveSession, emitAck, LiveClient, once, waitFor } from './live-helpers';

/** Two app instances on one database and one Redis (a DB index of its own per run). */
describe('Live across two processes (Redis streams adapter)', () => {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let moderator: TestAccount;
  const sockets: LiveClient[] = [];
  const connect = async (app: TestApp, token: string) => {
    const socket = await connectLive(app, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    database = await TestDatabase.create();
    const env = { REDIS_URL: `redis://127.0.0.1:6379/${randomInt(1, 16)}` };
    one = await createTestApp({ database, env });
    two = await createTestApp({ database, env });
    moderator = await createAccount(one, 'moderator', 'Rina');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it('delivers a moderation on one process to clients on the other', async () => {
    const session = await createLiveSession(moderator, { preModeration: true });
    const mod = await connect(one, moderator.token);
    const modOnTwo = await connect(two, moderator.token);
    const author = await connect(two, (await createGuest(two, 'Bu Ani')).token);
    const bystander = await connect(two, (await createGuest(two, 'Pak Budi')).token);
    const updates = collect(bystander, 'session:updated');
    for (const socket of [mod, modOnTwo, author, bystander])
      expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);

    const item = once(mod, 'moderation:item');
    const asked = await emitAck(author, 'question:ask', {
      sessionId: session.id,
      text: 'Kapan taman dibuka?',
      clientRequestId: randomUUID(),
    });
    expect((await item).itemId).toBe(asked.data.question.id);
    const published = once(bystander, 'question:new');
    const resolved = once(modOnTwo, 'moderation:resolved');
    expect((await emitAck(mod, 'question:moderate', { questionId: asked.data.question.id, action: 'approve' })).ok).toBe(true);
    expect((await published).question.text).toBe('Kapan taman dibuka?');
    expect((await resolved).itemId).toBe(asked.data.question.id);

    const screen = once(bystander, 'screen:changed');
    await emitAck(mod, 'question:moderate', { questionId: asked.data.question.id, action: 'show' });
    expect((await screen).question.id).toBe(asked.data.question.id);

    await waitFor(() => updates.some((u) => u.session.participants === 4), 'participants counted on both processes');
  });

  it('tells clients on the other process that the session ended, and a later participant count never brings it back', async () => {
    const session = await createLiveSession(moderator, { preModeration: false });
    const onOne = await connect(one, (await createGuest(one, 'Pak Joko')).token);
    const leaver = await connect(two, (await createGuest(two, 'Bu Sri')).token);
    const onTwo = await connect(two, (await createGuest(two, 'Mbak Wati')).token);
    for (const socket of [onOne, leaver, onTwo]) expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
    const updates = collect(onTwo, 'session:updated');

    // Ended over HTTP on process one, while process two counts a departure.
    expect((await moderator.http.post(`/live-sessions/${session.id}/end`)).status).toBe(200);
    leaver.close();
    await waitFor(() => updates.some((u) => u.session.status === 'ended'), 'the end reaching process two');
    await waitFor(() => updates.some((u) => u.session.participants === 2), 'the departure counted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterEnd = updates.slice(updates.findIndex((u) => u.session.status === 'ended'));
    expect(afterEnd.every((u) => u.session.status === 'ended')).toBe(true);
  });

  it('keeps exact counts with voters on both processes, and every client sees the total', async () => {
    const session = await createLiveSession(moderator, { preModeration: false });
    const asker = await connect(one, (await createGuest(one, 'Penanya')).token);
    const question = (await emitAck(asker, 'question:ask', { sessionId: session.id, text: 'Perlu lampu?', clientRequestId: randomUUID() }))
      .data.question;
    const watchers = [await connect(one, moderator.token), await connect(two, moderator.token)];
    const seen = watchers.map((w) => collect(w, 'question:votes'));
    for (const w of watchers) await emitAck(w, 'session:join', { sessionId: session.id });
    const guests = await Promise.all(Array.from({ length: 80 }, (_, i) => createGuest(i % 2 ? one : two, `Warga ${i}`)));
    const clients = await Promise.all(guests.map((g, i) => connect(i % 2 ? one : two, g.token)));
    // Every voter twice (once per process where possible): still one vote each.
    const acks = await Promise.all(
      clients.flatMap((c, i) => [
        emitAck(c, 'question:upvote', { questionId: question.id }),
        emitAck(clients[(i + 1) % clients.length], 'question:upvote', { questionId: question.id }),
      ]),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const rows = await database.query<{ upvotes: number; n: string }>(
      'select upvotes, (select count(*) from live_upvotes where question_id = $1) as n from live_questions where id = $1',
      [question.id],
    );
    expect(rows[0]).toEqual({ upvotes: 80, n: '80' });
    for (const messages of seen) await waitFor(() => messages.some((m) => m.counts[question.id] === 80), 'total of 80 on each process');
    const unvotes = await Promise.all(clients.slice(0, 30).map((c) => emitAck(c, 'question:unvote', { questionId: question.id })));
    expect(unvotes.every((a) => a.ok)).toBe(true);
    for (const messages of seen) await waitFor(() => messages.at(-1)?.counts[question.id] === 50, 'total of 50 last on each process');
  });

  it('sends each client one count per window from its own process, also when every vote came in on the other', async () => {
    const session = await createLiveSession(moderator, { preModeration: false });
    const asker = await connect(one, (await createGuest(one, 'Penanya')).token);
    const question = (
      await emitAck(asker, 'question:ask', { sessionId: session.id, text: 'Jam buka taman?', clientRequestId: randomUUID() })
    ).data.question;
    const watcher = await connect(two, moderator.token);
    const seen = collect(watcher, 'question:votes');
    await emitAck(watcher, 'session:join', { sessionId: session.id });
    const voters = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => connect(one, (await createGuest(one, `Pemilih ${i}`)).token)),
    );
    const acks = await Promise.all(voters.map((v) => emitAck(v, 'question:upvote', { questionId: question.id })));
    expect(acks.every((a) => a.ok)).toBe(true);
    await waitFor(() => seen.some((m) => m.counts[question.id] === 20), 'the total on the process that saw no vote');
    // Process one no longer broadcasts to process two's sockets: two delivers its own, so no duplicates of a window.
    const totals = seen.filter((m) => m.counts[question.id] === 20);
    expect(totals.length).toBeLessThanOrEqual(2);
  });

  it('orders counter values by their version, whichever process announces first', async () => {
    const session = await createLiveSession(moderator, { preModeration: false });
    const asker = await connect(two, (await createGuest(two, 'Penanya')).token);
    const question = (await emitAck(asker, 'question:ask', { sessionId: session.id, text: 'Versi?', clientRequestId: randomUUID() })).data
      .question;
    const watchers = [await connect(one, moderator.token), await connect(two, moderator.token)];
    const seen = watchers.map((w) => collect(w, 'question:votes'));
    for (const w of watchers) await emitAck(w, 'session:join', { sessionId: session.id });
    const voters = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => connect(two, (await createGuest(two, `Pemilih ${i}`)).token)),
    );
    expect((await Promise.all(voters.map((v) => emitAck(v, 'question:upvote', { questionId: question.id })))).every((a) => a.ok)).toBe(
      true,
    );
    for (const messages of seen) await waitFor(() => messages.some((m) => m.counts[question.id] === 10), 'the total on both processes');
    const [row] = await database.query<{ upvotes_version: number }>('select upvotes_version from live_questions where id = $1', [
      question.id,
    ]);
    expect(row!.upvotes_version).toBeGreaterThan(0);

    // A late, older value (as a slow peer's announcement would bring) changes nothing; a newer one reaches both processes.
    const coalescer = one.app.get(CountCoalescer);
    coalescer.questionCounted(session.id, question.id, 3, row!.upvotes_version - 1);
    coalescer.questionCounted(session.id, question.id, 11, row!.upvotes_version + 1);
    for (const messages of seen) await waitFor(() => messages.at(-1)?.counts[question.id] === 11, 'the newer value on both processes');
    expect(seen.flat().some((m) => m.counts[question.id] === 3)).toBe(false);
  });

  it('shares the question rate limit between processes', async () => {
    const session = await createLiveSession(moderator, { preModeration: false });
    const guest = await createGuest(one, 'Cepat');
    const onOne = await connect(one, guest.token);
    const onTwo = await connect(two, guest.token);
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push(
        await emitAck(i % 2 ? onTwo : onOne, 'question:ask', {
          sessionId: session.id,
          text: `Pertanyaan ${i}`,
          clientRequestId: randomUUID(),
        }),
      );
    }
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(results[5].error.code).toBe('rate_limited');
  });
});
