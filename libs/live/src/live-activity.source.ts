import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConsultationActivityRegistry, ConsultationActivitySource, ConsultationCounts } from '@balai/consultations';
import { pgUuidArray } from '@balai/database';

/** Live sessions' share of a consultation's counts: its sessions; askers and upvoters as participants. */
@Injectable()
export class LiveEventsActivity implements ConsultationActivitySource, OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConsultationActivityRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async counts(consultationIds: string[]): Promise<Map<string, Partial<Omit<ConsultationCounts, 'participants'>>>> {
    if (consultationIds.length === 0) return new Map();
    const rows: { consultation_id: string; sessions: number | string }[] = await this.em
      .fork()
      .execute(
        `select consultation_id, count(*) as sessions from live_sessions where consultation_id = any(?::uuid[]) group by consultation_id`,
        [pgUuidArray(consultationIds)],
      );
    return new Map(rows.map((row) => [row.consultation_id, { liveSessions: Number(row.sessions) }]));
  }
}
