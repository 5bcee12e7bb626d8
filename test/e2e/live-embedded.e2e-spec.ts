import { randomUUID } from 'node:crypto';
import { createAccount, createGuest } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { collect, connectLive, createLiveSession, emitAck, LiveClient, waitFor } from './live-helpers';

/** The same live flow on embedded PGlite (what `npm start` runs without DATABASE_URL). */
describe('Live on the embedded database', () => {
  let testApp: TestApp;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({ embedded: true });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp?.close();
  });

  it('asks, group-commits upvotes exactly and broadcasts the totals', async () => {
    const moderator = await createAccount(testApp, 'moderator');
    const session = await createLiveSession(moderator, { preModeration: false });
    const asker = await connectLive(testApp, (await createGuest(testApp)).token);
    sockets.push(asker);
    await emitAck(asker, 'session:join', { code: session.code });
    const votes = collect(asker, 'question:votes');
    const question = (await emitAck(asker, 'question:ask', { sessionId: session.id, text: 'Apa kabar?', clientRequestId: randomUUID() }))
      .data.question;
    const guests = await Promise.all(Array.from({ length: 30 }, (_, i) => createGuest(testApp, `Warga ${i}`)));
    const clients = await Promise.all(guests.map((g) => connectLive(testApp, g.token)));
    sockets.push(...clients);
    const acks = await Promise.all(clients.flatMap((c) => [1, 2].map(() => emitAck(c, 'question:upvote', { questionId: question.id }))));
    expect(acks.every((a) => a.ok)).toBe(true);
    await waitFor(() => votes.some((v) => v.counts[question.id] === 30), 'total of 30');
    const list = await moderator.http.get(`/live-sessions/${session.id}/questions`);
    expect(list.body.items[0].upvotes).toBe(30);
    await moderator.http.post(`/live-sessions/${session.id}/end`);
    expect((await emitAck(clients[0], 'question:unvote', { questionId: question.id })).error.code).toBe('conflict');
  });
});
