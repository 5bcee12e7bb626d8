import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';

const SCREENSHOTS = process.env.BALAI_SCREENSHOTS;

/**
 * Closing a consultation and publishing its decision in a real browser: the official closes (after a
 * confirmation), reads the summary, writes with a preview, publishes and amends; a logged-out
 * visitor finds the decision from the home page and reads it. Controls are found by role and name.
 */
describe('decisions in the web app (Chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let official: TestAccount;
  let sari: TestAccount;
  let consultation: { id: string; title: string };
  let thread: { id: string; title: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    official = await createAccount(testApp, 'official', 'Kantor Walikota');
    sari = await createAccount(testApp, 'citizen', 'Sari Wulandari');
    const budi = await createAccount(testApp, 'citizen', 'Budi Santoso');
    consultation = (await official.http.post('/consultations', { title: 'Taman Kota Cempaka', description: 'Apa yang Anda inginkan?' }))
      .body;
    thread = (
      await sari.http.post('/threads', {
        title: 'Pohon rindang di taman',
        body: 'Taman kota butuh pohon rindang dan bangku teduh.',
        kind: 'idea',
        consultationId: consultation.id,
      })
    ).body;
    expect((await budi.http.put(`/threads/${thread.id}/support`)).status).toBe(200);
    expect((await budi.http.post(`/threads/${thread.id}/posts`, { body: 'Setuju, pohon rindang untuk taman.' })).status).toBe(201);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  async function openPage(options: { token?: string; width?: number; height?: number } = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'id-ID', viewport: { width: options.width ?? 390, height: options.height ?? 844 } });
    contexts.push(context);
    if (options.token)
      await context.addInitScript({
        content: `if (!sessionStorage.getItem('seeded')) { localStorage.setItem('balai.token', ${JSON.stringify(options.token)}); sessionStorage.setItem('seeded', '1'); }`,
      });
    return context.newPage();
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  const url = (path: string) => `${testApp.url}${path}`;

  it('lets the official close (after a confirmation), read the summary, write with a preview, publish and amend', async () => {
    const page = await openPage({ token: official.token });
    await page.goto(url(`/consultations/${consultation.id}`));
    await page.getByRole('button', { name: 'Tutup konsultasi ini' }).click();
    const confirm = page.getByRole('region', { name: `Tutup “${consultation.title}”?` });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('tidak ada pertanyaan atau dukungan suara di sesi langsungnya');
    await expectNoSeriousViolations(page);
    await screenshot(page, 'close-confirm-390');
    await page.getByRole('button', { name: 'Ya, tutup konsultasi' }).click();

    const summary = page.getByRole('region', { name: 'Ringkasan konsultasi' });
    await summary.waitFor();
    const counts = summary.getByLabel('Partisipasi', { exact: true });
    expect(await counts.textContent()).toMatch(/Peserta\s*2/);
    await summary.getByRole('link', { name: 'Pohon rindang di taman' }).first().waitFor();
    expect(await summary.getByRole('table', { name: 'Partisipasi per hari' }).isVisible()).toBe(true);
    expect(await page.getByText('Ditutup', { exact: true }).isVisible()).toBe(true);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'summary-390');

    await page.getByRole('textbox', { name: 'Judul keputusan' }).fill('Keputusan Taman Cempaka');
    await page.getByRole('textbox', { name: 'Keputusan (Markdown)' }).fill('## Yang kami putuskan\n\nKota menanam **40 pohon** rindang.');
    await page.getByRole('button', { name: 'Pratinjau' }).first().click();
    const preview = page.getByRole('region', { name: 'Pratinjau Keputusan (Markdown)' });
    await preview.getByRole('heading', { name: 'Yang kami putuskan' }).waitFor();
    expect(await preview.locator('strong').textContent()).toBe('40 pohon');
    await page.getByRole('checkbox', { name: 'Pohon rindang di taman' }).check();
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Terbitkan keputusan' }).click();

    await page.getByRole('heading', { name: 'Keputusan kota' }).waitFor();
    expect(await page.getByText('Diputuskan', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Amandemen (Markdown)' }).fill('Penanaman mundur ke bulan Maret.');
    await page.getByRole('button', { name: 'Terbitkan amandemen' }).click();
    await page.getByRole('status').filter({ hasText: 'Amandemen diterbitkan.' }).waitFor();
    await expectNoSeriousViolations(page);

    const decisions = (await official.http.get('/decisions')).body.items;
    expect(decisions).toEqual([expect.objectContaining({ title: 'Keputusan Taman Cempaka', amendments: 1 })]);
    const decision = (await official.http.get(`/decisions/${decisions[0].id}`)).body;
    expect(decision.citedThreadIds).toEqual([thread.id]);
    expect(decision.body).toBe('## Yang kami putuskan\n\nKota menanam **40 pohon** rindang.');
  });

  it('lets a logged-out visitor find the decision from the home page and read it, with its feed and exports', async () => {
    for (const [width, height] of [
      [390, 844],
      [1920, 1080],
    ] as const) {
      const page = await openPage({ width, height });
      await page.goto(url('/'));
      const latest = page.getByRole('region', { name: 'Keputusan terbaru' });
      await latest.getByRole('link', { name: 'Keputusan Taman Cempaka' }).click();
      await page.getByRole('heading', { level: 1, name: 'Keputusan Taman Cempaka' }).waitFor();
      expect(await page.locator('.prose strong').first().textContent()).toBe('40 pohon');
      const amendments = page.getByRole('region', { name: 'Amandemen' });
      expect(await amendments.textContent()).toContain('Penanaman mundur ke bulan Maret.');
      expect(await page.getByRole('link', { name: 'Pohon rindang di taman' }).count()).toBeGreaterThan(0);
      await page.getByRole('region', { name: 'Ringkasan konsultasi' }).waitFor();
      expect(await page.getByRole('button', { name: 'Terbitkan amandemen' }).count()).toBe(0);
      const feed = page.getByRole('link', { name: 'Feed Atom keputusan' }).first();
      expect(await feed.getAttribute('href')).toBe('/api/v1/decisions/feed.atom');
      expect(await page.getByRole('link', { name: 'Unduh semua keputusan (CSV)' }).count()).toBeGreaterThan(0);
      await expectNoSeriousViolations(page);
      await screenshot(page, `decision-${width}`);

      // The feed, as the browser's own XML parser reads it: well-formed Atom with both entries.
      const parsed = await page.evaluate<{ error: boolean; entries: number; namespace: string | null }>(`(async () => {
        const text = await (await fetch('/api/v1/decisions/feed.atom')).text();
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return { error: doc.getElementsByTagName('parsererror').length > 0, entries: doc.getElementsByTagName('entry').length, namespace: doc.documentElement.namespaceURI };
      })()`);
      expect(parsed).toEqual({ error: false, entries: 2, namespace: 'http://www.w3.org/2005/Atom' });
    }
  });

  it('lists decisions at /decisions, in English too', async () => {
    const page = await openPage({ width: 1920, height: 1080 });
    await page.goto(url('/decisions?lang=en'));
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    await page.getByRole('link', { name: 'Keputusan Taman Cempaka' }).waitFor();
    expect(await page.getByText('1 amendment').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Download all decisions (JSON)' }).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'decisions-1920');
  });
});
