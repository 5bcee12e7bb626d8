import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
const WEB_INDEX = join(ROOT, 'dist', 'web', 'index.html');
const WEB_SOURCES = ['apps/web', 'libs/contracts/src'];

function newestMtime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/web when it is missing or older than its sources, so the browser tests work from a fresh clone. */
export function ensureWebBuild(): void {
  const sources = Math.max(
    ...WEB_SOURCES.map((d) => join(ROOT, d))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= sources) return;
  execSync('npm run build:web', {
    cwd: ROOT,
    stdio: 'pipe',
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production' },
  });
}

/** The distribution's Chromium (CI and the README install it at /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
