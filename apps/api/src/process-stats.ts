import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What one `process stats` line carries: the process's memory now, and its event-loop delay since the last line. */
export interface ProcessStats {
  msg: 'process stats';
  pid: number;
  time: string;
  rssBytes: number;
  heapUsedBytes: number;
  /** Event-loop delay over the interval (perf_hooks.monitorEventLoopDelay, 10 ms resolution), in ms. */
  loopDelayMs: { p50: number; p99: number; max: number };
}

/**
 * For benchmarks (`PROCESS_STATS_MS`): every `intervalMs`, one JSON line on stdout with RSS, heap used
 * and the event-loop delay percentiles of the interval. Not a route, not the log (whose level may hide
 * it): a soak reads these lines from the process it started. Returns a function that stops it.
 */
export function reportProcessStats(intervalMs: number, write: (line: string) => void = (line) => process.stdout.write(line)): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    const stats: ProcessStats = {
      msg: 'process stats',
      pid: process.pid,
      time: new Date().toISOString(),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      loopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    };
    delay.reset();
    write(`${JSON.stringify(stats)}\n`);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
  };
}
