import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';

/**
 * The moderation desk and the report button in Chromium against the real server, found by role and
 * accessible name (Indonesian unless said otherwise).
 */
describe('moderation desk (Chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let rina: TestAccount;
  let sari: TestAccount;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    rina = await createAccount(testApp, 'moderator', 'Rina Moderator');
    sari = await createAccount(testApp, 'citizen', 'Sari');
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  const url = (path: string) => `${testApp.url}${path}`;
  /** MODERATION_SCREENSHOTS=<dir>: pictures of the pages as the tests leave them. */
  const shoot = async (page: Page, name: string) => {
    if (process.env.MODERATION_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.MODERATION_SCREENSHOTS}/${name}.png`, fullPage: true });
  };

  async function openPage(options: { token?: string; width?: number; height?: number; locale?: string } = {}): Promise<Page> {
    const context = await browser.newContext({
      locale: options.locale ?? 'id-ID',
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    });
    contexts.push(context);
    if (options.token)
      await context.addInitScript({
        content: `(() => { if (!localStorage.getItem('balai.token')) localStorage.setItem('balai.token', ${JSON.stringify(options.token)}); })()`,
      });
    return context.newPage();
  }

  it('a moderator hides a reported post from the desk, and it leaves the public page', async () => {
    const thread = (await sari.http.post('/threads', { title: 'Taman Cempaka', body: 'Perlu ayunan baru.', kind: 'idea' })).body;
    const post = (await sari.http.post(`/threads/${thread.id}/posts`, { body: 'Beli obat murah di situs kami!' })).body;
    expect(post.status).toBe('visible');

    // A citizen reports the post from the thread page, on a phone.
    const reporter = await createAccount(testApp, 'citizen', 'Budi');
    const reporterPage = await openPage({ token: reporter.token, width: 390, height: 844 });
    await reporterPage.goto(url(`/threads/${thread.id}`));
    await reporterPage.getByRole('button', { name: 'Laporkan kiriman dari Sari' }).click();
    await reporterPage.getByRole('combobox', { name: 'Alasan laporan' }).selectOption({ label: 'Spam' });
    await reporterPage.getByRole('button', { name: 'Kirim laporan' }).click();
    await reporterPage.getByRole('status').filter({ hasText: 'laporan Anda terkirim' }).waitFor();
    await expectNoSeriousViolations(reporterPage);
    await shoot(reporterPage, 'report-390');

    // The moderator's desk shows it; they choose a reason and hide it.
    const desk = await openPage({ token: rina.token, width: 1920, height: 1080 });
    await desk.goto(url('/moderation'));
    await desk.getByRole('heading', { level: 1, name: 'Meja moderasi' }).waitFor();
    const item = desk.getByRole('article', { name: 'Kiriman: Beli obat murah di situs kami!' });
    await item.waitFor();
    await item.getByText('1 laporan').waitFor();
    await expectNoSeriousViolations(desk);
    await shoot(desk, 'desk-1920');
    await item.getByRole('button', { name: /^Pegang/ }).click();
    await item.getByText(/Anda pegang sampai/).waitFor();
    await item.getByRole('combobox', { name: 'Alasan keputusan' }).selectOption({ label: 'Spam' });
    await item.getByRole('button', { name: /^Sembunyikan/ }).click();
    await desk.getByText('Item disembunyikan.').waitFor();
    await item.waitFor({ state: 'detached' });
    await desk.getByRole('table').getByRole('cell', { name: 'Sembunyikan' }).first().waitFor();

    // The public page no longer shows it.
    const reader = await openPage({ width: 390, height: 844 });
    await reader.goto(url(`/threads/${thread.id}`));
    await reader.getByRole('heading', { level: 1, name: 'Taman Cempaka' }).waitFor();
    await reader.getByText('Belum ada balasan', { exact: false }).or(reader.getByRole('list')).first().waitFor();
    expect(await reader.getByText('Beli obat murah di situs kami!').count()).toBe(0);
  });

  it('speaks English, works with the keyboard alone, and updates without a reload', async () => {
    const desk = await openPage({ token: rina.token, locale: 'en-GB', width: 390, height: 844 });
    await desk.goto(url('/moderation?lang=en'));
    await desk.getByRole('heading', { level: 1, name: 'Moderation desk' }).waitFor();
    // A new flagged thread arrives while the page is open.
    const flagged = (await sari.http.post('/threads', { title: 'Marah', body: 'Dasar b4ngs4t', kind: 'complaint' })).body;
    expect(flagged.status).toBe('pending');
    const item = desk.getByRole('article', { name: /^Thread: Marah/ });
    await item.waitFor({ timeout: 15_000 });
    await expectNoSeriousViolations(desk);
    await shoot(desk, 'desk-390-en');
    await item.focus();
    await desk.keyboard.press('c');
    await item.getByText(/Yours until/).waitFor();
    await desk.keyboard.press('a');
    await desk.getByText('Item approved.').waitFor();
    expect((await sari.http.get(`/threads/${flagged.id}`)).body.status).toBe('visible');
  });

  it('enters a question from the hall and merges a duplicate from the live console', async () => {
    const created = await rina.http.post('/live-sessions', { title: 'Rapat Warga Cempaka', preModeration: false });
    const session = (await rina.http.post(`/live-sessions/${created.body.id}/start`)).body;
    const consolePage = await openPage({ token: rina.token, width: 1920, height: 1080 });
    await consolePage.goto(url(`/live/${session.code}/moderate`));
    await consolePage.getByRole('heading', { level: 1, name: session.title }).waitFor();
    await consolePage.getByRole('status').filter({ hasText: 'Terhubung' }).waitFor();

    await consolePage.getByRole('textbox', { name: 'Teks pertanyaan' }).fill('Kapan pasar dibuka lagi?');
    await consolePage.getByRole('combobox', { name: 'Sumber' }).selectOption({ label: 'Kartu kertas' });
    await consolePage.getByRole('button', { name: 'Tambahkan pertanyaan' }).click();
    await consolePage.getByText('Pertanyaan dari aula ditambahkan dan langsung disetujui.').waitFor();
    await consolePage.getByRole('textbox', { name: 'Teks pertanyaan' }).fill('Pasar kapan buka?');
    await consolePage.getByRole('button', { name: 'Tambahkan pertanyaan' }).click();
    const questions = async () => (await rina.http.get(`/live-sessions/${session.id}/questions?sort=recent`)).body.items as any[];
    let target: any;
    let duplicate: any;
    for (let attempt = 0; attempt < 50 && !duplicate; attempt++) {
      const items = await questions();
      target = items.find((q) => q.text === 'Kapan pasar dibuka lagi?');
      duplicate = items.find((q) => q.text === 'Pasar kapan buka?');
      if (!duplicate) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(target).toMatchObject({ status: 'approved', source: 'card' });
    const duplicateSelect = consolePage.getByRole('combobox', { name: 'Pertanyaan duplikat' });
    await duplicateSelect.locator(`option[value="${duplicate.id}"]`).waitFor({ state: 'attached' });
    await duplicateSelect.selectOption(duplicate.id);
    await consolePage.getByRole('combobox', { name: 'Gabungkan ke' }).selectOption(target.id);
    await expectNoSeriousViolations(consolePage);
    await shoot(consolePage, 'console-tools-1920');
    await consolePage.getByRole('button', { name: 'Gabungkan', exact: true }).click();
    await consolePage.getByText(/Pertanyaan digabungkan/).waitFor();
    const merged = (await rina.http.get(`/live-sessions/${session.id}/questions?status=merged`)).body.items;
    expect(merged).toEqual([expect.objectContaining({ id: duplicate.id, mergedInto: target.id })]);
  });

  it('tells a citizen the desk is for moderators', async () => {
    const page = await openPage({ token: sari.token });
    await page.goto(url('/moderation'));
    await page.getByText('Hanya moderator yang dapat membuka meja moderasi.').waitFor();
  });
});
