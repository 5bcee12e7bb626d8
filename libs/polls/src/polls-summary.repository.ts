import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { pgUuidArray, runSql } from '@balai/database';

export interface PollOptionTally {
  pollId: string;
  question: string;
  status: string;
  liveSessionId: string | null;
  optionId: string;
  label: string;
  votes: number;
}

/** Read-only tallies of a consultation's polls (its own, and those of its live sessions), for its summary. */
@Injectable()
export class PollsSummaryRepository {
  /** One row per option, polls oldest first, options in their order. */
  async tallies(em: EntityManager, consultationId: string, liveSessionIds: readonly string[]): Promise<PollOptionTally[]> {
    const rows = await runSql<{
      poll_id: string;
      question: string;
      status: string;
      live_session_id: string | null;
      option_id: string;
      label: string;
      votes: string | number;
    }>(
      em,
      `with chosen as (select id, question, status, live_session_id, created_at from polls
                        where consultation_id = ? or live_session_id = any(?::uuid[]))
       select p.id as poll_id, p.question, p.status, p.live_session_id, o.id as option_id, o.label,
              (select count(*) from poll_ballots b where b.poll_id = p.id and o.id = any(b.option_ids)) as votes
         from chosen p join poll_options o on o.poll_id = p.id
        order by p.created_at, p.id, o.position`,
      [consultationId, pgUuidArray(liveSessionIds)],
    );
    return rows.map((row) => ({
      pollId: row.poll_id,
      question: row.question,
      status: row.status,
      liveSessionId: row.live_session_id,
      optionId: row.option_id,
      label: row.label,
      votes: Number(row.votes),
    }));
  }

  /** Ballots per poll and per UTC day. */
  async ballots(
    em: EntityManager,
    consultationId: string,
    liveSessionIds: readonly string[],
  ): Promise<{ pollId: string; day: string; count: number }[]> {
    const rows = await runSql<{ poll_id: string; day: string; count: string | number }>(
      em,
      `select b.poll_id, to_char(b.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*) as count
         from poll_ballots b join polls p on p.id = b.poll_id
        where p.consultation_id = ? or p.live_session_id = any(?::uuid[])
        group by 1, 2`,
      [consultationId, pgUuidArray(liveSessionIds)],
    );
    return rows.map((row) => ({ pollId: row.poll_id, day: row.day, count: Number(row.count) }));
  }
}
