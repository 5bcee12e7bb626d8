import { randomBytes, randomUUID } from 'node:crypto';
import { HttpClient, TestDatabase } from '@balai/testing';
import { createTestApp, TestApp } from '../support/test-app';

/** A fresh documentation-range address per run, so counters left in Redis by an earlier run never matter. */
const randomIpv4 = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const randomPrefix = () => `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

const register = (http: HttpClient, from: string) =>
  http.request(
    'POST',
    '/auth/register',
    { email: `warga-${randomUUID().slice(0, 8)}@contoh.id`, password: 'kata-sandi-rahasia', displayName: 'Warga' },
    { 'x-forwarded-for': from },
  );

/**
 * Registrations and logins (issue 17): per-address limits shared by every process through Redis,
 * IPv6 addresses counted by /64, logins limited per account too, X-Forwarded-For believed only from
 * TRUST_PROXY.
 */
describe('registration and login limits', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  let direct: TestApp;

  beforeAll(async () => {
    database = await TestDatabase.create();
    const env = {
      REDIS_URL: 'redis://127.0.0.1:6379',
      TRUST_PROXY: '127.0.0.1',
      REGISTER_LIMIT_PER_HOUR: '3',
      LOGIN_LIMIT_PER_MINUTE: '3',
    };
    first = await createTestApp({ database, env });
    second = await createTestApp({ database, env });
    // No proxy trusted: the socket address counts, whatever X-Forwarded-For says.
    direct = await createTestApp({ env: { REGISTER_LIMIT_PER_HOUR: '2' } });
  }, 60_000);

  afterAll(async () => {
    await direct?.close();
    await second?.close();
    await first?.close();
    await database?.drop();
  });

  const api = (app: TestApp) => new HttpClient(`${app.url}/api/v1`);

  it('limits registrations per address across two processes, and stores nothing for a refused one', async () => {
    const address = randomIpv4();
    expect((await register(api(first), address)).status).toBe(201);
    expect((await register(api(second), address)).status).toBe(201);
    expect((await register(api(first), address)).status).toBe(201);
    const before = await database.query<{ n: string }>('select count(*) as n from users');
    const refused = await register(api(second), address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await database.query<{ n: string }>('select count(*) as n from users')).toEqual(before);
    expect((await register(api(first), randomIpv4())).status).toBe(201);
  });

  it('counts IPv6 addresses by their /64: a fresh address in the same prefix resets nothing', async () => {
    const prefix = randomPrefix();
    for (const host of ['0:0:0:1', 'a:b:c:d', 'ffff:1:2:3']) expect((await register(api(first), `${prefix}:${host}`)).status).toBe(201);
    expect((await register(api(second), `${prefix}:dead:beef:0:1`)).status).toBe(429);
    expect((await register(api(second), `${randomPrefix()}::1`)).status).toBe(201);
  });

  it('believes X-Forwarded-For only from TRUST_PROXY: a spoofed header never resets a limit', async () => {
    expect((await register(api(direct), randomIpv4())).status).toBe(201);
    expect((await register(api(direct), randomIpv4())).status).toBe(201);
    expect((await register(api(direct), randomIpv4())).status).toBe(429);
  });

  it('limits logins per account as well as per address', async () => {
    const account = { email: `akun-${randomUUID().slice(0, 8)}@contoh.id`, password: 'tebakan-salah' };
    const login = (app: TestApp) => api(app).request('POST', '/auth/login', account, { 'x-forwarded-for': randomIpv4() });
    expect((await login(first)).status).toBe(401);
    expect((await login(second)).status).toBe(401);
    expect((await login(first)).status).toBe(401);
    // A fourth guess from a fourth address: the account's own limit answers.
    expect((await login(second)).status).toBe(429);
  });
});
