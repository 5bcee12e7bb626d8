import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TransparencyLogEntry } from '@balai/contracts';
import { runSql } from '@balai/database';

/**
 * The key of the transaction-level advisory lock every append takes first: one appender at a time,
 * across every process on the database. Any number; not the migration runner's.
 */
const APPEND_LOCK_KEY = 7_316_004;

/** `created_at` as served and hashed: ISO-8601 UTC with milliseconds. */
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

interface EntryRow {
  seq: string | number;
  type: string;
  subject_id: string;
  payload: string;
  prev_hash: string;
  hash: string;
  created_at: string;
}

export interface LogTip {
  /** 0 when the log is empty. */
  seq: number;
  /** The last entry's hash, or null when the log is empty. */
  hash: string | null;
  /** The database clock now, whole milliseconds, as `createdAt` is written. */
  now: string;
}

/** The `transparency_log` table. Inserts and reads only: nothing here updates or deletes a row. */
@Injectable()
export class TransparencyLogRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * In `em`'s transaction: waits for the append lock (held until that transaction ends), then reads
   * the last entry in a statement that starts after the lock was granted, so under READ COMMITTED it
   * sees every append committed before.
   */
  async lockTip(em: EntityManager): Promise<LogTip> {
    await runSql(em, 'select pg_advisory_xact_lock(?)', [APPEND_LOCK_KEY]);
    const [row] = await runSql<{ seq: string | number | null; hash: string | null; now: string }>(
      em,
      `select last.seq, last.hash, to_char(date_trunc('milliseconds', clock_timestamp()) at time zone 'UTC', ${ISO_UTC}) as now
         from (select 1) one left join lateral (select seq, hash from transparency_log order by seq desc limit 1) last on true`,
    );
    return { seq: Number(row?.seq ?? 0), hash: row?.hash ?? null, now: row!.now };
  }

  async insert(em: EntityManager, entry: TransparencyLogEntry & { payloadJson: string }): Promise<void> {
    await runSql(
      em,
      `insert into transparency_log (seq, type, subject_id, payload, prev_hash, hash, created_at)
       values (?, ?, ?, ?, ?, ?, ?::timestamptz)`,
      [entry.seq, entry.type, entry.subjectId, entry.payloadJson, entry.prevHash, entry.hash, entry.createdAt],
    );
  }

  /** Entries after `afterSeq`, oldest first. */
  async page(afterSeq: number, limit: number): Promise<TransparencyLogEntry[]> {
    const rows = await runSql<EntryRow>(
      this.em,
      `select seq, type, subject_id, payload, prev_hash, hash, to_char(created_at at time zone 'UTC', ${ISO_UTC}) as created_at
         from transparency_log where seq > ? order by seq limit ?`,
      [afterSeq, limit],
    );
    return rows.map((row) => ({
      seq: Number(row.seq),
      type: row.type,
      subjectId: row.subject_id,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      prevHash: row.prev_hash,
      hash: row.hash,
      createdAt: row.created_at,
    }));
  }

  /** The last entry's seq and hash, and how many there are (they are numbered from 1 without gaps). */
  async head(): Promise<{ seq: number; hash: string | null }> {
    const [row] = await runSql<{ seq: string | number; hash: string }>(
      this.em,
      'select seq, hash from transparency_log order by seq desc limit 1',
    );
    return { seq: Number(row?.seq ?? 0), hash: row?.hash ?? null };
  }
}
