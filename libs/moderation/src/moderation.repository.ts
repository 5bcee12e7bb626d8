import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ModerationItemType, ReportTargetType } from '@balai/contracts';
import { runSql } from '@balai/database';
import { ModerationItem } from './moderation-item.entity';

/** How long a claim holds an item. */
export const CLAIM_SECONDS = 120;

export interface NewItem {
  id?: string;
  type: ModerationItemType;
  targetType: ReportTargetType;
  targetId: string;
  excerpt: string;
  authorId: string | null;
  authorName: string | null;
  sessionId: string | null;
  consultationId: string | null;
  threadId: string | null;
  reasons: string[];
}

/** A claim attempt's outcome, decided by one conditional UPDATE. */
export type ClaimOutcome = { claimed: true; item: ModerationItem } | { claimed: false; item: ModerationItem | null };

/** Moderation's statements: the queue's upserts and the claim, decided by the database. */
@Injectable()
export class ModerationRepository {
  /**
   * Claims an item for `moderatorId` for two minutes, unless it is resolved or another moderator's
   * claim still runs: one conditional UPDATE, so of two concurrent claims exactly one wins (the second
   * waits for the first's row lock, then finds the claim taken).
   */
  async claim(em: EntityManager, itemId: string, moderatorId: string, moderatorName: string): Promise<ClaimOutcome> {
    const rows = await runSql<{ id: string }>(
      em,
      `update moderation_items set claimed_by = ?, claimed_by_name = ?, claimed_until = now() + make_interval(secs => ?)
        where id = ? and status = 'pending' and (claimed_by is null or claimed_by = ? or claimed_until <= now())
        returning id`,
      [moderatorId, moderatorName, CLAIM_SECONDS, itemId, moderatorId],
    );
    const item = await em.findOne(ModerationItem, { id: itemId }, { refresh: true });
    return rows.length > 0 && item ? { claimed: true, item } : { claimed: false, item };
  }

  /** A new pending item for the target, unless one is pending already (then nothing). Returns whether it was added. */
  async addItem(em: EntityManager, item: NewItem): Promise<boolean> {
    const rows = await runSql<{ id: string }>(
      em,
      `insert into moderation_items (id, type, target_type, target_id, excerpt, author_id, author_name, session_id, consultation_id, thread_id, reasons)
       values (coalesce(?::uuid, gen_random_uuid()), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[])
       on conflict (target_type, target_id) where status = 'pending' do nothing
       returning id`,
      [
        item.id ?? null,
        item.type,
        item.targetType,
        item.targetId,
        item.excerpt,
        item.authorId,
        item.authorName,
        item.sessionId,
        item.consultationId,
        item.threadId,
        pgTextArray(item.reasons),
      ],
    );
    return rows.length > 0;
  }

  /**
   * A report joins the target's pending item (or opens one): the count goes up by one and the reason
   * is added once. The row stays locked until the caller's transaction ends, so the threshold is
   * crossed by exactly one report.
   */
  async addReport(em: EntityManager, item: NewItem): Promise<{ id: string; reportCount: number; autoHidden: boolean }> {
    const [row] = await runSql<{ id: string; report_count: number; auto_hidden: boolean }>(
      em,
      `insert into moderation_items (id, type, target_type, target_id, excerpt, author_id, author_name, session_id, consultation_id, thread_id, reasons, report_count)
       values (?, 'report', ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], 1)
       on conflict (target_type, target_id) where status = 'pending' do update
         set report_count = moderation_items.report_count + 1,
             reasons = array(select distinct unnest(moderation_items.reasons || excluded.reasons) order by 1)
       returning id, report_count, auto_hidden`,
      [
        item.id,
        item.targetType,
        item.targetId,
        item.excerpt,
        item.authorId,
        item.authorName,
        item.sessionId,
        item.consultationId,
        item.threadId,
        pgTextArray(item.reasons),
      ],
    );
    return { id: row.id, reportCount: Number(row.report_count), autoHidden: row.auto_hidden };
  }
}

/** A PostgreSQL text array literal. */
function pgTextArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`).join(',')}}`;
}
