import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  canonicalJson,
  entryHashInput,
  GENESIS_HASH,
  TransparencyLogEntry,
  TransparencyLogHead,
  TransparencyLogPage,
} from '@balai/contracts';
import type { ModerationActionEvent } from '@balai/moderation';
import { assertNoPersonalData, MAX_PAYLOAD_CHARS } from './personal-data';
import { TransparencyLogRepository } from './transparency-log.repository';

export interface NewLogEntry {
  type: string;
  subjectId: string;
  /** Plain JSON without personal data (checked: see personal-data.ts). */
  payload: Record<string, unknown>;
}

export interface AppendedEntry {
  seq: number;
  hash: string;
}

/** A code-like word (`approve`, `off_topic`): anything else is not copied into the public log. */
const CODE = /^[a-z][a-z0-9_.-]{0,39}$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The public, append-only, hash-chained log (CONTRACT.md, "Transparency log"). Every entry's hash is
 * the SHA-256 of the canonical JSON of `{seq, type, subjectId, payload, prevHash, createdAt}`
 * (`entryHashInput` in @balai/contracts, the same code the CLI and the web page check with).
 */
@Injectable()
export class TransparencyLogService {
  private readonly logger = new Logger(TransparencyLogService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly entries: TransparencyLogRepository,
  ) {}

  /**
   * Appends one entry. Inside a transaction (`em.isInTransaction()`), it joins it: the entry commits
   * or rolls back with the caller's change, and the append lock is held until then, so call it as
   * the transaction's last step. Outside one, it opens its own. Appends are serialised across
   * processes by a transaction-level advisory lock; `seq` and `prevHash` are unique besides, so a
   * caller whose snapshot predates the lock (REPEATABLE READ) fails instead of forking the chain.
   */
  async append(em: EntityManager, entry: NewLogEntry): Promise<AppendedEntry> {
    if (!entry.type || entry.type.length > 100) throw new Error('A transparency log entry needs a type of 1..100 characters');
    if (!entry.subjectId || entry.subjectId.length > 200)
      throw new Error('A transparency log entry needs a subjectId of 1..200 characters');
    assertNoPersonalData(entry.payload);
    const payloadJson = canonicalJson(entry.payload);
    if (payloadJson.length > MAX_PAYLOAD_CHARS) throw new Error(`A transparency log payload is limited to ${MAX_PAYLOAD_CHARS} characters`);
    // What a reader gets back from the stored text: the hash covers exactly that.
    const payload = JSON.parse(payloadJson) as Record<string, unknown>;
    const write = async (tx: EntityManager): Promise<AppendedEntry> => {
      const tip = await this.entries.lockTip(tx);
      const unhashed = {
        seq: tip.seq + 1,
        type: entry.type,
        subjectId: entry.subjectId,
        payload,
        prevHash: tip.hash ?? GENESIS_HASH,
        createdAt: tip.now,
      };
      const hash = sha256Hex(entryHashInput(unhashed));
      await this.entries.insert(tx, { ...unhashed, hash, payloadJson });
      return { seq: unhashed.seq, hash };
    };
    return em.isInTransaction() ? write(em) : em.fork().transactional(write);
  }

  /**
   * A moderation action, without personal data: the action and its reason code as codes, and what
   * it was about by type and id; a person (a mute or suspension) by type alone. The moderator, the
   * note and the author are left out.
   */
  async appendModerationAction(event: ModerationActionEvent): Promise<AppendedEntry> {
    const personal = event.target.type === 'user';
    return this.append(this.em, {
      type: 'moderation.action',
      subjectId: event.actionId,
      payload: {
        action: CODE.test(event.action) ? event.action : 'other',
        reasonCode: event.reasonCode === null ? null : CODE.test(event.reasonCode) ? event.reasonCode : 'other',
        target: { type: event.target.type, id: personal ? null : event.target.id },
      },
    });
  }

  async page(afterSeq: number, limit: number): Promise<TransparencyLogPage> {
    const rows = await this.entries.page(afterSeq, limit + 1);
    const entries: TransparencyLogEntry[] = rows.slice(0, limit);
    return { entries, nextAfterSeq: rows.length > limit ? entries[entries.length - 1]!.seq : null };
  }

  async head(): Promise<TransparencyLogHead> {
    const head = await this.entries.head();
    return { seq: head.seq, hash: head.hash ?? GENESIS_HASH, count: head.seq };
  }

  /** For the listener: an append that fails is logged with what was lost, never thrown at the bus. */
  async appendOrLog(what: string, append: () => Promise<AppendedEntry>): Promise<void> {
    try {
      await append();
    } catch (error: unknown) {
      this.logger.error({ err: error }, `Could not append ${what} to the transparency log`);
    }
  }
}
