import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, TcpProxy, TEST_JWT_SECRET, TestDatabase, waitForHealthy } from '@balai/testing';
import { spawnServer } from '../support/server-process';

/** The server as a process: readable config errors, graceful SIGTERM. */
describe('server process', () => {
  it('refuses to start on bad configuration, naming each variable, with exit code 1', async () => {
    const server = spawnServer({ PORT: 'eighty', REDIS_URL: 'localhost:6379', DATABASE_URL: 'postgres://x@127.0.0.1:1/db' });
    expect(await server.exited).toBe(1);
    const output = server.output();
    expect(output).toContain('configuration is invalid');
    expect(output).toMatch(/PORT:/);
    expect(output).toMatch(/REDIS_URL:/);
    expect(output).toMatch(/JWT_SECRET:/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('greets a first `npm start` with a short readable banner: address, demo accounts, live join code; no JSON lines', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'balai-banner-'));
    const port = await freePort();
    // As scripts/start.mjs runs it: embedded database, LOG_FORMAT=pretty, the default log level.
    const server = spawnServer({ PORT: String(port), DATA_DIR: dataDir, LOG_FORMAT: 'pretty', LOG_LEVEL: 'info' });
    try {
      await waitForHealthy(server.url, 60_000);
      const output = server.output();
      expect(output).toContain(`Balai is running on http://localhost:${port}`);
      expect(output).toMatch(/official\s+walikota@balai\.demo/);
      // Each demo account printed once with its own random password, which signs in.
      const admin = /admin\s+admin@balai\.demo\s+([\w-]{16})\n/.exec(output);
      expect(admin?.[1]).toBeDefined();
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@balai.demo', password: admin?.[1] }),
      });
      expect(login.status).toBe(200);
      expect(output).not.toContain('balai-demo-2026');
      const code = /join code ([A-HJ-NP-Z2-9]{6}), http:\/\/localhost:\d+\/live\/([A-HJ-NP-Z2-9]{6})/.exec(output);
      expect(code?.[1]).toBeDefined();
      expect(code?.[2]).toBe(code?.[1]);
      expect(output).not.toMatch(/^\{"level"/m);
      expect(output).not.toContain('Mapped {');
      expect(output.split('\n').length).toBeLessThan(40);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('drains and exits 0 within 10 s on SIGTERM, with a client connection still open', async () => {
    const database = await TestDatabase.create();
    const port = await freePort();
    const server = spawnServer({ PORT: String(port), DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, BALAI_DEMO: 'false' });
    try {
      await waitForHealthy(server.url);
      // A keep-alive connection a browser would hold open must not keep the process alive.
      const agent = new Agent({ keepAlive: true });
      await new Promise<void>((resolve, reject) =>
        request(`${server.url}/health`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
          .on('error', reject)
          .end(),
      );
      const started = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      agent.destroy();
    } finally {
      server.child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('exits 0 on SIGTERM at once when Redis has gone away, instead of waiting for it until the deadline', async () => {
    const redis = await TcpProxy.start(6379);
    const database = await TestDatabase.create();
    const port = await freePort();
    const env = { PORT: String(port), DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, BALAI_DEMO: 'false' };
    const server = spawnServer({ ...env, REDIS_URL: redis.through('redis://127.0.0.1:6379') });
    try {
      await waitForHealthy(server.url);
      await redis.cut();
      await waitForHealthy(server.url, 10_000, 503);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).not.toContain('exiting anyway');
    } finally {
      server.child.kill('SIGKILL');
      await redis.cut();
      await database.drop();
    }
  });
});
