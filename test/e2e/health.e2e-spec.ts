import { createTestApp } from '@balai/testing';

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
});
