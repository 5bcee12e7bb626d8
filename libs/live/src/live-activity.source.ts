import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConsultationActivityRegistry, ConsultationActivitySource, ConsultationCounts } from '@balai/consultations';
import { pgUuidArray } from '@balai/database';

/** Live sessions' share of a consultation's counts: its sessions; askers and upvoters as participants. */
@Injectable()
export class LiveEventsActivity implements ConsultationActivitySource, OnModuleInit {
  readonly participantsSql = `select s.consultation_id, q.author_id as user_id from live_questions q join live_sessions s on s.id = q.session_id where s.consultation_id is not null
     union select s.consultation_id, u.user_id from live_upvotes u join live_sessions s on s.id = u.session_id where s.consultation_id is not null`;

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
