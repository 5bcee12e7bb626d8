/**
 * The README's pictures, taken from the demo city on a fresh embedded database:
 *   node -r @swc-node/register scripts/readme-screenshots.ts
 * docs/screenshots/live-participant.png (a phone), live-console.png (a laptop), live-screen.png (the
 * hall's projector, 1920 × 1080).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, waitForHealthy } from '@balai/testing';
import { spawnServer } from '../test/support/server-process';
import { ensureWebBuild, launchChromium } from '../test/support/web';

const OUT = resolve(__dirname, '../docs/screenshots');
const ADMIN = { email: 'screenshots@balai.demo', password: `shots-${Date.now()}-${Math.random().toString(36).slice(2)}` };

async function main(): Promise<void> {
  ensureWebBuild();
  mkdirSync(OUT, { recursive: true });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-shots-'));
  const server = spawnServer({
    PORT: String(port),
    DATA_DIR: dataDir,
    NODE_ENV: 'production',
    BALAI_DEMO: 'true',
    BALAI_ADMIN_EMAIL: ADMIN.email,
    BALAI_ADMIN_PASSWORD: ADMIN.password,
  });
  const browser = await launchChromium();
  try {
    await waitForHealthy(server.url, 120_000);
    const live = (await (await fetch(`${server.url}/api/v1/live-sessions?status=live`)).json()) as { items: Array<{ code: string }> };
    const code = live.items[0]!.code;
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'id-ID',
    });
    const participant = await phone.newPage();
    await participant.goto(`${server.url}/live/${code}`);
    await participant.getByRole('textbox', { name: 'Nama tampilan' }).fill('Ibu Ratna');
    await participant.getByRole('button', { name: 'Lanjut' }).click();
    await participant.locator('.live-question-list').waitFor();
    await participant.waitForTimeout(500);
    await participant.screenshot({ path: join(OUT, 'live-participant.png') });

    const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
    await laptop.addInitScript({ content: `localStorage.setItem('balai.token', ${JSON.stringify(accessToken)});` });
    const console = await laptop.newPage();
    await console.goto(`${server.url}/live/${code}/moderate`);
    await console.locator('.console-queue, main').first().waitFor();
    await console.waitForTimeout(1000);
    await console.screenshot({ path: join(OUT, 'live-console.png') });

    const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID' });
    const screen = await projector.newPage();
    await screen.goto(`${server.url}/live/${code}/screen`);
    await screen.locator('canvas, img, svg').first().waitFor();
    await screen.waitForTimeout(1000);
    await screen.screenshot({ path: join(OUT, 'live-screen.png') });
    process.stdout.write(`wrote ${OUT}/live-{participant,console,screen}.png\n`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
