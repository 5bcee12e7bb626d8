/**
 * The participant page as a watcher: Chromium opens `/live/:code` at phone size, with the CPU slowed
 * down (4× by default, as a mid-range phone), and records, per question, when each count value was
 * first drawn in the page (a MutationObserver on the list), plus every main-thread task over 50 ms
 * (the Long Tasks API). The coordinator analyses it like the socket watchers, so the two sit side by
 * side: what reaches a socket, and what a person sees on the phone.
 * Where the page's time goes: `BENCH_PAGE_PROFILE=FILE` writes a V8 CPU profile of the storm (read it
 * with profile-top.ts; the web app is then built unminified), `BENCH_PAGE_TRACE=FILE` a Chromium trace
 * (devtools.timeline: layout, paint, script) to open in DevTools' Performance panel.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../support/web';
import { summarize } from './clock';
import type { FromPage, ToPage } from './protocol';

/** What the page keeps for the coordinator, in `window.__bench`. */
interface PageRecord {
  /** question id → count → when it was first drawn (epoch ms) */
  firstSeen: Record<string, Record<string, number>>;
  /** [start (epoch ms), duration ms] of each task over 50 ms */
  longTasks: Array<[number, number]>;
  /** question id → the count drawn at the storm's start */
  base: Record<string, number>;
  /** question id → [left, came back] (epoch ms) of each time it was not in the drawn list (a phone draws the first page) */
  away: Record<string, Array<[number, number]>>;
}

let browser: Browser | undefined;
let page: Page | undefined;
const send = (message: FromPage): void => void process.send?.(message);

/**
 * Runs in the page before its scripts (plain JavaScript: the server's TypeScript has no DOM types):
 * watches the question list's counts and the long tasks.
 */
const INSTRUMENT = `
  const bench = { firstSeen: {}, longTasks: [], base: {}, away: {} };
  const present = new Set();
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const scan = () => {
    const t = performance.timeOrigin + performance.now();
    const now = new Set();
    for (const text of document.querySelectorAll('.live-question-list p[id^="q-"]')) {
      const count = Number(text.closest('article')?.querySelector('.live-upvote-count')?.textContent ?? NaN);
      if (!Number.isFinite(count)) continue;
      const id = text.id.slice(2);
      now.add(id);
      const seen = (bench.firstSeen[id] ??= {});
      seen[count] ??= t;
      const away = bench.away[id];
      if (!present.has(id) && away && away.length && away[away.length - 1][1] === Infinity) away[away.length - 1][1] = t;
    }
    for (const id of present) if (!now.has(id)) (bench.away[id] ??= []).push([t, Infinity]);
    present.clear();
    for (const id of now) present.add(id);
  };
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true });
`;

/** Notes each question's count as the storm starts, and forgets the long tasks before it. */
const MARK = `(() => {
  const bench = window.__bench;
  bench.base = {};
  for (const [id, seen] of Object.entries(bench.firstSeen)) bench.base[id] = Math.max(...Object.keys(seen).map(Number));
  bench.longTasks = [];
  return Object.keys(bench.base).length;
})()`;

async function open(origin: string, code: string, cpuSlowdown: number): Promise<void> {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  page = await context.newPage();
  await page.addInitScript({ content: INSTRUMENT });
  await page.goto(`${origin}/live/${code}?lang=id`);
  await page.locator('.live-name input').fill('Peserta di ponsel');
  await page.locator('.live-name button[type="submit"]').click();
  await page.locator('.live-question-list').waitFor({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  if (process.env.BENCH_PAGE_PROFILE) {
    profiler = cdp;
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  }
}
let profiler: CDPSession | undefined;

async function mark(): Promise<number> {
  if (profiler) await profiler.send('Profiler.start');
  if (process.env.BENCH_PAGE_TRACE)
    await browser!.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  return page!.evaluate<number>(MARK);
}

async function analyze(questionIds: string[], votes: Array<[number, number]>, from: number, to: number): Promise<FromPage> {
  if (process.env.BENCH_PAGE_TRACE) writeFileSync(process.env.BENCH_PAGE_TRACE, await browser!.stopTracing());
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    writeFileSync(process.env.BENCH_PAGE_PROFILE!, JSON.stringify(profile));
  }
  const { firstSeen, longTasks, base, away } = await page!.evaluate<PageRecord>('window.__bench');
  // JSON has no Infinity: a question still away at the end comes back as null.
  const awayDuring = (id: string, from: number, to: number) =>
    (away[id] ?? []).some(([left, back]) => left <= to && (back ?? Infinity) >= from);
  const byQuestion = new Map<number, number[]>();
  for (const [question, sentAt] of votes) {
    let list = byQuestion.get(question);
    if (!list) byQuestion.set(question, (list = []));
    list.push(sentAt);
  }
  // Only the questions drawn in the page count: a phone renders the first page of the list, not all of it.
  const latencies: number[] = [];
  let missing = 0;
  let offPage = 0;
  let watched = 0;
  for (const [question, sends] of byQuestion) {
    const id = questionIds[question];
    if (base[id] === undefined) continue;
    watched++;
    const seen = firstSeen[id] ?? {};
    sends.sort((a, b) => a - b);
    sends.forEach((sentAt, i) => {
      // A count can jump over a value (two votes in one batch): the first drawn count ≥ base + i + 1 shows it.
      const want = base[id] + i + 1;
      let seenAt = Infinity;
      for (const [count, t] of Object.entries(seen)) if (Number(count) >= want && t < seenAt) seenAt = t;
      // A question that left the drawn list meanwhile (the ranking moved it below the first page) shows its count when it comes back: not a delivery time.
      if (awayDuring(id, sentAt, seenAt)) offPage++;
      else if (seenAt === Infinity) missing++;
      else latencies.push(Math.max(0, seenAt - sentAt));
    });
  }
  const inWindow = longTasks.filter(([start]) => start >= from && start <= to).map(([, duration]) => duration);
  return {
    type: 'analyzed',
    fanout: summarize(latencies),
    missing,
    offPage,
    watchedQuestions: watched,
    longTasks: { count: inWindow.length, max: inWindow.length ? Math.max(...inWindow) : 0, totalMs: inWindow.reduce((s, d) => s + d, 0) },
  };
}

process.on('message', (message: ToPage) => {
  const reply = async (): Promise<FromPage> => {
    if (message.type === 'open') {
      await open(message.origin, message.code, message.cpuSlowdown);
      return { type: 'opened' };
    }
    if (message.type === 'mark') return { type: 'marked', questions: await mark() };
    if (message.type === 'analyze') return analyze(message.questionIds, message.votes, message.from, message.to);
    await browser?.close();
    setTimeout(() => process.exit(0), 100);
    return { type: 'closed' };
  };
  reply().then(send, (error: Error) => send({ type: 'error', message: error.message }));
});

process.send?.({ type: 'ready' });
