import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';

const SHOTS = process.env.NOTIFICATION_SCREENSHOTS;

/**
 * Notifications and progress in a real browser against the real server: a supporter sees the
 * notification arrive in the header badge (over the /live socket) and the badge drop once read; an
 * official moves an idea on from its thread page; /me keeps the language and the e-mail preference.
 */
describe('notifications and progress in the web app (Chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let official: TestAccount;
  let sari: TestAccount;
  let budi: TestAccount;
  let threadId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    official = await createAccount(testApp, 'official', 'Dinas Taman');
    sari = await createAccount(testApp, 'citizen', 'Sari Wulandari');
    budi = await createAccount(testApp, 'citizen', 'Budi Santoso');
    const consultationId = (await official.http.post('/consultations', { title: 'Taman Cempaka', description: 'Apa yang perlu?' })).body.id;
    threadId = (await sari.http.post('/threads', { title: 'Taman baca', body: 'Rak buku di taman.', kind: 'idea', consultationId })).body
      .id;
    expect((await budi.http.put(`/threads/${threadId}/support`)).status).toBe(200);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  async function openPage(token: string, viewport = { width: 390, height: 844 }): Promise<Page> {
    const context = await browser.newContext({ locale: 'id-ID', viewport });
    contexts.push(context);
    await context.addInitScript({
      content: `(() => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('balai.token', ${JSON.stringify(token)}); sessionStorage.setItem('seeded', '1'); } })()`,
    });
    return context.newPage();
  }
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  it('shows a supporter the notification arrive live, and the badge drop once read', async () => {
    const page = await openPage(budi.token);
    await page.goto(`${testApp.url}/`);
    await page.getByRole('link', { name: 'Notifikasi', exact: true }).waitFor();

    expect((await official.http.put(`/threads/${threadId}/progress`, { state: 'under_review' })).status).toBe(200);
    const badge = page.getByRole('link', { name: 'Notifikasi 1 belum dibaca' });
    await badge.waitFor();
    await badge.click();
    await page.getByRole('heading', { level: 1, name: 'Notifikasi' }).waitFor();
    const title = 'Ide “Taman baca”: sedang ditinjau';
    await page.getByRole('link', { name: title }).waitFor();
    expect(await page.getByText('Ide yang Anda dukung, “Taman baca”, kini sedang ditinjau.').count()).toBe(1);
    await expectNoSeriousViolations(page);
    await shot(page, 'notifications-390');

    await page.getByRole('button', { name: `Tandai dibaca: ${title}` }).click();
    await page.getByRole('link', { name: 'Notifikasi', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: `Tandai dibaca: ${title}` }).count()).toBe(0);

    // A change while the list is open: it appears at the top and the badge counts it.
    expect((await official.http.put(`/threads/${threadId}/progress`, { state: 'accepted', note: 'Dibangun tahun depan' })).status).toBe(
      200,
    );
    await page.getByRole('link', { name: 'Ide “Taman baca”: disetujui' }).waitFor();
    await page.getByRole('link', { name: 'Notifikasi 1 belum dibaca' }).waitFor();
    await page.getByRole('button', { name: 'Tandai semua dibaca' }).click();
    await page.getByRole('link', { name: 'Notifikasi', exact: true }).waitFor();
    expect((await budi.http.get('/me/notifications/unread-count')).body).toEqual({ count: 0 });
  });

  it('lets an official move an idea on from its thread page, with its public history', async () => {
    const page = await openPage(official.token, { width: 1920, height: 1080 });
    await page.goto(`${testApp.url}/threads/${threadId}`);
    await page.getByRole('heading', { level: 2, name: 'Perkembangan' }).waitFor();
    await page.getByText('Status: Disetujui').waitFor();
    await page.getByRole('list').filter({ hasText: 'Sedang ditinjau' }).first().waitFor();
    await page.getByRole('combobox', { name: 'Status baru' }).selectOption({ label: 'Selesai' });
    await page.getByRole('textbox', { name: 'Catatan' }).fill('Taman baca sudah dibuka.');
    await page.getByRole('button', { name: 'Simpan perkembangan' }).click();
    await page.getByText('Status: Selesai').waitFor();
    await page.getByText('Ini status akhir: tidak ada langkah berikutnya.').waitFor();
    await expectNoSeriousViolations(page);
    await shot(page, 'thread-progress-1920');
    const history = (await sari.http.get(`/threads/${threadId}/progress`)).body.map((change: { state: string }) => change.state);
    expect(history).toEqual(['under_review', 'accepted', 'done']);
    await page.goto(`${testApp.url}/consultations/${(await sari.http.get(`/threads/${threadId}`)).body.consultationId}`);
    await page.getByRole('combobox', { name: 'Perkembangan' }).selectOption({ label: 'Selesai' });
    await page.getByRole('link', { name: 'Taman baca' }).waitFor();
    await page.getByRole('combobox', { name: 'Perkembangan' }).selectOption({ label: 'Tidak ditindaklanjuti' });
    await page.getByText('Tidak ada diskusi yang cocok dengan pencarian Anda.').waitFor();
    expect(await page.getByRole('link', { name: 'Taman baca' }).count()).toBe(0);
  });

  it('keeps the language and the e-mail preference on /me', async () => {
    const page = await openPage(sari.token);
    await page.goto(`${testApp.url}/me`);
    await page.getByRole('heading', { level: 1, name: 'Akun saya' }).waitFor();
    const email = page.getByRole('checkbox', { name: 'Kirim notifikasi juga lewat e-mail' });
    expect(await email.isChecked()).toBe(true);
    await email.uncheck();
    await page.getByRole('combobox', { name: 'Bahasa notifikasi dan e-mail' }).selectOption('en');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Preferences saved.').waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    await expectNoSeriousViolations(page);
    await shot(page, 'me-390');
    expect((await sari.http.get('/me')).body).toMatchObject({ locale: 'en', emailNotifications: false });
  });
});
