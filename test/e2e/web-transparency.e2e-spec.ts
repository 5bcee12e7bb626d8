import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseLogFile, verifyLogFile } from '@balai/contracts';
import { TransparencyLogService } from '@balai/transparency';
import { expectNoSeriousViolations } from '../support/axe';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuild, launchChromium } from '../support/web';

/**
 * /transparency in Chromium against the real server: the page reads every entry, checks the chain
 * with Web Crypto, pages through the entries, and names the entry that breaks once a row is altered
 * in the database behind its back. Found by role and name, in Indonesian and English.
 */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('transparency page (Chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const shots = process.env.TRANSPARENCY_SCREENSHOTS;

  beforeAll(async () => {
    ensureWebBuild();
    testApp = await createTestApp();
    browser = await launchChromium();
    const log = testApp.app.get(TransparencyLogService);
    const em = () => testApp.app.get(MikroORM).em.fork() as EntityManager;
    const consultationId = '0193a000-0000-7000-8000-000000000001';
    await log.append(em(), {
      type: 'consultation.closed',
      subjectId: consultationId,
      payload: { consultationId, title: 'Desain Taman Kota Cempaka' },
    });
    await log.append(em(), {
      type: 'decision.published',
      subjectId: '0193a000-0000-7000-8000-000000000002',
      payload: { consultationId, title: 'Taman Cempaka: jalur pejalan kaki diperlebar', bodySha256: 'a'.repeat(64) },
    });
    for (let n = 0; n < 23; n++) {
      await log.append(em(), {
        type: 'moderation.action',
        subjectId: `0193a000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
        payload: {
          action: n % 3 === 0 ? 'hide' : 'approve',
          reasonCode: n % 3 === 0 ? 'spam' : null,
          target: { type: 'question', id: `q-${n}` },
        },
      });
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await testApp?.close();
  });

  async function open(locale: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ locale, viewport, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  it('is linked from the footer, checks all 25 entries in the browser, says what that proves, and pages through them', async () => {
    const page = await open('id-ID', { width: 390, height: 844 });
    await page.goto(`${testApp.url}/`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Log transparansi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log transparansi' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Rantai utuh: semua 25 entri diperiksa di peramban Anda dan cocok.' }).waitFor();
    await page.getByRole('heading', { name: 'Apa yang dibuktikan' }).waitFor();
    await page.getByRole('heading', { name: 'Apa yang tidak dibuktikan' }).waitFor();
    // The verified log as a file, which verify-log reads (checked here with the same chain check).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh log (JSON Lines)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('balai-transparency-log-25.jsonl');
    const file = parseLogFile(readFileSync(await download.path(), 'utf8'));
    expect(file.ok && (await verifyLogFile(file, sha256))).toMatchObject({ ok: true, count: 25 });
    // Newest first, 20 to a page.
    const list = page.getByRole('list', { name: 'Entri' });
    expect(await list.getByRole('listitem').count()).toBe(20);
    await list.getByRole('heading', { name: 'Entri 25: Tindakan moderasi' }).waitFor();
    if (shots) await page.screenshot({ path: `${shots}/transparency-390.png` });
    await expectNoSeriousViolations(page);

    await page.getByRole('navigation', { name: 'Halaman entri' }).getByRole('button', { name: 'Lebih lama' }).click();
    expect(await list.getByRole('listitem').count()).toBe(5);
    await list.getByRole('heading', { name: 'Entri 2: Keputusan diterbitkan' }).waitFor();
    await list.getByRole('heading', { name: 'Entri 1: Konsultasi ditutup' }).waitFor();
    expect(await list.getByRole('link', { name: '0193a000-0000-7000-8000-000000000001' }).getAttribute('href')).toBe(
      '/consultations/0193a000-0000-7000-8000-000000000001',
    );
    await page.getByRole('button', { name: 'Lebih baru' }).click();
    await list.getByRole('heading', { name: 'Entri 25: Tindakan moderasi' }).waitFor();
    if (shots) {
      await list.getByRole('listitem').first().scrollIntoViewIfNeeded();
      await list.getByRole('listitem').first().getByText('Sidik (hash):').click();
      await page.screenshot({ path: `${shots}/transparency-390-entries.png` });
    }
  });

  it('names the entry that breaks once a row is altered in the database, and shows it', async () => {
    const database = testApp.database!;
    await database.query('alter table transparency_log disable trigger transparency_log_no_change');
    await database.query(
      `update transparency_log set payload = '{"action":"approve","reasonCode":null,"target":{"id":"q-0","type":"question"}}' where seq = 3`,
    );
    await database.query('alter table transparency_log enable trigger transparency_log_no_change');

    const page = await open('en-GB', { width: 1920, height: 1080 });
    await page.goto(`${testApp.url}/transparency?lang=en`);
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'The chain breaks at entry 3.' }).waitFor();
    await alert
      .filter({ hasText: 'The content of entry 3 no longer matches its fingerprint: it was changed after it was written.' })
      .waitFor();
    await alert.filter({ hasText: 'Entries before it that check out: 2.' }).waitFor();
    await page.getByRole('button', { name: 'Show entry 3' }).click();
    const entry = page.getByRole('listitem', { name: 'Entry 3: Moderation action' });
    await entry.getByText('The chain breaks here').waitFor();
    expect(await page.evaluate<string>('document.activeElement ? document.activeElement.id : ""')).toBe('entry-3');
    if (shots) {
      await page.screenshot({ path: `${shots}/transparency-broken-1920.png` });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: `${shots}/transparency-broken-1920-top.png` });
    }
    await expectNoSeriousViolations(page);
  });
});
