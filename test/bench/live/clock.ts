/** Wall-clock milliseconds with sub-millisecond resolution, comparable across the benchmark's processes. */
export const now = (): number => performance.timeOrigin + performance.now();

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(values: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return { n: list.length, p50: percentile(list, 50), p99: percentile(list, 99), max: list.length ? list[list.length - 1] : NaN };
}
