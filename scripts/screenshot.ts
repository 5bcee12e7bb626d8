// Saves docs/screenshot.png for the README: the home page at phone width, on the demo city.
// Run: node -r @swc-node/register scripts/screenshot.ts
// Boots the real app on a throwaway embedded PGlite database with BALAI_DEMO=true, builds the
// web app first if dist/web is missing or stale, and drives the system Chromium.
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp } from '../test/support/test-app';
import { ensureWebBuild, launchChromium } from '../test/support/web';

const OUTPUT = join(__dirname, '..', 'docs', 'screenshot.png');

async function main(): Promise<void> {
  ensureWebBuild();
  const testApp = await createTestApp({ embedded: true, env: { BALAI_DEMO: 'true' } });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${testApp.url}/`);
    await page.locator('.cards, .empty').first().waitFor();
    mkdirSync(join(OUTPUT, '..'), { recursive: true });
    await page.screenshot({ path: OUTPUT, fullPage: false });
    process.stdout.write(`Saved ${OUTPUT}\n`);
  } finally {
    await browser.close();
    await testApp.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
