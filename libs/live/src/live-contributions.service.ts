import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, runSql } from '@balai/database';

/** A question a person asked in a live session. */
export interface QuestionContribution {
  id: string;
  text: string;
}

/**
 * Live sessions' answer to "what did these people contribute to consultation X": the questions they
 * asked in its sessions (not rejected), for a notification that names each person's
 * own input.
 */
@Injectable()
export class LiveContributionsService {
  constructor(private readonly em: EntityManager) {}

  async questions(consultationId: string, userIds: readonly string[]): Promise<Map<string, QuestionContribution[]>> {
    const result = new Map<string, QuestionContribution[]>();
    if (userIds.length === 0) return result;
    const rows = await runSql<{ author_id: string; id: string; text: string }>(
      this.em.fork(),
      `select q.author_id, q.id, q.text from live_questions q join live_sessions s on s.id = q.session_id
        where s.consultation_id = ? and q.author_id = any(?::uuid[]) and q.status <> 'rejected' order by q.id`,
      [consultationId, pgUuidArray(userIds)],
    );
    for (const row of rows) {
      const list = result.get(row.author_id) ?? [];
      list.push({ id: row.id, text: row.text });
      result.set(row.author_id, list);
    }
    return result;
  }
}
