import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import type { ModerationItemStatus, ModerationItemType, ReportTargetType, ResolveAction } from '@balai/contracts';
import { newId } from '@balai/database';

/**
 * One target waiting for a human: a pending live question, a reported thread, post or question, or
 * text the banned-word lists held back. At most one pending item per target (a partial unique index,
 * hand-written in the migration); claims and resolutions are conditional updates of this row.
 */
@Entity({ tableName: 'moderation_items' })
@Index({ properties: ['status', 'id'] })
@Index({ properties: ['status', 'reportCount', 'id'] })
@Index({
  name: 'moderation_items_pending_target_unique',
  expression:
    'create unique index "moderation_items_pending_target_unique" on "moderation_items" ("target_type", "target_id") where status = \'pending\'',
})
export class ModerationItem {
  /** A pending live question's item has the question's id, so the `/live` events and the queue agree. */
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 16 })
  type!: ModerationItemType;

  @Property({ type: 'string', length: 16 })
  targetType!: ReportTargetType;

  @Property({ type: 'uuid' })
  targetId!: string;

  @Property({ type: 'text' })
  excerpt!: string;

  @Property({ type: 'uuid', nullable: true })
  authorId: string | null = null;

  @Property({ type: 'string', length: 60, nullable: true })
  authorName: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  sessionId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  consultationId: string | null = null;

  /** For a post: its thread (the page where it shows). */
  @Property({ type: 'uuid', nullable: true })
  threadId: string | null = null;

  /** Report reasons and banned-word matches, each once. */
  @Property({ type: 'text[]', default: '{}' })
  reasons: Opt<string[]> = [];

  @Property({ type: 'integer', default: 0 })
  reportCount: Opt<number> = 0;

  /** The reports' threshold hid the target: dismissing restores it. */
  @Property({ type: 'boolean', default: false })
  autoHidden: Opt<boolean> = false;

  @Property({ type: 'string', length: 16, default: 'pending' })
  status: Opt<ModerationItemStatus> = 'pending';

  @Property({ type: 'uuid', nullable: true })
  claimedBy: Opt<string> | null = null;

  @Property({ type: 'string', length: 60, nullable: true })
  claimedByName: Opt<string> | null = null;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil: Opt<Date> | null = null;

  @Property({ type: 'string', length: 16, nullable: true })
  resolution: Opt<ResolveAction> | null = null;

  @Property({ type: 'uuid', nullable: true })
  resolvedBy: Opt<string> | null = null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Opt<Date> | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
