import { Entity, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { ConsultationSummary } from '@balai/contracts';
import { newId } from '@balai/database';

/**
 * A consultation's published decision: written once, never updated (amendments are rows of their own).
 * The unique consultation id is the database's guarantee of one decision per consultation.
 */
@Entity({ tableName: 'decisions' })
export class Decision {
  /** UUIDv7: ordering by id is ordering by publication. */
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @Unique()
  @Property({ type: 'uuid' })
  consultationId!: string;

  /** The consultation's title when the decision was published (lists need no other domain). */
  @Property({ type: 'string', length: 200 })
  consultationTitle!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** Markdown, as written. */
  @Property({ type: 'text' })
  body!: string;

  /** The consultation's summary, frozen at publication. */
  @Property({ type: 'json' })
  summary!: ConsultationSummary;

  @Property({ type: 'json' })
  citedThreadIds!: string[];

  @Property({ type: 'uuid' })
  publishedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  publishedAt: Opt<Date> = new Date();

  /** The transparency log entry written in the same transaction, when a log is bound. */
  @Property({ type: 'bigint', nullable: true })
  logSeq: number | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  logHash: string | null = null;
}
