import { JwtService } from '@nestjs/jwt';
import { HttpClient, TEST_JWT_SECRET } from '@balai/testing';
import { createAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';

describe('identity (PostgreSQL)', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await createTestApp({
      env: {
        LOGIN_LIMIT_PER_MINUTE: '5',
        TRUST_PROXY: '127.0.0.1',
        BALAI_ADMIN_EMAIL: 'root@test.balai',
        BALAI_ADMIN_PASSWORD: 'root-password-123',
      },
    });
    http = new HttpClient(`${testApp.url}/api/v1`);
  });
  afterAll(() => testApp.close());

  describe('register', () => {
    it('creates a citizen and returns a token that /me accepts', async () => {
      const res = await http.post('/auth/register', {
        email: 'Sari@Example.id',
        password: 'kata-sandi-rahasia',
        displayName: ' Sari ',
        locale: 'id',
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toEqual({
        id: expect.any(String),
        email: 'sari@example.id',
        displayName: 'Sari',
        role: 'citizen',
        locale: 'id',
      });
      expect(res.body.user).not.toHaveProperty('passwordHash');
      const me = await http.as(res.body.accessToken).get('/me');
      expect(me.status).toBe(200);
      // GET /me adds the caller's preferences to the user.
      expect(me.body).toEqual({ ...res.body.user, emailNotifications: true });
    });

    it('answers a taken e-mail (any case) with 409', async () => {
      await http.post('/auth/register', { email: 'budi@example.id', password: 'kata-sandi-rahasia', displayName: 'Budi' });
      const res = await http.post('/auth/register', { email: 'BUDI@example.id', password: 'another-password', displayName: 'Budi 2' });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        status: 409,
        code: 'email_taken',
        type: expect.any(String),
        title: 'Conflict',
        detail: expect.any(String),
      });
    });

    it('lists every bad field at once', async () => {
      const res = await http.post('/auth/register', { email: 'not-an-email', password: 'short', displayName: '', locale: 'fr' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(new Set(fields)).toEqual(new Set(['email', 'password', 'displayName', 'locale']));
    });

    it('rejects unknown fields and wrong types', async () => {
      const res = await http.post('/auth/register', { email: 'x@example.id', password: 12345678901, displayName: 'X', role: 'admin' });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['password', 'role']));
    });

    it('answers malformed JSON with a 400 problem, not a 500', async () => {
      const res = await http.request('POST', '/auth/register', '{"email": "a@b.c", ', { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
    });

    it('answers a body over 100 KB with 413', async () => {
      const res = await http.post('/auth/register', {
        email: 'big@example.id',
        password: 'kata-sandi-rahasia',
        displayName: 'x'.repeat(110 * 1024),
      });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ status: 413, code: 'payload_too_large' });
    });
  });

  describe('login', () => {
    it('returns a token for the right password and 401 for a wrong one', async () => {
      await http.post('/auth/register', { email: 'wati@example.id', password: 'kata-sandi-rahasia', displayName: 'Wati' });
      const ok = await http.post('/auth/login', { email: 'WATI@example.id', password: 'kata-sandi-rahasia' });
      expect(ok.status).toBe(200);
      expect(ok.body.user.email).toBe('wati@example.id');
      const wrong = await http.post('/auth/login', { email: 'wati@example.id', password: 'wrong-password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('invalid_credentials');
      const nobody = await http.post('/auth/login', { email: 'nobody@example.id', password: 'wrong-password' });
      expect(nobody.status).toBe(401);
    });
  });

  describe('guest', () => {
    it('creates a guest with only a display name', async () => {
      const res = await http.post('/auth/guest', { displayName: 'Ibu Rina' });
      expect(res.status).toBe(201);
      expect(res.body.user).toEqual({ id: expect.any(String), displayName: 'Ibu Rina', role: 'guest' });
      const me = await http.as(res.body.accessToken).get('/me');
      expect(me.body).toEqual({ id: res.body.user.id, displayName: 'Ibu Rina', role: 'guest', locale: 'id', emailNotifications: true });
    });

    it('lets a whole hall in from one address', async () => {
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => http.post('/auth/guest', { displayName: `Warga ${i}` })));
      expect(results.every((r) => r.status === 201)).toBe(true);
    });
  });

  describe('tokens', () => {
    it('answers no token, a malformed header, a bad signature and an expired token with 401', async () => {
      expect((await http.get('/me')).status).toBe(401);
      expect((await http.request('GET', '/me', undefined, { authorization: 'Token abc' })).status).toBe(401);
      expect((await http.as('not.a.jwt').get('/me')).status).toBe(401);
      const forged = new JwtService({ secret: 'some-other-secret-of-sufficient-length!!' }).sign({ sub: 'x', role: 'admin', name: 'x' });
      const bad = await http.as(forged).get('/me');
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('invalid_token');
      const expired = new JwtService({ secret: TEST_JWT_SECRET }).sign({ sub: 'x', role: 'admin', name: 'x' }, { expiresIn: -10 });
      const res = await http.as(expired).get('/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('token_expired');
      expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(/);
    });
  });

  describe('roles', () => {
    it('bootstraps the admin from the environment, who assigns roles', async () => {
      const admin = await http.post('/auth/login', { email: 'root@test.balai', password: 'root-password-123' });
      expect(admin.status).toBe(200);
      expect(admin.body.user.role).toBe('admin');
      const citizen = await createAccount(testApp, 'citizen');
      const res = await http.as(admin.body.accessToken).put(`/users/${citizen.id}/role`, { role: 'moderator' });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe('moderator');
      const relogin = await http.post('/auth/login', { email: citizen.email, password: citizen.password });
      expect(relogin.body.user.role).toBe('moderator');
    });

    it('refuses role changes from non-admins (403), guest tokens on citizen routes (403), bad ids (400) and unknown users (404)', async () => {
      const official = await createAccount(testApp, 'official');
      const citizen = await createAccount(testApp, 'citizen');
      expect((await official.http.put(`/users/${citizen.id}/role`, { role: 'admin' })).status).toBe(403);
      const guest = await http.post('/auth/guest', { displayName: 'Tamu' });
      const asGuest = await http.as(guest.body.accessToken).put(`/users/${citizen.id}/role`, { role: 'admin' });
      expect(asGuest.status).toBe(403);
      expect(asGuest.body.code).toBe('role_required');
      const admin = await createAccount(testApp, 'admin');
      const badId = await admin.http.put('/users/not-a-uuid/role', { role: 'moderator' });
      expect(badId.status).toBe(400);
      expect(badId.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
      expect((await admin.http.put('/users/0190a0a0-0000-7000-8000-000000000000/role', { role: 'moderator' })).status).toBe(404);
      expect((await admin.http.put(`/users/${citizen.id}/role`, { role: 'emperor' })).status).toBe(400);
      const guestTarget = await admin.http.put(`/users/${guest.body.user.id}/role`, { role: 'citizen' });
      expect(guestTarget.status).toBe(409);
    });
  });

  describe('HTTP conventions', () => {
    it('answers unknown routes with a 404 problem and sends a request id', async () => {
      const res = await http.get('/no-such-route');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
    });

    it('serves OpenAPI JSON and reports health', async () => {
      const docs = await fetch(`${testApp.url}/api/docs-json`);
      expect(docs.status).toBe(200);
      const document = (await docs.json()) as { paths: Record<string, unknown> };
      expect(document.paths).toHaveProperty('/api/v1/auth/register');
      const health = await fetch(`${testApp.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
    });
  });

  describe('login rate limit', () => {
    it('is rate limited per IP with Retry-After, and guests are not counted as logins', async () => {
      const attempts = [];
      for (let i = 0; i < 7; i++) attempts.push(await http.post('/auth/login', { email: 'nobody@example.id', password: 'x' }));
      const limited = attempts.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited[0].body.code).toBe('rate_limited');
      const guest = await http.post('/auth/guest', { displayName: 'Tamu di aula' });
      expect(guest.status).toBe(201);
    });

    it('counts each client address behind a trusted proxy separately', async () => {
      const other = await http.request(
        'POST',
        '/auth/login',
        { email: 'nobody@example.id', password: 'x' },
        { 'x-forwarded-for': '203.0.113.9' },
      );
      expect(other.status).toBe(401);
    });
  });
});

describe('the last admin', () => {
  it('cannot be demoted, so the city never loses its admin', async () => {
    const testApp = await createTestApp();
    try {
      const admin = await createAccount(testApp, 'admin');
      const res = await admin.http.put(`/users/${admin.id}/role`, { role: 'citizen' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('last_admin');
      const second = await createAccount(testApp, 'admin');
      expect((await second.http.put(`/users/${admin.id}/role`, { role: 'citizen' })).status).toBe(200);
    } finally {
      await testApp.close();
    }
  });
});
