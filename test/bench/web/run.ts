/**
 * The web app's budgets, measured in Chromium against the real server (embedded database, demo city):
 *   npm run bench:web                  JavaScript per route (gzip) and Lighthouse (mobile) on /live/:code
 *   npm run bench:web -- --no-lighthouse --no-docs
 * Side by side in the same run: the participant route against the home page and against the whole
 * app's JavaScript (what a phone would fetch without code splitting), and Lighthouse on /live/:code
 * against the home page. Not part of npm test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { freePort, waitForHealthy } from '@balai/testing';
import { spawnServer } from '../../support/server-process';
import { ensureWebBuild, launchChromium } from '../../support/web';
import { writeBenchmarkSection } from '../benchmarks-doc';

const argv = process.argv.slice(2);
const has = (name: string): boolean => argv.includes(`--${name}`);
const ROOT = resolve(__dirname, '../../..');
const BUDGET_KB = 130;
const LIGHTHOUSE = { performance: 90, accessibility: 100 };

const log = (message: string): void => void process.stderr.write(`[bench:web] ${message}\n`);
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/**
 * The JavaScript a page fetches until the network is quiet, each file's size as the server sends it
 * gzipped; with `then`, also what it fetches for what `then` does on the page (a guest joining, say).
 */
async function scriptsOf(
  url: string,
  viewport: { width: number; height: number },
  then?: (page: Page) => Promise<void>,
): Promise<{ first: Map<string, number>; after: Map<string, number> }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport, extraHTTPHeaders: { 'Accept-Encoding': 'gzip' } });
    const page = await context.newPage();
    const sizes = new Map<string, number>();
    const pending: Array<Promise<void>> = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.endsWith('.js')) return;
      pending.push(
        response
          .request()
          .sizes()
          .then((s) => void sizes.set(path, s.responseBodySize)),
      );
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    await Promise.all(pending);
    const first = new Map(sizes);
    if (then) {
      await then(page);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      await Promise.all(pending);
    }
    return { first, after: sizes };
  } finally {
    await browser.close();
  }
}

/** A guest gives a name and is in the room: the questions' heading shows. */
async function joinAsGuest(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: /^(Nama tampilan|Display name)$/ }).fill('Bench');
  await page.getByRole('button', { name: /^(Lanjut|Continue)$/ }).click();
  await page.locator('#live-questions-heading').waitFor({ timeout: 30_000 });
}

/** Every JavaScript file of the build, gzipped at level 9 (what the server precompresses). */
function wholeApp(): number {
  const dir = join(ROOT, 'dist/web/assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
}

interface LighthouseScores {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  failedAudits: string[];
}

/** Lighthouse's CLI (mobile: a Moto G Power, slow 4G and 4× CPU, simulated), with Debian's Chromium. */
function lighthouse(url: string): LighthouseScores {
  const out = join(mkdtempSync(join(tmpdir(), 'balai-lh-')), 'report.json');
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/lighthouse/cli/index.js'),
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      '--only-categories=performance,accessibility',
      '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking',
    ],
    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 },
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    categories: Record<string, { score: number; auditRefs: Array<{ id: string; weight: number }> }>;
    audits: Record<string, { score: number | null; numericValue?: number; title: string }>;
  };
  rmSync(resolve(out, '..'), { recursive: true, force: true });
  const failed = report.categories.accessibility.auditRefs
    .filter((ref) => ref.weight > 0 && report.audits[ref.id]?.score === 0)
    .map((ref) => ref.id);
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    lcpMs: report.audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbtMs: report.audits['total-blocking-time']?.numericValue ?? NaN,
    cls: report.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    failedAudits: failed,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  log('building the web app if needed');
  ensureWebBuild();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-bench-web-'));
  const server = spawnServer({ PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  try {
    await waitForHealthy(server.url, 120_000);
    const live = (await (await fetch(`${server.url}/api/v1/live-sessions?status=live`)).json()) as { items: Array<{ code: string }> };
    const code = live.items[0]?.code;
    if (!code) throw new Error('the demo city has no live session');
    const phone = { width: 390, height: 844 };

    log('measuring JavaScript per route');
    const visit = await scriptsOf(`${server.url}/live/${code}`, phone, joinAsGuest);
    const participant = visit.first;
    const joined = visit.after;
    const home = (await scriptsOf(`${server.url}/`, phone)).first;
    const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
    const all = wholeApp();
    const participantBytes = sum(participant);
    const rows = [
      ['route (phone, 390 px)', 'JavaScript, gzip (KB)', 'files', 'budget'],
      [
        `/live/:code (participant)`,
        kb(participantBytes),
        String(participant.size),
        `≤ ${BUDGET_KB} KB: ${participantBytes / 1024 <= BUDGET_KB ? 'ok' : 'MISS'}`,
      ],
      [
        `/live/:code, joined as a guest`,
        kb(sum(joined)),
        String(joined.size),
        `≤ ${BUDGET_KB} KB: ${sum(joined) / 1024 <= BUDGET_KB ? 'ok' : 'MISS'}`,
      ],
      ['/ (home, forum)', kb(sum(home)), String(home.size), ''],
      [
        'every route (no code splitting)',
        kb(all),
        String(readdirSync(join(ROOT, 'dist/web/assets')).filter((f) => f.endsWith('.js')).length),
        '',
      ],
    ];
    const files = [...participant.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([path, size]) => `${path.replace('/assets/', '')} ${kb(size)}`);
    const joining = [...joined.entries()]
      .filter(([path]) => !participant.has(path))
      .map(([path, size]) => `${path.replace('/assets/', '')} ${kb(size)}`);
    const sections = [
      table(rows),
      '',
      `- Participant route's files (KB, gzip): ${files.join(', ')}.`,
      `- Joining as a guest (a name given, the room joined) adds: ${joining.join(', ') || 'nothing'}.`,
    ];

    if (!has('no-lighthouse')) {
      log('Lighthouse on /live/:code and /');
      const lhLive = lighthouse(`${server.url}/live/${code}`);
      const lhHome = lighthouse(`${server.url}/`);
      const lhRow = (name: string, s: LighthouseScores, budget: boolean): string[] => [
        name,
        `${s.performance}${budget ? ` (≥ ${LIGHTHOUSE.performance}: ${s.performance >= LIGHTHOUSE.performance ? 'ok' : 'MISS'})` : ''}`,
        `${s.accessibility}${budget ? ` (${LIGHTHOUSE.accessibility}: ${s.accessibility >= LIGHTHOUSE.accessibility ? 'ok' : 'MISS'})` : ''}`,
        s.lcpMs.toFixed(0),
        s.tbtMs.toFixed(0),
        s.cls.toFixed(3),
        s.failedAudits.join(', ') || '—',
      ];
      sections.push(
        '',
        table([
          ['Lighthouse, mobile', 'performance', 'accessibility', 'LCP (ms)', 'TBT (ms)', 'CLS', 'failed accessibility audits'],
          lhRow('/live/:code', lhLive, true),
          lhRow('/', lhHome, false),
        ]),
      );
    }
    sections.push(
      '',
      `- Command: \`npm run bench:web${argv.length ? ` -- ${argv.join(' ')}` : ''}\`; run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. The server runs from sources with the embedded database and the demo city (NODE_ENV=production); the pages are the production build.`,
      '- JavaScript: every `.js` response until the network is quiet, as the server sends it with `Accept-Encoding: gzip` (its precompressed `.gz` files; browsers that accept Brotli get less). "Every route" gzips each file of the build.',
      "- Lighthouse's CLI with its default mobile settings (simulated slow 4G and 4× CPU slowdown), Debian's Chromium headless; the home page is the baseline.",
    );
    const report = sections.join('\n');
    process.stdout.write(`\n${report}\n`);
    if (!has('no-docs')) writeBenchmarkSection('web', `## Web app: the participant page's budgets\n\n${report}\n`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
