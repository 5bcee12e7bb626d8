import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, runSql } from '@balai/database';

export interface Participation {
  consultationId: string;
  userId: string;
}

/** The `consultation_participants` table: who took part in which consultation. */
@Injectable()
export class ConsultationParticipantsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Records each (consultation, person) once; `em` is the caller's transaction when it has one. */
  async record(entries: readonly Participation[], em: EntityManager = this.em): Promise<void> {
    if (entries.length === 0) return;
    await runSql(
      em,
      `insert into consultation_participants (consultation_id, user_id)
       select * from unnest(?::uuid[], ?::uuid[]) on conflict do nothing`,
      [pgUuidArray(entries.map((entry) => entry.consultationId)), pgUuidArray(entries.map((entry) => entry.userId))],
    );
  }

  /** Distinct participants per consultation; consultations nobody took part in are left out. */
  async count(consultationIds: readonly string[]): Promise<Map<string, number>> {
    if (consultationIds.length === 0) return new Map();
    const rows = await runSql<{ consultation_id: string; participants: string | number }>(
      this.em,
      `select consultation_id, count(*) as participants from consultation_participants
        where consultation_id = any(?::uuid[]) group by consultation_id`,
      [pgUuidArray(consultationIds)],
    );
    return new Map(rows.map((row) => [row.consultation_id, Number(row.participants)]));
  }
}
