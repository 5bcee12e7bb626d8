import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConsultationActivityRegistry, ConsultationActivitySource, ConsultationCounts } from '@balai/consultations';

/** The forum's share of a consultation's counts: visible threads, their visible posts, and who took part. */
@Injectable()
export class ForumActivitySource implements ConsultationActivitySource, OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConsultationActivityRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async counts(consultationIds: string[]): Promise<Map<string, Partial<Omit<ConsultationCounts, 'participants'>>>> {
    if (consultationIds.length === 0) return new Map();
    const rows: { consultation_id: string; threads: number | string; posts: number | string }[] = await this.em
      .getConnection()
      .execute(
        `select consultation_id, count(*) as threads, coalesce(sum(post_count), 0) as posts from forum_threads ` +
          `where status = 'visible' and consultation_id in (${consultationIds.map(() => '?').join(', ')}) group by consultation_id`,
        consultationIds,
      );
    return new Map(rows.map((row) => [row.consultation_id, { threads: Number(row.threads), posts: Number(row.posts) }]));
  }
}
