import { TcpProxy } from '@balai/testing';
import { createTestApp } from '../support/test-app';

describe('GET /health', () => {
  it('reports the database and Redis when REDIS_URL is set', async () => {
    const testApp = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    try {
      const res = await fetch(`${testApp.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
    } finally {
      await testApp.close();
    }
  });

  it('answers 503 naming Redis when Redis does not answer', async () => {
    // Nothing listens on port 1: the client keeps retrying, the check fails fast.
    const testApp = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await fetch(`${testApp.url}/health`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as Record<string, any>;
      expect(body.status).toBe('error');
      expect(body.error).toHaveProperty('redis');
      expect(body.info).toHaveProperty('database');
    } finally {
      await testApp.close();
    }
  });

  it('closes every Redis connection on shutdown, even while Redis is away (none keeps reconnecting)', async () => {
    const redis = await TcpProxy.start(6379);
    const testApp = await createTestApp({ env: { REDIS_URL: redis.through('redis://127.0.0.1:6379') } });
    try {
      expect((await fetch(`${testApp.url}/health`)).status).toBe(200);
      await redis.cut();
      await testApp.close();
      redis.accepted = 0;
      await redis.restore();
      // ioredis retries within 2 s (its back-off's ceiling); a client left open would be back by then.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(redis.accepted).toBe(0);
    } finally {
      await redis.cut();
    }
  });
});
