import fc from 'fast-check';
import stableStringify from 'json-stable-stringify';
import {
  canonicalJson,
  entryHashInput,
  GENESIS_HASH,
  parseLogFile,
  logFileText,
  TransparencyLogEntry,
  verifyChain,
  verifyLogFile,
} from '@balai/contracts';
import { sha256Hex } from './transparency-log.service';

describe('canonicalJson (the one canonicalisation of the server, verify-log and the web page)', () => {
  it('writes what json-stable-stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(stableStringify(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes what json-stable-stringify writes for any object, undefined members, odd keys and strings included', () => {
    const anything = fc.anything({
      withNullPrototype: false,
      withBigInt: false,
      withMap: false,
      withSet: false,
      withTypedArray: false,
      withSparseArray: false,
      withBoxedValues: false,
    });
    fc.assert(
      fc.property(anything, (value) => {
        expect(canonicalJson(value)).toBe(stableStringify(value) ?? 'null');
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts keys at every depth and leaves no space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 'é', y: null }], c: 'x y' } })).toBe(
      '{"a":{"c":"x y","d":[3,{"y":null,"z":"é"}]},"b":1}',
    );
  });

  it('round-trips: what a reader parses back canonicalises to the same text, so the stored text is what was hashed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('verifyChain', () => {
  const build = (count: number): TransparencyLogEntry[] => {
    const entries: TransparencyLogEntry[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= count; seq++) {
      const unhashed = {
        seq,
        type: 'decision.published',
        subjectId: `d${seq}`,
        payload: { n: seq, title: 'Taman' },
        prevHash,
        createdAt: new Date(Date.UTC(2026, 11, 4, 19, 0, seq)).toISOString(),
      };
      const hash = sha256Hex(entryHashInput(unhashed));
      entries.push({ ...unhashed, hash });
      prevHash = hash;
    }
    return entries;
  };

  it('verifies a good chain and reports its head', async () => {
    const entries = build(5);
    expect(await verifyChain(entries, sha256Hex)).toEqual({ ok: true, count: 5, head: { seq: 5, hash: entries[4]!.hash } });
    expect(await verifyChain([], sha256Hex)).toEqual({ ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH } });
  });

  it('names the first broken entry: a changed payload, a removed entry, a re-hashed entry, a missing tail', async () => {
    const tampered = build(5);
    tampered[2] = { ...tampered[2]!, payload: { n: 3, title: 'Parkir' } };
    expect(await verifyChain(tampered, sha256Hex)).toMatchObject({ ok: false, seq: 3, problem: 'hash_mismatch', verified: 2 });

    const removed = build(5);
    removed.splice(1, 1);
    expect(await verifyChain(removed, sha256Hex)).toMatchObject({ ok: false, seq: 2, problem: 'seq_gap' });

    const rehashed = build(5);
    const changed = { ...rehashed[1]!, payload: { n: 99 } };
    rehashed[1] = { ...changed, hash: sha256Hex(entryHashInput(changed)) };
    expect(await verifyChain(rehashed, sha256Hex)).toMatchObject({ ok: false, seq: 3, problem: 'prev_hash_mismatch' });

    const entries = build(5);
    expect(await verifyChain(entries.slice(0, 3), sha256Hex, { seq: 5, hash: entries[4]!.hash })).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'truncated',
    });
    expect(await verifyChain(entries, sha256Hex, { seq: 5, hash: 'f'.repeat(64) })).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'head_mismatch',
    });
    // A head read before later appends: the entry at its seq must carry its hash, later entries may follow.
    expect(await verifyChain(entries, sha256Hex, { seq: 3, hash: entries[2]!.hash })).toMatchObject({ ok: true, count: 5 });
    expect(await verifyChain(entries, sha256Hex, { seq: 3, hash: entries[1]!.hash })).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'head_mismatch',
    });
  });

  it('reads back the file it writes, and names the entry a truncated file cuts', async () => {
    const entries = build(4);
    const text = logFileText({ head: { seq: 4, hash: entries[3]!.hash }, source: 'test', savedAt: '2026-12-04T19:00:00.000Z' }, entries);
    const parsed = parseLogFile(text);
    expect(parsed.ok && (await verifyLogFile(parsed, sha256Hex))).toMatchObject({ ok: true, count: 4 });

    const cutInside = parseLogFile(text.slice(0, text.length - 40));
    expect(cutInside.ok && (await verifyLogFile(cutInside, sha256Hex))).toMatchObject({ ok: false, seq: 4, problem: 'truncated' });

    const lines = text.trimEnd().split('\n');
    const cutAtLine = parseLogFile(lines.slice(0, 3).join('\n') + '\n');
    expect(cutAtLine.ok && (await verifyLogFile(cutAtLine, sha256Hex))).toMatchObject({ ok: false, seq: 3, problem: 'truncated' });

    const page = parseLogFile(JSON.stringify({ entries, nextAfterSeq: null }));
    expect(page.ok && (await verifyLogFile(page, sha256Hex))).toMatchObject({ ok: true, count: 4 });
  });
});
