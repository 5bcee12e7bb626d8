import { ChainVerdict, ChainVerifier, TRANSPARENCY_LOG_MAX_LIMIT, TransparencyLogEntry, TransparencyLogHead } from '@balai/contracts';
import { api } from '../../api';

/** SHA-256 in the browser (Web Crypto), as the server and `verify-log` compute it. */
export async function webSha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Web Crypto exists only in a secure context (https, or localhost). */
export function canVerifyHere(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle?.digest === 'function';
}

export interface Progress {
  head: TransparencyLogHead;
  entries: TransparencyLogEntry[];
  /** How many entries have checked out so far. */
  checked: number;
}

/**
 * Reads the head, then every page of the log, checking each entry as it arrives with the chain
 * check of @balai/contracts (the one `verify-log` runs). Keeps reading after a break, so the page
 * can show the entries around it. `verdict` is null when this browser cannot hash.
 */
export async function readAndVerify(
  onProgress: (progress: Progress) => void,
  cancelled: () => boolean,
): Promise<{ progress: Progress; verdict: ChainVerdict | null }> {
  const head = await api('GET /transparency-log/head');
  const verifier = canVerifyHere() ? new ChainVerifier(webSha256, head) : null;
  const entries: TransparencyLogEntry[] = [];
  let verdict: ChainVerdict | null = null;
  let afterSeq = 0;
  for (;;) {
    const page = await api('GET /transparency-log', { query: { afterSeq, limit: TRANSPARENCY_LOG_MAX_LIMIT } });
    if (cancelled()) break;
    for (const entry of page.entries) {
      entries.push(entry);
      if (verifier && !verdict) verdict = await verifier.add(entry);
    }
    onProgress({ head, entries: [...entries], checked: verifier?.verified ?? 0 });
    if (page.nextAfterSeq === null || page.entries.length === 0 || page.nextAfterSeq <= afterSeq) break;
    afterSeq = page.nextAfterSeq;
  }
  if (verifier && !verdict) verdict = verifier.finish();
  return { progress: { head, entries, checked: verifier?.verified ?? 0 }, verdict };
}
