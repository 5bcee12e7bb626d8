import { readFileSync } from 'node:fs';

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
let available = true;

/**
 * Nanoseconds the main thread (the event loop) has spent on a CPU, from Linux's schedstat; null where
 * the system does not tell (not Linux, or /proc hidden). Unlike event loop utilisation, it does not
 * count the time the loop was preempted by other processes in the middle of its work.
 */
export function mainThreadCpuNs(): number | null {
  if (!available) return null;
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ', 1)[0]);
  } catch {
    available = false;
    return null;
  }
}
