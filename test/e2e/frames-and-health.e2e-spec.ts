import { randomUUID } from 'node:crypto';
import { HttpClient, TcpProxy, TestDatabase } from '@balai/testing';
import { createAccount, createGuest } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { connectLive, emitAck, LiveClient } from './live-helpers';

/**
 * Frames and health (issue 17): a 1 MB Socket.IO frame is refused by the transport before it is
 * decoded (the connection closes, others carry on); /health's 503 shows no internal error text; the
 * first request after the database drops is a 503 `unavailable`, not a 500.
 */
describe('frames and health', () => {
  describe('a 1 MB Socket.IO frame', () => {
    let testApp: TestApp;
    const sockets: LiveClient[] = [];
    beforeAll(async () => {
      testApp = await createTestApp();
    });
    afterAll(async () => {
      for (const socket of sockets) socket.close();
      await testApp.close();
    });

    it('closes the sender before decoding it, while a bystander keeps its connection and its answers', async () => {
      const moderator = await createAccount(testApp, 'moderator');
      const session = await moderator.http.post('/live-sessions', { title: 'Rapat warga', preModeration: false });
      await moderator.http.post(`/live-sessions/${session.body.id}/start`);
      const attacker = await connectLive(testApp, (await createGuest(testApp)).token);
      const bystander = await connectLive(testApp, (await createGuest(testApp)).token);
      sockets.push(attacker, bystander);
      expect((await emitAck(bystander, 'session:join', { sessionId: session.body.id })).ok).toBe(true);

      const closed = new Promise<string>((resolve) => attacker.once('disconnect', (reason) => resolve(reason)));
      // Just under the 1 MiB the transport used to accept: decoded, validated and answered, 60 of them a stall.
      attacker.emit('question:ask', { sessionId: session.body.id, text: 'x'.repeat(1_000_000), clientRequestId: randomUUID() }, () => {
        throw new Error('a 1 MB frame must get no answer but a closed connection');
      });
      expect(await closed).toBe('transport close');

      expect(bystander.connected).toBe(true);
      const asked = await emitAck(bystander, 'question:ask', {
        sessionId: session.body.id,
        text: 'Masih bisa bertanya?',
        clientRequestId: randomUUID(),
      });
      expect(asked.ok).toBe(true);
      // Between the contract's 16 KB and the transport's limit: an error ack, the connection kept.
      const over = await emitAck(bystander, 'question:ask', {
        sessionId: session.body.id,
        text: 'y'.repeat(20 * 1024),
        clientRequestId: randomUUID(),
      });
      expect(over).toMatchObject({ ok: false, error: { code: 'validation', detail: 'payload_too_large' } });
      expect(bystander.connected).toBe(true);
    });
  });

  it('answers /health 503 naming what is down, with no internal error text', async () => {
    const testApp = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await fetch(`${testApp.url}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'error', info: { database: { status: 'up' } }, error: { redis: { status: 'down' } } });
    } finally {
      await testApp.close();
    }
  });

  it('answers the first request after the database drops with a 503 `unavailable`, and serves again once it is back', async () => {
    const database = await TestDatabase.create();
    const postgres = await TcpProxy.start(5432);
    const testApp = await createTestApp({ database, env: { DATABASE_URL: postgres.through(database.url) } });
    try {
      const http = new HttpClient(`${testApp.url}/api/v1`);
      expect((await http.get('/consultations')).status).toBe(200);
      await postgres.cut();
      const first = await http.get('/consultations');
      expect(first.status).toBe(503);
      expect(first.body.code).toBe('unavailable');
      const write = await http.post('/auth/guest', { displayName: 'Tamu' });
      expect(write.status).toBe(503);
      const health = await fetch(`${testApp.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'error', info: {}, error: { database: { status: 'down' } } });
      await postgres.restore();
      let back = 0;
      for (let attempt = 0; attempt < 50 && back !== 200; attempt++) {
        back = (await http.get('/consultations')).status;
        if (back !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(back).toBe(200);
    } finally {
      await testApp.close();
      await postgres.cut();
      await database.drop();
    }
  });
});
