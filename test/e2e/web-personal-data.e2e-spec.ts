import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HttpClient } from '@balai/testing';
import { createAccount, createGuest, TEST_PASSWORD, TestAccount } from '../support/accounts';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';

/**
 * "Your data" on `/me` in a real browser: the download is a JSON file with the person's own thread;
 * deleting asks for confirmation in a dialog (a password for accounts, none for guests), then the tab
 * is signed out and says so; the thread then shows "mantan peserta".
 */
describe('your data in the web app (Chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let sari: TestAccount;
  let threadId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    sari = await createAccount(testApp, 'citizen', 'Sari Wulandari');
    threadId = (await sari.http.post('/threads', { title: 'Taman baca', body: 'Rak buku di taman.', kind: 'idea' })).body.id;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  async function openPage(token: string, locale = 'id-ID'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, acceptDownloads: true });
    contexts.push(context);
    await context.addInitScript({
      content: `(() => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('balai.token', ${JSON.stringify(token)}); sessionStorage.setItem('seeded', '1'); } })()`,
    });
    return context.newPage();
  }

  it('downloads a JSON file with the account and its thread; no token in any URL', async () => {
    const page = await openPage(sari.token);
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(`${testApp.url}/me`);
    await page.getByRole('heading', { level: 2, name: 'Data saya' }).waitFor();
    await expectNoSeriousViolations(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh data saya' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^balai-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.account).toMatchObject({ id: sari.id, email: sari.email });
    expect(data.forum.threads.map((thread: { id: string; title: string }) => [thread.id, thread.title])).toEqual([
      [threadId, 'Taman baca'],
    ]);
    await page.getByRole('status').filter({ hasText: 'Data Anda sudah diunduh.' }).waitFor();
    expect(urls.some((url) => url.includes(sari.token))).toBe(false);
  });

  it('deletes the account after a confirmation with the password: the tab signs out and says so', async () => {
    const page = await openPage(sari.token);
    await page.goto(`${testApp.url}/me`);
    await page.getByRole('button', { name: 'Hapus akun saya' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hapus akun ini?' });
    await dialog.waitFor();
    await expectNoSeriousViolations(page);

    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Hapus akun saya' }).click();

    await dialog.getByLabel('Kata sandi').fill('bukan-kata-sandi');
    await dialog.getByRole('button', { name: 'Ya, hapus akun saya' }).click();
    await dialog.getByText('Kata sandi salah: akun tidak dihapus.').waitFor();
    expect((await sari.http.get('/me')).status).toBe(200);

    await dialog.getByLabel('Kata sandi').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Ya, hapus akun saya' }).click();
    await page.getByText('Akun Anda telah dihapus dan Anda telah keluar.', { exact: false }).waitFor();
    await page.getByRole('navigation', { name: 'Utama' }).getByRole('link', { name: 'Masuk', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.evaluate<string | null>("localStorage.getItem('balai.token')")).toBeNull();
    expect((await sari.http.get('/me')).status).toBe(401);
    await expectNoSeriousViolations(page);

    // The thread stays, under a former participant, in the page's language.
    await page.goto(`${testApp.url}/threads/${threadId}`);
    await page.getByRole('heading', { level: 1, name: 'Taman baca' }).waitFor();
    await page.getByText('mantan peserta', { exact: false }).first().waitFor();
    expect(await page.getByText('Sari Wulandari').count()).toBe(0);
  });

  it('a guest deletes without a password (English)', async () => {
    const guest = await createGuest(testApp, 'Pak Joko');
    const page = await openPage(guest.token, 'en-GB');
    await page.goto(`${testApp.url}/me?lang=en`);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this account?' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Password').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Yes, delete my account' }).click();
    await page.getByText('Your account has been deleted and you are signed out.', { exact: false }).waitFor();
    expect((await new HttpClient(`${testApp.url}/api/v1`).as(guest.token).get('/me')).status).toBe(401);
  });
});
