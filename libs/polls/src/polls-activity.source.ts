import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConsultationActivityRegistry, ConsultationActivitySource, ConsultationCounts } from '@balai/consultations';

/** Polls' share of a consultation's counts: its polls, and everyone who cast a ballot in one as a participant. */
@Injectable()
export class PollsActivitySource implements ConsultationActivitySource, OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConsultationActivityRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async counts(consultationIds: string[]): Promise<Map<string, Partial<Omit<ConsultationCounts, 'participants'>>>> {
    if (consultationIds.length === 0) return new Map();
    const rows: { consultation_id: string; polls: number | string }[] = await this.em.execute(
      `select consultation_id, count(*) as polls from polls where consultation_id in (${consultationIds.map(() => '?').join(', ')})
       group by consultation_id`,
      consultationIds,
    );
    return new Map(rows.map((row) => [row.consultation_id, { polls: Number(row.polls) }]));
  }
}
