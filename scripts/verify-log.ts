/**
 * `npm run verify-log -- <base URL or file> [--save <file>]`: recomputes Balai's transparency log
 * chain, with no server code and no database, the way any citizen could.
 *
 * - A URL (`https://balai.example.go.id`, or its `/api/v1`): reads `GET /transparency-log/head`, then
 *   every page of `GET /transparency-log`, checking each entry as it comes, and that the pages reach
 *   the head. `--save log.jsonl` also writes what it read, in the file format below.
 * - A file: JSON Lines as `--save` writes it (a header line with the head, then one entry per line),
 *   a JSON array of entries, or one saved page `{"entries": [...]}`.
 *
 * Exit 0 with the count when the chain holds; 1 naming the first broken entry (its seq, and why: hash
 * mismatch, prevHash mismatch, gap in seq, truncated); 2 when it could not read the log at all.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  ChainVerdict,
  ChainVerifier,
  logFileText,
  parseLogFile,
  TRANSPARENCY_LOG_MAX_LIMIT,
  TransparencyLogEntry,
  TransparencyLogHead,
  TransparencyLogPage,
  verifyLogFile,
} from '@balai/contracts';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

class CannotRead extends Error {}

function apiBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/api\/v1$/.test(trimmed) ? trimmed : `${trimmed}/api/v1`;
}

async function getJson<T>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error: unknown) {
    throw new CannotRead(`cannot reach ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new CannotRead(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

async function verifyUrl(url: string, save?: string): Promise<ChainVerdict> {
  const base = apiBase(url);
  const head = await getJson<TransparencyLogHead>(`${base}/transparency-log/head`);
  const verifier = new ChainVerifier(sha256, head);
  const kept: TransparencyLogEntry[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await getJson<TransparencyLogPage>(`${base}/transparency-log?afterSeq=${afterSeq}&limit=${TRANSPARENCY_LOG_MAX_LIMIT}`);
    if (!Array.isArray(page.entries)) throw new CannotRead(`${base}/transparency-log did not answer a page of entries`);
    for (const entry of page.entries) {
      const problem = await verifier.add(entry);
      if (problem) return problem;
      if (save) kept.push(entry);
    }
    if (page.nextAfterSeq === null || page.entries.length === 0) break;
    if (page.nextAfterSeq <= afterSeq) throw new CannotRead(`${base}/transparency-log went backwards (nextAfterSeq ${page.nextAfterSeq})`);
    afterSeq = page.nextAfterSeq;
  }
  const verdict = verifier.finish();
  if (save && verdict.ok) {
    writeFileSync(save, logFileText({ head: verdict.head, source: base, savedAt: new Date().toISOString() }, kept));
  }
  return verdict;
}

async function verifyFile(path: string): Promise<ChainVerdict> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error: unknown) {
    throw new CannotRead(`cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = parseLogFile(text);
  if (!parsed.ok) throw new CannotRead(`${path}: ${parsed.message}`);
  return verifyLogFile(parsed, sha256);
}

async function main(args: string[]): Promise<number> {
  const saveAt = args.indexOf('--save');
  const save = saveAt >= 0 ? args[saveAt + 1] : undefined;
  const sources = args.filter((arg, index) => !arg.startsWith('--') && (saveAt < 0 || index !== saveAt + 1));
  if (sources.length !== 1 || (saveAt >= 0 && !save)) {
    console.error('usage: npm run verify-log -- <base URL or file> [--save <file>]');
    return 2;
  }
  const source = sources[0]!;
  const isUrl = /^https?:\/\//i.test(source);
  if (save && !isUrl) {
    console.error('--save takes a URL to download from');
    return 2;
  }
  try {
    const verdict = isUrl ? await verifyUrl(source, save) : await verifyFile(source);
    if (verdict.ok) {
      console.log(`OK: ${verdict.count} entries verified; head seq ${verdict.head.seq}, hash ${verdict.head.hash}`);
      if (save) console.log(`saved to ${save}`);
      return 0;
    }
    console.error(`BROKEN at entry ${verdict.seq} (${verdict.problem}): ${verdict.message}`);
    console.error(`${verdict.verified} entries before it verified.`);
    return 1;
  } catch (error: unknown) {
    if (error instanceof CannotRead) {
      console.error(`cannot verify: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
