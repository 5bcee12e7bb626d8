import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The file every benchmark reports into, each in its own section. */
export const BENCHMARKS_DOC = resolve(__dirname, '../../docs/BENCHMARKS.md');

/**
 * Replaces the text between a benchmark's markers (`<!-- bench:<key>:start -->` … `:end -->`) in
 * docs/BENCHMARKS.md, or appends the section: the other benchmarks' sections stay as they are.
 */
export function writeBenchmarkSection(key: string, body: string): void {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${body.trimEnd()}\n${end}`;
  const existing = existsSync(BENCHMARKS_DOC) ? readFileSync(BENCHMARKS_DOC, 'utf8') : '# Benchmarks\n';
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  const next =
    from !== -1 && to > from ? existing.slice(0, from) + block + existing.slice(to + end.length) : `${existing.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_DOC, next.endsWith('\n') ? next : `${next}\n`);
}
