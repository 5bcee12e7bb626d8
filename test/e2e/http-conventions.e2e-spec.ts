import { createTestApp, TestApp } from '../support/test-app';

describe('HTTP conventions', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { ALLOWED_ORIGINS: 'https://warga.example.id' } });
  });
  afterAll(() => testApp.close());

  it('allows CORS only for the configured origins', async () => {
    const allowed = await fetch(`${testApp.url}/api/v1/auth/guest`, {
      method: 'OPTIONS',
      headers: { origin: 'https://warga.example.id', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://warga.example.id');
    const foreign = await fetch(`${testApp.url}/api/v1/auth/guest`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers and no framework banner', async () => {
    const res = await fetch(`${testApp.url}/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the OpenAPI UI and echoes a sane incoming request id', async () => {
    expect((await fetch(`${testApp.url}/api/docs`)).status).toBe(200);
    const res = await fetch(`${testApp.url}/api/v1/nothing`, { headers: { 'x-request-id': 'proxy-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('proxy-abc-123');
    const weird = await fetch(`${testApp.url}/api/v1/nothing`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(weird.headers.get('x-request-id')).not.toContain(' ');
  });

  it('answers a non-JSON content type on a JSON route with a problem, not a 500', async () => {
    const res = await fetch(`${testApp.url}/api/v1/auth/guest`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
