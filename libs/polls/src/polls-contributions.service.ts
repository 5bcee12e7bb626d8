import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, runSql } from '@balai/database';

/** A poll a person cast a ballot in. */
export interface BallotContribution {
  pollId: string;
  question: string;
}

/**
 * Polls' answer to "what did these people contribute to consultation X": the polls they voted in
 * (the consultation's own polls and those of its live sessions), for a notification that names
 * each person's own input.
 */
@Injectable()
export class PollsContributionsService {
  constructor(private readonly em: EntityManager) {}

  async ballots(consultationId: string, userIds: readonly string[]): Promise<Map<string, BallotContribution[]>> {
    const result = new Map<string, BallotContribution[]>();
    if (userIds.length === 0) return result;
    const rows = await runSql<{ user_id: string; poll_id: string; question: string }>(
      this.em.fork(),
      `select b.user_id, p.id as poll_id, p.question from poll_ballots b join polls p on p.id = b.poll_id
        where p.consultation_id = ? and b.user_id = any(?::uuid[]) order by p.id`,
      [consultationId, pgUuidArray(userIds)],
    );
    for (const row of rows) {
      const list = result.get(row.user_id) ?? [];
      list.push({ pollId: row.poll_id, question: row.question });
      result.set(row.user_id, list);
    }
    return result;
  }
}
