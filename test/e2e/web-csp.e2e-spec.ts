import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, TestAccount } from '../support/accounts';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';
import { createLiveSession, waitFor } from './live-helpers';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/**
 * The Content-Security-Policy against the built web app (issue 17): every route, opened in Chromium
 * from the real server, raises no `securitypolicyviolation` event and prints no "Refused to …" console
 * message; charts (Chart.js canvases), the join QR code and the Markdown preview render under it.
 */
describe('Content-Security-Policy in the web app (Chromium)', () => {
  jest.setTimeout(180_000);
  let testApp: TestApp;
  let browser: Browser;
  let admin: TestAccount;
  let code: string;
  let consultationId: string;
  let threadId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    admin = await createAccount(testApp, 'admin', 'Admin Kota');
    const official = await createAccount(testApp, 'official', 'Kantor Walikota');
    const sari = await createAccount(testApp, 'citizen', 'Sari');
    consultationId = (await official.http.post('/consultations', { title: 'Taman Kota', description: 'Apa pendapat **Anda**?' })).body.id;
    threadId = (await sari.http.post('/threads', { title: 'Pohon rindang', body: 'Perlu _teduh_.', kind: 'idea', consultationId })).body.id;
    await official.http.put(`/threads/${threadId}/support`);
    await official.http.put(`/threads/${threadId}/progress`, { state: 'under_review' });
    const session = await createLiveSession(admin, { consultationId, preModeration: false });
    code = session.code;
    const poll = await admin.http.post('/polls', {
      question: 'Setuju?',
      options: ['Ya', 'Tidak'],
      liveSessionId: session.id,
      resultsVisibility: 'live',
    });
    expect(poll.status).toBe(201);
    await sari.http.put(`/polls/${poll.body.id}/ballot`, { optionIds: [poll.body.options[0].id] });
    const closedId = (await official.http.post('/consultations', { title: 'Pasar Baru', description: 'Usulan pasar.' })).body.id;
    await official.http.post(`/consultations/${closedId}/close`);
    await official.http.post(`/consultations/${closedId}/decision`, {
      title: 'Keputusan Pasar',
      body: '## Keputusan\n\nPasar direnovasi.',
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  it('sends a policy with script-src self only, no unsafe-inline or unsafe-eval for scripts', async () => {
    for (const path of ['/', '/live/ABC123', '/api/v1/consultations']) {
      const response = await fetch(`${testApp.url}${path}`);
      const policy = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        policy
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values] as const),
      );
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('script-src-attr')).toEqual(["'none'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
      expect(directives.get('connect-src')).toEqual(["'self'"]);
      expect(policy).not.toContain('unsafe-eval');
    }
    // The built page itself carries nothing inline a stricter policy would have to allow.
    const html = await (await fetch(`${testApp.url}/`)).text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style|\sstyle\s*=/i);
  });

  async function openPage(token?: string): Promise<{ page: Page; violations: Violation[] }> {
    const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const violations: Violation[] = [];
    await context.exposeBinding('__reportCsp', (_source, violation: Violation) => void violations.push(violation));
    await context.addInitScript({
      content:
        `document.addEventListener('securitypolicyviolation', (e) => window.__reportCsp({ directive: e.violatedDirective, blocked: e.blockedURI, source: (e.sourceFile || '') + ':' + e.lineNumber }));` +
        (token ? `localStorage.setItem('balai.token', ${JSON.stringify(token)});` : ''),
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Refused to/.test(message.text()))
        violations.push({ directive: 'console', blocked: message.text(), source: message.location().url });
    });
    return { page, violations };
  }

  it('opens every route without a single violation, charts and the QR code drawn', async () => {
    const routes: { path: string; token?: string; ready: (page: Page) => Promise<unknown> }[] = [
      { path: '/', ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/live', ready: (p) => p.locator('h1').first().waitFor() },
      { path: `/live/${code}`, token: admin.token, ready: (p) => p.getByText('Setuju?').first().waitFor() },
      { path: `/live/${code}/moderate`, token: admin.token, ready: (p) => p.locator('h1').first().waitFor() },
      {
        path: `/live/${code}/screen`,
        ready: async (p) => {
          await p.locator('svg.join-qr').waitFor();
          await p.locator('.poll-chart canvas').first().waitFor();
        },
      },
      { path: '/live/new', token: admin.token, ready: (p) => p.locator('h1').first().waitFor() },
      { path: `/consultations/${consultationId}`, token: admin.token, ready: (p) => p.locator('h1').first().waitFor() },
      { path: `/threads/${threadId}`, token: admin.token, ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/decisions', ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/transparency', ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/moderation', token: admin.token, ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/notifications', token: admin.token, ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/me', token: admin.token, ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/login', ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/register', ready: (p) => p.locator('h1').first().waitFor() },
      { path: '/no-such-page', ready: (p) => p.locator('h1').first().waitFor() },
    ];
    const found: string[] = [];
    for (const route of routes) {
      const { page, violations } = await openPage(route.token);
      const response = await page.goto(`${testApp.url}${route.path}`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await route.ready(page);
      // The decision page from the list: a link a visitor follows, Markdown rendered.
      if (route.path === '/decisions') {
        await page.getByRole('link', { name: 'Keputusan Pasar' }).first().click();
        await page.getByRole('heading', { name: 'Keputusan Pasar' }).first().waitFor();
      }
      // Every script the page started has run its first frame (charts draw in one).
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
      found.push(...violations.map((v) => `${route.path}: ${v.directive} ${v.blocked} ${v.source}`));
      await page.context().close();
    }
    expect(found).toEqual([]);
  });

  it('notices a violation when there is one (the listener works)', async () => {
    const { page, violations } = await openPage();
    await page.goto(`${testApp.url}/login`);
    await page.locator('h1').first().waitFor();
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
    }`);
    await waitFor(() => violations.length > 0, 'a securitypolicyviolation event');
    expect(violations[0]?.directive).toMatch(/^script-src/);
    expect(await page.evaluate('window.__inline')).toBeUndefined();
  });
});
