import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '@balai/database';
import { Decision } from './decision.entity';

/** An amendment to a published decision: appended, never edited. */
@Entity({ tableName: 'decision_amendments' })
@Index({ properties: ['decision', 'id'] })
export class DecisionAmendment {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @ManyToOne({ entity: () => Decision, mapToPk: true, deleteRule: 'cascade' })
  decision!: string;

  /** Markdown, as written. */
  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'uuid' })
  amendedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  amendedAt: Opt<Date> = new Date();

  @Property({ type: 'bigint', nullable: true })
  logSeq: number | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  logHash: string | null = null;
}
