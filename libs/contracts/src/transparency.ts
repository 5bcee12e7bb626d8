/**
 * The public transparency log: its shapes, its canonical JSON, the file format `verify-log` reads and
 * writes, and the one chain check shared by the server, the `verify-log` CLI and the web page. Plain
 * code, no imports: each caller brings its own SHA-256 (node:crypto, or Web Crypto in the browser).
 */

/** One entry as `GET /transparency-log` serves it. */
export interface TransparencyLogEntry {
  /** 1, 2, 3, … without gaps. */
  seq: number;
  /** `consultation.closed`, `decision.published`, `decision.amended`, `moderation.action`, … */
  type: string;
  /** The id of what the entry is about (the consultation, the decision, the moderation action). */
  subjectId: string;
  /** Plain JSON, no personal data. */
  payload: Record<string, unknown>;
  /** The previous entry's hash; 64 zeros for the first entry. */
  prevHash: string;
  /** SHA-256 hex of `canonicalJson({seq, type, subjectId, payload, prevHash, createdAt})`. */
  hash: string;
  /** ISO-8601 UTC with milliseconds, e.g. `2026-12-04T19:20:00.123Z`, exactly as hashed. */
  createdAt: string;
}

/** `GET /transparency-log?afterSeq=&limit=`: oldest first; `nextAfterSeq` is null on the last page. */
export interface TransparencyLogPage {
  entries: TransparencyLogEntry[];
  nextAfterSeq: number | null;
}

/** `GET /transparency-log/head`: the latest entry's seq and hash (seq 0 and the genesis hash when empty). */
export interface TransparencyLogHead {
  seq: number;
  hash: string;
  count: number;
}

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The largest page `GET /transparency-log` serves. */
export const TRANSPARENCY_LOG_MAX_LIMIT = 1000;

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as `Array.prototype.sort` does), no
 * whitespace, everything else as `JSON.stringify` writes it (strings escaped the same way, non-finite
 * numbers as `null`, `undefined` object members left out, `undefined` array items as `null`). The
 * same output as the `json-stable-stringify` package with its default options (a spec checks it).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalPart(value, new Set());
  return text === undefined ? 'null' : text;
}

function canonicalPart(value: unknown, seen: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (seen.has(value)) throw new TypeError('canonicalJson: a cycle');
  seen.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item) => canonicalPart(item, seen) ?? 'null').join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = canonicalPart(record[key], seen);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    text = `{${members.join(',')}}`;
  }
  seen.delete(value);
  return text;
}

/** What an entry's hash covers, as canonical JSON: every field but `hash`. */
export function entryHashInput(entry: Omit<TransparencyLogEntry, 'hash'>): string {
  return canonicalJson({
    seq: entry.seq,
    type: entry.type,
    subjectId: entry.subjectId,
    payload: entry.payload,
    prevHash: entry.prevHash,
    createdAt: entry.createdAt,
  });
}

/** SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. */
export type Sha256Hex = (text: string) => string | Promise<string>;

export type ChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'truncated' | 'malformed' | 'head_mismatch';

export type ChainVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } }
  | {
      ok: false;
      /** How many entries checked out before the broken one. */
      verified: number;
      /** The seq of the first broken entry (the one expected there, for a gap or a truncation). */
      seq: number;
      problem: ChainProblem;
      /** One sentence in English for the CLI; the web page words it from `problem` and `seq`. */
      message: string;
    };

/** What a chain check must reach: the head published by the server or stated in the file. */
export interface ExpectedHead {
  seq: number;
  hash: string;
}

/**
 * Checks a log from its first entry: seqs 1, 2, 3 … with no gap, each `prevHash` equal to the
 * previous entry's hash (64 zeros for the first), each `hash` equal to the SHA-256 of its canonical
 * JSON, and, given an `expectedHead`, that the entries reach it and end with its hash. Stops at the
 * first broken entry. `entries` may be fed page by page through `ChainVerifier` instead.
 */
export async function verifyChain(entries: readonly unknown[], sha256: Sha256Hex, expectedHead?: ExpectedHead): Promise<ChainVerdict> {
  const verifier = new ChainVerifier(sha256, expectedHead);
  for (const entry of entries) {
    const problem = await verifier.add(entry);
    if (problem) return problem;
  }
  return verifier.finish();
}

/**
 * The chain check, one entry at a time (a page at a time, over HTTP). With an `expectedHead`, the
 * entry at the head's seq must carry the head's hash (entries appended after the head was read may
 * follow), and `finish` fails when the entries stop before it.
 */
export class ChainVerifier {
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;

  constructor(
    private readonly sha256: Sha256Hex,
    private readonly expectedHead?: ExpectedHead,
  ) {}

  get verified(): number {
    return this.lastSeq;
  }

  /** Null while the chain holds; the verdict naming the entry once it breaks. */
  async add(candidate: unknown): Promise<ChainVerdict | null> {
    const expected = this.lastSeq + 1;
    const entry = asEntry(candidate);
    if (!entry)
      return this.broken(
        expected,
        'malformed',
        `entry ${expected}: not a log entry (seq, type, subjectId, payload, prevHash, hash, createdAt)`,
      );
    if (entry.seq !== expected) {
      if (entry.seq > expected) {
        const missing = entry.seq - 1 === expected ? `${expected}` : `${expected} to ${entry.seq - 1}`;
        return this.broken(
          expected,
          'seq_gap',
          `entry ${expected}: missing (gap in seq: the next entry is ${entry.seq}, so ${missing} was removed)`,
        );
      }
      return this.broken(expected, 'seq_gap', `entry ${expected}: out of order (found seq ${entry.seq} after ${this.lastSeq})`);
    }
    if (entry.prevHash !== this.lastHash) {
      return this.broken(
        expected,
        'prev_hash_mismatch',
        `entry ${expected}: prevHash ${entry.prevHash} is not the hash of entry ${this.lastSeq} (${this.lastHash})`,
      );
    }
    const computed = (await this.sha256(entryHashInput(entry))).toLowerCase();
    if (computed !== entry.hash) {
      return this.broken(
        expected,
        'hash_mismatch',
        `entry ${expected}: hash mismatch: its content hashes to ${computed}, the log says ${entry.hash} (changed after it was written)`,
      );
    }
    if (this.expectedHead && entry.seq === this.expectedHead.seq && entry.hash !== this.expectedHead.hash) {
      return this.broken(
        expected,
        'head_mismatch',
        `entry ${expected}: its hash ${entry.hash} is not the published head ${this.expectedHead.hash}`,
      );
    }
    this.lastSeq = entry.seq;
    this.lastHash = entry.hash;
    return null;
  }

  /** The verdict once every entry was added. */
  finish(): ChainVerdict {
    const head = this.expectedHead;
    if (head && this.lastSeq < head.seq) {
      return this.broken(
        this.lastSeq + 1,
        'truncated',
        `entry ${this.lastSeq + 1}: missing: the log ends at ${this.lastSeq} but its head is entry ${head.seq} (truncated)`,
      );
    }
    return { ok: true, count: this.lastSeq, head: { seq: this.lastSeq, hash: this.lastHash } };
  }

  /** A verdict naming `seq` as the first broken entry. */
  broken(seq: number, problem: ChainProblem, message: string): ChainVerdict {
    return { ok: false, verified: this.lastSeq, seq, problem, message };
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

function asEntry(value: unknown): TransparencyLogEntry | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const ok =
    typeof entry.seq === 'number' &&
    Number.isSafeInteger(entry.seq) &&
    typeof entry.type === 'string' &&
    typeof entry.subjectId === 'string' &&
    entry.payload !== null &&
    typeof entry.payload === 'object' &&
    !Array.isArray(entry.payload) &&
    typeof entry.prevHash === 'string' &&
    typeof entry.hash === 'string' &&
    HEX64.test(entry.hash) &&
    typeof entry.createdAt === 'string';
  return ok ? (entry as unknown as TransparencyLogEntry) : null;
}

/**
 * The log as a file (what `verify-log --save` and the web page's download write): JSON Lines, UTF-8.
 * Line 1 is a header `{"format":"balai-transparency-log","version":1,"head":{"seq","hash"},"source","savedAt"}`,
 * then one entry per line, oldest first, as `GET /transparency-log` serves it. The header's head lets a
 * reader tell a file cut at a line boundary from a complete one.
 */
export const LOG_FILE_FORMAT = 'balai-transparency-log';

export interface LogFileHeader {
  format: typeof LOG_FILE_FORMAT;
  version: 1;
  head: { seq: number; hash: string };
  source: string;
  savedAt: string;
}

export function logFileText(header: Omit<LogFileHeader, 'format' | 'version'>, entries: readonly TransparencyLogEntry[]): string {
  const lines = [JSON.stringify({ format: LOG_FILE_FORMAT, version: 1, ...header }), ...entries.map((entry) => JSON.stringify(entry))];
  return `${lines.join('\n')}\n`;
}

export type ParsedLogFile =
  | { ok: true; header: LogFileHeader | null; entries: unknown[] }
  /** The file stops inside an entry: `entries` are the complete ones before it. */
  | { ok: true; header: LogFileHeader | null; entries: unknown[]; truncatedAtLine: number }
  | { ok: false; message: string };

/**
 * Reads a log file: JSON Lines as above (the header line optional), a JSON array of entries, or a
 * saved page `{entries: [...]}`. A JSON Lines file whose last line is not complete JSON is
 * reported through `truncatedAtLine`, so the check can name the entry that is cut.
 */
export function parseLogFile(text: string): ParsedLogFile {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, header: null, entries: [] };
  if (trimmed.startsWith('[')) {
    try {
      const entries: unknown = JSON.parse(trimmed);
      return Array.isArray(entries) ? { ok: true, header: null, entries } : { ok: false, message: 'not a JSON array of entries' };
    } catch {
      return { ok: false, message: 'the file starts as a JSON array but is not complete JSON (truncated?)' };
    }
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let header: LogFileHeader | null = null;
  const entries: unknown[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (index === lines.length - 1) return { ok: true, header, entries, truncatedAtLine: index + 1 };
      return { ok: false, message: `line ${index + 1} is not JSON` };
    }
    if (index === 0 && isHeader(value)) {
      header = value;
      continue;
    }
    if (index === 0 && value !== null && typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries)) {
      if (lines.length > 1) return { ok: false, message: 'a saved page must be the whole file' };
      return { ok: true, header: null, entries: (value as { entries: unknown[] }).entries };
    }
    entries.push(value);
  }
  return { ok: true, header, entries };
}

function isHeader(value: unknown): value is LogFileHeader {
  if (value === null || typeof value !== 'object') return false;
  const header = value as Partial<LogFileHeader>;
  return header.format === LOG_FILE_FORMAT && typeof header.head?.seq === 'number' && typeof header.head?.hash === 'string';
}

/**
 * Verifies a parsed file: its entries, then its end: a line cut in the middle names the entry after
 * the last complete one; a header whose head lies beyond the last entry names the first missing one.
 */
export async function verifyLogFile(file: Extract<ParsedLogFile, { ok: true }>, sha256: Sha256Hex): Promise<ChainVerdict> {
  const verifier = new ChainVerifier(sha256, file.header?.head);
  for (const entry of file.entries) {
    const problem = await verifier.add(entry);
    if (problem) return problem;
  }
  if ('truncatedAtLine' in file) {
    const seq = verifier.verified + 1;
    return verifier.broken(
      seq,
      'truncated',
      `entry ${seq}: truncated (line ${file.truncatedAtLine} of the file stops in the middle of it)`,
    );
  }
  return verifier.finish();
}
