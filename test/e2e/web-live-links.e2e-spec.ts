import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';

const SCREENSHOTS = process.env.BALAI_SCREENSHOTS;

/**
 * The way into live sessions from a consultation, in Chromium against the real server: an official
 * starts a session from the consultation's page and gets its join code and screen link; a citizen
 * finds it on the same page and joins in one tap. Controls are found by role and accessible name.
 */
describe("a consultation's live sessions in the web app (Chromium)", () => {
  let testApp: TestApp;
  let browser: Browser;
  let official: TestAccount;
  let citizen: TestAccount;
  let consultation: { id: string; title: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    official = await createAccount(testApp, 'official', 'Kantor Walikota');
    citizen = await createAccount(testApp, 'citizen', 'Sari Wulandari');
    consultation = (await official.http.post('/consultations', { title: 'Taman Kota Cempaka', description: 'Apa yang Anda inginkan?' }))
      .body;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  const url = (path: string) => `${testApp.url}${path}`;

  async function openPage(options: { token?: string; width?: number; height?: number; locale?: string } = {}): Promise<Page> {
    const context = await browser.newContext({
      locale: options.locale ?? 'id-ID',
      viewport: { width: options.width ?? 390, height: options.height ?? 844 },
    });
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
    await page.getByRole('region', { name: 'Sesi tanya jawab langsung' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  const liveRegion = (page: Page) => page.getByRole('region', { name: 'Sesi tanya jawab langsung' });

  it('lets an official start a live session from the consultation and shows its join code and screen link', async () => {
    const page = await openPage({ token: official.token });
    await page.goto(url(`/consultations/${consultation.id}`));
    const region = liveRegion(page);
    await region.getByText('Belum ada sesi langsung untuk konsultasi ini.').waitFor();
    await expectNoSeriousViolations(page);

    await region.getByRole('link', { name: 'Mulai sesi langsung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sesi tanya jawab langsung baru' }).waitFor();
    expect(new URL(page.url()).searchParams.get('consultationId')).toBe(consultation.id);
    const select = page.getByRole('combobox', { name: 'Konsultasi' });
    await page.locator('select:not([disabled])').waitFor();
    expect(await select.inputValue()).toBe(consultation.id);

    await page.getByRole('textbox', { name: 'Judul sesi' }).fill('Rapat Warga Taman Cempaka');
    await page.getByRole('button', { name: 'Buat sesi' }).click();
    await page.getByRole('heading', { name: 'Sesi dibuat: Rapat Warga Taman Cempaka' }).waitFor();
    const code = (await page.locator('.join-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(await page.getByRole('link', { name: 'Layar proyektor' }).getAttribute('href')).toBe(`/live/${code}/screen`);
    await page.getByRole('button', { name: 'Mulai sesi', exact: true }).click();
    await page.getByText('Sesi sedang berlangsung: peserta dapat bergabung sekarang.').waitFor();

    // The session was made for this consultation, and its page lists it live, with the links of those who run it.
    const listed = await citizen.http.get(`/live-sessions?consultationId=${consultation.id}`);
    expect(listed.body.items.map((s: { code: string; status: string }) => [s.code, s.status])).toEqual([[code, 'live']]);
    await page.goto(url(`/consultations/${consultation.id}`));
    const item = liveRegion(page).getByRole('listitem').filter({ hasText: 'Rapat Warga Taman Cempaka' });
    await item.getByText('Berlangsung sekarang').waitFor();
    await item.getByText(code).waitFor();
    const name = (words: string) => `${words}: Rapat Warga Taman Cempaka`;
    expect(await item.getByRole('link', { name: name('Ikut sesi') }).getAttribute('href')).toBe(`/live/${code}`);
    expect(await item.getByRole('link', { name: name('Konsol moderator') }).getAttribute('href')).toBe(`/live/${code}/moderate`);
    expect(await item.getByRole('link', { name: name('Layar aula') }).getAttribute('href')).toBe(`/live/${code}/screen`);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'consultation-live-official-390');
  });

  it("lists the consultation's sessions for a citizen, live first, without the moderators' links, and joins in one tap", async () => {
    // A second session, scheduled, and a third that has ended: the live one still comes first.
    const scheduled = (await official.http.post('/live-sessions', { title: 'Rapat RW 05', consultationId: consultation.id })).body;
    const ended = (await official.http.post('/live-sessions', { title: 'Rapat pembukaan', consultationId: consultation.id })).body;
    expect((await official.http.post(`/live-sessions/${ended.id}/start`)).status).toBe(200);
    expect((await official.http.post(`/live-sessions/${ended.id}/end`)).status).toBe(200);

    const page = await openPage({ token: citizen.token });
    await page.goto(url(`/consultations/${consultation.id}`));
    const region = liveRegion(page);
    const items = region.getByRole('listitem');
    await items.nth(2).waitFor();
    expect(await items.count()).toBe(3);
    expect(await items.nth(0).textContent()).toContain('Berlangsung sekarang');
    expect(await items.nth(0).textContent()).toContain('Rapat Warga Taman Cempaka');
    expect(await items.nth(1).textContent()).toContain('Dijadwalkan');
    expect(await items.nth(1).textContent()).toContain(scheduled.code);
    expect(await items.nth(2).textContent()).toContain('Selesai');
    // An ended session takes no one in; nobody but moderators and officials gets the console, the screen or the start link.
    expect(await items.nth(2).getByRole('link').count()).toBe(0);
    expect(await region.getByRole('link', { name: /^Konsol moderator|^Layar aula/ }).count()).toBe(0);
    expect(await region.getByRole('link', { name: 'Mulai sesi langsung' }).count()).toBe(0);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'consultation-live-citizen-390');

    await region.getByRole('link', { name: 'Ikut sesi: Rapat Warga Taman Cempaka' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapat Warga Taman Cempaka' }).waitFor();
    // Signed in: no name to give, the room is joined at once.
    await page.getByText('Anda ikut sebagai Sari Wulandari').waitFor();
    await page.getByRole('textbox', { name: 'Pertanyaan Anda' }).waitFor();
  });

  it('reads in English and, on a wide screen, for a reader who is not signed in', async () => {
    const page = await openPage({ locale: 'en-GB', width: 1920, height: 1080 });
    await page.goto(url(`/consultations/${consultation.id}`));
    const region = page.getByRole('region', { name: 'Live Q&A sessions' });
    await region.getByRole('link', { name: 'Join the session: Rapat Warga Taman Cempaka' }).waitFor();
    await region.getByText('Live now').waitFor();
    expect(await region.getByRole('link', { name: 'Start a live session' }).count()).toBe(0);
    await expectNoSeriousViolations(page);
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await region.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'consultation-live-reader-1920.png') });
    }

    // Nothing at all about live sessions on a consultation that has none, for a reader.
    const other = (await official.http.post('/consultations', { title: 'Jalur sepeda', description: 'Jalur sepeda baru.' })).body;
    const answered = page.waitForResponse((response) => response.url().includes(`/live-sessions?consultationId=${other.id}`));
    await page.goto(url(`/consultations/${other.id}`));
    await (await answered).finished();
    await page.getByRole('heading', { level: 1, name: 'Jalur sepeda' }).waitFor();
    // Two frames after the answer: React has rendered what it said.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    expect(await page.getByRole('region', { name: 'Live Q&A sessions' }).count()).toBe(0);
  });
});
