import { ProcessStats, reportProcessStats } from './process-stats';

describe('reportProcessStats', () => {
  it('writes one JSON line per interval with memory and the event-loop delay of a blocked loop', async () => {
    const lines: string[] = [];
    const stop = reportProcessStats(100, (line) => lines.push(line));
    try {
      // Block the loop for 150 ms once the monitor runs: an interval's maximum delay must show it.
      await new Promise((resolve) => setTimeout(resolve, 30));
      const until = Date.now() + 150;
      while (Date.now() < until) {
        /* busy */
      }
      const deadline = Date.now() + 5_000;
      while (lines.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      stop();
    }
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const all = lines.map((line) => {
      expect(line.endsWith('\n')).toBe(true);
      return JSON.parse(line) as ProcessStats;
    });
    const first = all[0]!;
    expect(first).toMatchObject({ msg: 'process stats', pid: process.pid });
    expect(first.rssBytes).toBeGreaterThan(first.heapUsedBytes);
    expect(Math.max(...all.map((s) => s.loopDelayMs.max))).toBeGreaterThanOrEqual(100);
    expect(first.loopDelayMs.p50).toBeLessThanOrEqual(first.loopDelayMs.p99);
  });
});
