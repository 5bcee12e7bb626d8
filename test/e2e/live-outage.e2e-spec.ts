import { randomInt, randomUUID } from 'node:crypto';
import { TcpProxy, TestDatabase } from '@balai/testing';
import { createAccount, createGuest } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { collect, connectLive, createLiveSession, emitAck, LiveClient, once, waitFor } from './live-helpers';

/**
 * The database or Redis goes away during a meeting and comes back: participants get `unavailable`
 * acks meanwhile (never a dropped connection or a half-written vote), and carry on once it is back,
 * without anyone restarting Balai.
 */
describe('Live: the database or Redis goes away and comes back', () => {
  const sockets: LiveClient[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  async function meeting(testApp: TestApp) {
    const moderator = await createAccount(testApp, 'moderator', 'Rina Moderator');
    const session = await createLiveSession(moderator, { preModeration: false });
    const asker = await connectLive(testApp, (await createGuest(testApp, 'Penanya')).token);
    const voter = await connectLive(testApp, (await createGuest(testApp, 'Pemilih')).token);
    sockets.push(asker, voter);
    for (const socket of [asker, voter]) expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
    const asked = await emitAck(asker, 'question:ask', {
      sessionId: session.id,
      text: 'Kapan taman dibuka?',
      clientRequestId: randomUUID(),
    });
    return { session, asker, voter, questionId: asked.data.question.id as string };
  }

  /** Retries an upvote until it is acknowledged (the service is back), returning the last ack. */
  async function upvoteOnceBack(voter: LiveClient, questionId: string) {
    let ack: any;
    await waitFor(
      async () => {
        ack = await emitAck(voter, 'question:upvote', { questionId });
        return ack.ok === true;
      },
      'an upvote acknowledged once the service is back',
      20_000,
    );
    return ack;
  }

  it('answers unavailable while Redis is away (the shared rate limits live there), and takes votes again once it is back', async () => {
    const redis = await TcpProxy.start(6379);
    const testApp = await createTestApp({ env: { REDIS_URL: redis.through(`redis://127.0.0.1:6379/${randomInt(1, 16)}`) } });
    try {
      const { session, voter, questionId } = await meeting(testApp);
      await redis.cut();
      const refused = await emitAck(voter, 'question:upvote', { questionId }, 20_000);
      expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(voter.connected).toBe(true);
      // What needs only the database still works.
      expect((await emitAck(voter, 'session:join', { sessionId: session.id })).ok).toBe(true);

      await redis.restore();
      expect(await upvoteOnceBack(voter, questionId)).toEqual({ ok: true, data: { questionId, upvoted: true } });
      const rows = await testApp.database!.query<{ upvotes: number }>('select upvotes from live_questions where id = $1', [questionId]);
      expect(rows).toEqual([{ upvotes: 1 }]);
    } finally {
      for (const socket of sockets.splice(0)) socket.close();
      await testApp.close();
      await redis.cut();
    }
  });

  it('answers unavailable while PostgreSQL is away, keeps every socket, and takes votes and questions again once it is back', async () => {
    const database = await TestDatabase.create();
    const postgres = await TcpProxy.start(5432);
    const testApp = await createTestApp({ database, env: { DATABASE_URL: postgres.through(database.url) } });
    try {
      const { session, asker, voter, questionId } = await meeting(testApp);
      await postgres.cut();
      expect(await emitAck(voter, 'question:upvote', { questionId }, 20_000)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      const askedMeanwhile = { sessionId: session.id, text: 'Apakah ada toilet umum?', clientRequestId: randomUUID() };
      expect(await emitAck(asker, 'question:ask', askedMeanwhile, 20_000)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect([asker.connected, voter.connected]).toEqual([true, true]);

      await postgres.restore();
      expect(await upvoteOnceBack(voter, questionId)).toEqual({ ok: true, data: { questionId, upvoted: true } });
      const retried = await emitAck(asker, 'question:ask', askedMeanwhile);
      expect(retried.ok).toBe(true);
      expect(await database.query('select upvotes from live_questions where id = $1', [questionId])).toEqual([{ upvotes: 1 }]);
      const texts = await database.query<{ text: string }>('select text from live_questions where session_id = $1 order by created_at', [
        session.id,
      ]);
      expect(texts.map((row) => row.text)).toEqual(['Kapan taman dibuka?', 'Apakah ada toilet umum?']);
    } finally {
      for (const socket of sockets.splice(0)) socket.close();
      await testApp.close();
      await postgres.cut();
      await database.drop();
    }
  });

  it('delivers a moderation made on one process while Redis was away to the other process once Redis is back (the stream keeps it)', async () => {
    const database = await TestDatabase.create();
    const redis = await TcpProxy.start(6379);
    const env = { REDIS_URL: redis.through(`redis://127.0.0.1:6379/${randomInt(1, 16)}`) };
    const one = await createTestApp({ database, env });
    const two = await createTestApp({ database, env });
    try {
      const moderator = await createAccount(one, 'moderator', 'Rina Moderator');
      const session = await createLiveSession(moderator, { preModeration: true });
      const mod = await connectLive(one, moderator.token);
      const author = await connectLive(two, (await createGuest(two, 'Bu Ani')).token);
      const bystander = await connectLive(two, (await createGuest(two, 'Pak Budi')).token);
      sockets.push(mod, author, bystander);
      for (const socket of [mod, author, bystander])
        expect((await emitAck(socket, 'session:join', { sessionId: session.id })).ok).toBe(true);
      const item = once(mod, 'moderation:item');
      const asked = await emitAck(author, 'question:ask', {
        sessionId: session.id,
        text: 'Kapan taman dibuka?',
        clientRequestId: randomUUID(),
      });
      await item; // the two processes have exchanged a message through the stream

      await redis.cut();
      const published = collect(bystander, 'question:new');
      expect((await emitAck(mod, 'question:moderate', { questionId: asked.data.question.id, action: 'approve' })).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(published).toEqual([]); // nothing can cross between the processes while Redis is away
      await redis.restore();
      await waitFor(() => published.length > 0, 'question:new on the other process', 20_000);
      expect(published.map((event) => event.question)).toMatchObject([{ id: asked.data.question.id, status: 'approved' }]);
    } finally {
      for (const socket of sockets.splice(0)) socket.close();
      await one.close();
      await two.close();
      await redis.cut();
      await database.drop();
    }
  });
});
