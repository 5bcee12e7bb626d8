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
  async count(consultationIds: readonly string[], em: EntityManager = this.em): Promise<Map<string, number>> {
    if (consultationIds.length === 0) return new Map();
    const rows = await runSql<{ consultation_id: string; participants: string | number }>(
      em,
      `select consultation_id, count(*) as participants from consultation_participants
        where consultation_id = any(?::uuid[]) group by consultation_id`,
      [pgUuidArray(consultationIds)],
    );
    return new Map(rows.map((row) => [row.consultation_id, Number(row.participants)]));
  }

  /** Everyone who took part in a consultation, in a stable order, `limit` at a time after `afterUserId`. */
  async userIds(consultationId: string, limit: number, afterUserId?: string): Promise<string[]> {
    const rows = await runSql<{ user_id: string }>(
      this.em.fork(),
      `select user_id from consultation_participants where consultation_id = ?${afterUserId ? ' and user_id > ?' : ''} order by user_id limit ?`,
      afterUserId ? [consultationId, afterUserId, limit] : [consultationId, limit],
    );
    return rows.map((row) => row.user_id);
  }
}
