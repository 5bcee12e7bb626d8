import { HttpClient } from '@balai/testing';
import { createTestApp, TestApp } from '../support/test-app';
import { DEMO_ACCOUNTS, DemoCitySeeder } from '@balai/demo';

/**
 * `npm start` with no DATABASE_URL: the same app on PGlite, demo city seeded into an empty database,
 * also when BALAI_ADMIN_EMAIL makes an admin account at the same first start.
 */
describe('embedded PGlite with the demo city', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await createTestApp({
      embedded: true,
      env: { BALAI_DEMO: undefined, BALAI_ADMIN_EMAIL: 'kepala.it@kota.example', BALAI_ADMIN_PASSWORD: 'sandi-admin-kota-2026' },
    });
    http = new HttpClient(`${testApp.url}/api/v1`);
  });
  afterAll(() => testApp.close());

  it('answers health on the embedded database', async () => {
    const health = await fetch(`${testApp.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('seeds demo accounts that sign in with the random password printed for each, and with no known one', async () => {
    const report = testApp.app.get(DemoCitySeeder).report;
    const printed = new Map(report?.accounts.map((account) => [account.email, account.password]));
    expect(new Set(printed.values()).size).toBe(printed.size);
    for (const account of [DEMO_ACCOUNTS.admin, DEMO_ACCOUNTS.official, DEMO_ACCOUNTS.moderator, DEMO_ACCOUNTS.citizens[0]]) {
      const password = printed.get(account.email);
      expect(password).toMatch(/^[\w-]{16}$/);
      const login = await http.post('/auth/login', { email: account.email, password });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ email: account.email, role: account.role, displayName: account.displayName });
    }
    // The password wave one printed in the README and the banner opens nothing any more.
    const known = await http.post('/auth/login', { email: DEMO_ACCOUNTS.admin.email, password: 'balai-demo-2026' });
    expect(known.status).toBe(401);
  });

  it('seeds the demo city although the configured admin was created first, and keeps that admin', async () => {
    const consultations = await http.get('/consultations');
    expect(consultations.status).toBe(200);
    expect(consultations.body.items.length).toBeGreaterThan(0);
    const admin = await http.post('/auth/login', { email: 'kepala.it@kota.example', password: 'sandi-admin-kota-2026' });
    expect(admin.status).toBe(200);
    expect(admin.body.user.role).toBe('admin');
  });

  it('serves identity the same way as PostgreSQL, including unique e-mails under concurrency', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        http.post('/auth/register', { email: 'sama@example.id', password: 'kata-sandi-rahasia', displayName: 'Sama' }),
      ),
    );
    expect(attempts.filter((r) => r.status === 201)).toHaveLength(1);
    expect(attempts.filter((r) => r.status === 409)).toHaveLength(7);
  });
});
