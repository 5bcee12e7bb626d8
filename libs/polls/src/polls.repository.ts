import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { PollResults } from '@balai/contracts';
import { pgUuidArray, runSql } from '@balai/database';
import { Poll } from './poll.entity';

/**
 * The SQL of the polls domain (`polls`, `poll_options`, `poll_ballots`). Methods that take an `em`
 * run in its transaction when it has one; the others read on the request's EntityManager.
 */
@Injectable()
export class PollsRepository {
  constructor(private readonly em: EntityManager) {}

  /** The poll's live session (null for a poll outside one), or undefined when there is no such poll. */
  async liveSessionOf(pollId: string): Promise<string | null | undefined> {
    const [row] = await runSql<{ live_session_id: string | null }>(this.em, 'select live_session_id from polls where id = ?', [pollId]);
    return row ? row.live_session_id : undefined;
  }

  /**
   * Casts or replaces `userId`'s ballot in one upsert: the primary key (poll_id, user_id) keeps one
   * ballot per participant however many requests race; a new ballot replaces the options and
   * `updated_at`, and keeps `created_at`.
   */
  async upsertBallot(em: EntityManager, pollId: string, userId: string, optionIds: readonly string[]): Promise<void> {
    await runSql(
      em,
      `insert into poll_ballots (poll_id, user_id, option_ids, created_at, updated_at) values (?, ?, ?::uuid[], now(), now())
       on conflict (poll_id, user_id) do update set option_ids = excluded.option_ids, updated_at = excluded.updated_at`,
      [pollId, userId, pgUuidArray(optionIds)],
    );
  }

  /**
   * Counts for several polls in one aggregate: each ballot counts once in `totalBallots`, and once
   * for each option it chose (its option ids unnested). Every option is there, in its order, with 0
   * votes when nobody chose it; an id in a ballot that is no option of its poll counts nowhere but
   * in `totalBallots`. A poll that is not there (or has no options) is missing from the map.
   */
  async results(em: EntityManager, pollIds: readonly string[]): Promise<Map<string, PollResults>> {
    const results = new Map<string, PollResults>();
    if (pollIds.length === 0) return results;
    const rows = await runSql<{ poll_id: string; option_id: string; votes: number | string; total: number | string }>(
      em,
      `with b as (select poll_id, option_ids from poll_ballots where poll_id = any(?::uuid[])),
            v as (select b.poll_id, o.option_id, count(*) as votes from b cross join lateral unnest(b.option_ids) as o(option_id)
                  group by b.poll_id, o.option_id),
            t as (select poll_id, count(*) as total from b group by poll_id)
       select po.poll_id, po.id as option_id, coalesce(v.votes, 0) as votes, coalesce(t.total, 0) as total
       from poll_options po
       left join v on v.poll_id = po.poll_id and v.option_id = po.id
       left join t on t.poll_id = po.poll_id
       where po.poll_id = any(?::uuid[])
       order by po.poll_id, po.position`,
      [pgUuidArray(pollIds), pgUuidArray(pollIds)],
    );
    for (const row of rows) {
      let entry = results.get(row.poll_id);
      if (!entry) {
        entry = { totalBallots: Number(row.total), options: [] };
        results.set(row.poll_id, entry);
      }
      entry.options.push({ id: row.option_id, votes: Number(row.votes) });
    }
    return results;
  }

  /** `userId`'s ballot (its option ids, in the poll's option order) in each of these polls where there is one. */
  async ballotsOf(em: EntityManager, pollIds: readonly string[], userId: string): Promise<Map<string, string[]>> {
    if (pollIds.length === 0) return new Map();
    const rows = await runSql<{ poll_id: string; option_ids: string[] | string }>(
      em,
      'select poll_id, to_json(option_ids) as option_ids from poll_ballots where user_id = ? and poll_id = any(?::uuid[])',
      [userId, pgUuidArray(pollIds)],
    );
    // PostgreSQL's driver parses the json; PGlite's may hand it over as text.
    return new Map(
      rows.map((row) => [row.poll_id, typeof row.option_ids === 'string' ? (JSON.parse(row.option_ids) as string[]) : row.option_ids]),
    );
  }

  /** Ids of the oldest `limit` open polls whose `closes_at` is at or before `now`, the first to close first. */
  async lapsedOpenPollIds(now: Date, limit: number): Promise<string[]> {
    const rows = await runSql<{ id: string }>(
      this.em,
      `select id from polls where status = 'open' and closes_at <= ? order by closes_at, id limit ?`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Whether a live session has a poll that is open and not past its closing time: one cheap query. */
  async hasOpenPolls(sessionId: string): Promise<boolean> {
    const rows = await runSql(
      this.em,
      `select 1 from polls where live_session_id = ? and status = 'open' and (closes_at is null or closes_at > now()) limit 1`,
      [sessionId],
    );
    return rows.length > 0;
  }

  /** A live session's polls that are open and not past their closing time at `now`, oldest first (as `hasOpenPolls` counts them). */
  openPollsOfSession(sessionId: string, now: Date): Promise<Poll[]> {
    return this.em.find(
      Poll,
      { liveSessionId: sessionId, status: 'open', $or: [{ closesAt: null }, { closesAt: { $gt: now } }] },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  /** How many polls each consultation has (those of its live sessions included); consultations without one are left out. */
  async countByConsultation(consultationIds: readonly string[]): Promise<Map<string, number>> {
    if (consultationIds.length === 0) return new Map();
    const rows = await runSql<{ consultation_id: string; polls: number | string }>(
      this.em,
      'select consultation_id, count(*) as polls from polls where consultation_id = any(?::uuid[]) group by consultation_id',
      [pgUuidArray(consultationIds)],
    );
    return new Map(rows.map((row) => [row.consultation_id, Number(row.polls)]));
  }
}
