import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The file every benchmark reports into, each in its own section. */
export const BENCHMARKS_DOC = resolve(__dirname, '../../docs/BENCHMARKS.md');
/** Faults and attacks: the soak benchmark writes its figures there ("A long night"). */
export const RELIABILITY_DOC = resolve(__dirname, '../../docs/RELIABILITY.md');

/**
 * Replaces the text between a benchmark's markers (`<!-- bench:<key>:start -->` … `:end -->`) in
 * `file`, or appends the section: the other sections stay as they are.
 */
export function writeDocSection(file: string, key: string, body: string, title = '# Benchmarks\n'): void {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${body.trimEnd()}\n${end}`;
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : title;
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  const next =
    from !== -1 && to > from ? existing.slice(0, from) + block + existing.slice(to + end.length) : `${existing.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

/** A benchmark's section of docs/BENCHMARKS.md (see `writeDocSection`). */
export function writeBenchmarkSection(key: string, body: string): void {
  writeDocSection(BENCHMARKS_DOC, key, body);
}
