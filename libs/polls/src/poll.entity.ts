import { Entity, Enum, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '@balai/database';

export const POLL_STATUSES = ['open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const RESULTS_VISIBILITIES = ['live', 'after_close'] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITIES)[number];

/**
 * A question with 2..20 options. Standalone, in a consultation, or inside a live session: both
 * links are plain ids, since consultations and live sessions belong to other domains.
 */
@Entity({ tableName: 'polls' })
export class Poll {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 300 })
  question!: string;

  @Property({ type: 'boolean' })
  multiple: Opt<boolean> = false;

  @Enum({ items: () => [...POLL_STATUSES] })
  status: Opt<PollStatus> = 'open';

  @Enum({ items: () => [...RESULTS_VISIBILITIES] })
  resultsVisibility: Opt<ResultsVisibility> = 'live';

  @Index()
  @Property({ type: 'uuid', nullable: true })
  consultationId: string | null = null;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  liveSessionId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  closesAt: Date | null = null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  /** Closed by a moderator, or past its `closesAt`: no more ballots either way. */
  isClosedAt(now: Date): boolean {
    return this.status === 'closed' || (this.closesAt !== null && this.closesAt.getTime() <= now.getTime());
  }
}
