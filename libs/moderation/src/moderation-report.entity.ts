import { Entity, Index, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { ReportReason, ReportTargetType } from '@balai/contracts';
import { newId } from '@balai/database';

/** One report per reporter and target: the unique index decides, under any concurrency. */
@Entity({ tableName: 'moderation_reports' })
@Unique({ properties: ['targetType', 'targetId', 'reporterId'] })
@Index({ properties: ['reporterId'] })
export class ModerationReport {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 16 })
  targetType!: ReportTargetType;

  @Property({ type: 'uuid' })
  targetId!: string;

  @Property({ type: 'uuid' })
  reporterId!: string;

  @Property({ type: 'string', length: 32 })
  reason!: ReportReason;

  @Property({ type: 'string', length: 1000, nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
