import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import type { ConsultationSummary } from '@balai/contracts';

/** A closed consultation's summary, generated once when it closed; a decision freezes a copy. */
@Entity({ tableName: 'consultation_summaries' })
export class ConsultationSummaryRecord {
  /** The consultations room's id: a plain id, no foreign key across domains. */
  @PrimaryKey({ type: 'uuid' })
  consultationId!: string;

  @Property({ type: 'json' })
  summary!: ConsultationSummary;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  generatedAt: Opt<Date> = new Date();
}
