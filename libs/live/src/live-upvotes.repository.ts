import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { LiveSessionStatus, QuestionStatus } from '@balai/contracts';
import { pgUuidArray, runSql } from '@balai/database';
import { PUBLIC_STATUSES } from './live-questions.repository';

export type VoteKind = 'up' | 'down';

export interface Vote {
  questionId: string;
  userId: string;
}

/** A question of a vote batch as the statement found it, and whether its counter moved. */
export interface VoteTarget {
  id: string;
  session_id: string;
  status: QuestionStatus;
  session_status: LiveSessionStatus;
  consultation_id: string | null;
  /** The session still runs and its consultation (if any) takes input. */
  open: boolean;
  /** The counter after this batch when the batch moved it, else null. */
  upvotes: number | null;
  /** The counter's version after this batch (with `upvotes`). */
  upvotes_version: number | null;
}

/** Which questions each of these (session, participant) pairs upvoted. */
export interface UpvoteRow {
  session_id: string;
  user_id: string;
  question_id: string;
}

const quoted = (statuses: readonly QuestionStatus[]): string => statuses.map((status) => `'${status}'`).join(', ');

/**
 * The statement of one vote batch of one kind, fixed text (a named prepared statement): it reads the
 * questions (with their session and consultation state), inserts (or deletes) the votes that may
 * count, moves each counter once by the rows actually changed (bumping its version), and returns the
 * questions with what it found.
 */
function voteStatement(kind: VoteKind): string {
  const allowed = kind === 'up' ? `t.status in (${quoted(PUBLIC_STATUSES)})` : `t.status not in ('pending', 'rejected')`;
  const change =
    kind === 'up'
      ? `insert into live_upvotes (question_id, user_id, session_id, created_at)
           select i.question_id, i.user_id, t.session_id, now() from input i join target t on t.id = i.question_id where ${allowed} and t.open
         on conflict do nothing
         returning question_id`
      : `delete from live_upvotes u using input i join target t on t.id = i.question_id
          where u.question_id = i.question_id and u.user_id = i.user_id and ${allowed} and t.open
         returning u.question_id`;
  return `with input as (
       select * from unnest(?::uuid[], ?::uuid[]) as v(question_id, user_id)
     ), target as (
       select q.id, q.session_id, q.status, s.status as session_status, s.consultation_id,
              s.status <> 'ended' and (s.consultation_id is null or consultation_accepts_input(s.consultation_id)) as open
         from live_questions q join live_sessions s on s.id = q.session_id
        where q.id in (select question_id from input)
     ), changed as (
       ${change}
     ), delta as (
       select question_id, count(*)::int as n from changed group by question_id
     ), counted as (
       update live_questions q set upvotes = q.upvotes ${kind === 'up' ? '+' : '-'} delta.n, upvotes_version = q.upvotes_version + 1
         from delta where q.id = delta.question_id returning q.id, q.upvotes, q.upvotes_version
     )
     select t.id, t.session_id, t.status, t.session_status, t.consultation_id, t.open,
            c.upvotes, c.upvotes_version
       from target t left join counted c on c.id = t.id`;
}

const VOTE_STATEMENTS: Record<VoteKind, string> = { up: voteStatement('up'), down: voteStatement('down') };

/** The live domain's statements on `live_upvotes`, the vote group commit's among them. */
@Injectable()
export class LiveUpvotesRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * One batch of votes of one kind (each (question, participant) pair once), in one autocommitted
   * statement and one round trip: under a storm the event loop is busy sending counts to thousands of
   * sockets, and every extra round trip waits behind that. Upvotes count only on public questions,
   * unvotes on any but pending and rejected ones, and neither in an ended session or a consultation
   * that takes no input (`consultation_accepts_input`, the consultations domain's answer).
   *
   * A named statement, with its parameters bound rather than written into the text: PostgreSQL parses
   * and plans it once per connection instead of once per batch (0.8 instead of 1.4 ms of its CPU for
   * a batch of 8 here). It runs on a connection of its own, whatever context the first voter had.
   */
  applyVotes(kind: VoteKind, votes: readonly Vote[]): Promise<VoteTarget[]> {
    return runSql<VoteTarget>(
      this.em.fork(),
      VOTE_STATEMENTS[kind],
      [pgUuidArray(votes.map((vote) => vote.questionId)), pgUuidArray(votes.map((vote) => vote.userId))],
      { name: `live-votes-${kind}` },
    );
  }

  /**
   * A merge: the upvoters of `fromId` upvote `intoId` too (each once: who upvoted both keeps one), and
   * `intoId`'s counter moves by the rows added, with its version, under the caller's lock on `intoId`.
   */
  async moveUpvotes(em: EntityManager, fromId: string, intoId: string): Promise<{ upvotes: number; version: number }> {
    const [row] = await runSql<{ upvotes: number; upvotes_version: number }>(
      em,
      `with moved as (
         insert into live_upvotes (question_id, user_id, session_id, created_at)
         select ?, u.user_id, u.session_id, now() from live_upvotes u where u.question_id = ?
         on conflict do nothing
         returning 1
       )
       update live_questions set upvotes = upvotes + (select count(*)::int from moved), upvotes_version = upvotes_version + 1
        where id = ? returning upvotes, upvotes_version`,
      [intoId, fromId, intoId],
    );
    return { upvotes: Number(row.upvotes), version: Number(row.upvotes_version) };
  }

  /** The upvotes of these (session, participant) pairs, in one query (a join storm's `myUpvotes`). */
  upvotedBy(pairs: readonly (readonly [sessionId: string, userId: string])[]): Promise<UpvoteRow[]> {
    return runSql<UpvoteRow>(
      this.em,
      `select u.session_id, u.user_id, u.question_id from live_upvotes u
         join unnest(?::uuid[], ?::uuid[]) as k(session_id, user_id) on u.session_id = k.session_id and u.user_id = k.user_id`,
      [pgUuidArray(pairs.map(([sessionId]) => sessionId)), pgUuidArray(pairs.map(([, userId]) => userId))],
    );
  }
}
