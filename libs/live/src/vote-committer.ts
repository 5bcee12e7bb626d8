import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConsultationsService } from '@balai/consultations';
import { QuestionVoteResult } from '@balai/contracts';
import { pgUuidArray } from '@balai/database';
import { DomainError, NotFoundError } from '@balai/errors';
import { QuestionNotOpenError, SessionEndedError } from './live.errors';
import { PUBLIC_STATUSES } from './live-questions.service';
import { CountCoalescer } from './vote-coalescer';

/** A batch closes after this long or this many votes, whichever comes first. */
export const GROUP_COMMIT_WINDOW_MS = 5;
export const GROUP_COMMIT_MAX = 200;

type VoteKind = 'up' | 'down';

interface PendingVote {
  kind: VoteKind;
  questionId: string;
  userId: string;
  resolve: (result: QuestionVoteResult) => void;
  reject: (error: unknown) => void;
}

interface QuestionRow {
  id: string;
  session_id: string;
  status: string;
  session_status: string;
  consultation_id: string | null;
}

const DEADLOCK = '40P01';

/**
 * Group commit for upvotes: votes arriving within a few milliseconds share one multi-row
 * `insert … on conflict do nothing returning` (and one `delete … returning` for unvotes); the
 * per-question counters move in the same statement by the number of rows actually inserted or
 * deleted: one counter update per question and batch, never per vote. A vote is acknowledged
 * only after its batch committed, so an ack means the vote is in the database.
 *
 * Batches run one after another (per process), which also keeps an upvote and an unvote of the
 * same participant in order: a vote whose key is already in the open batch with the other kind
 * closes that batch first. The window timer only runs while the database is idle: votes that
 * arrive during a commit wait for it and then go together, so under a storm batches grow instead
 * of queueing up behind each other.
 */
@Injectable()
export class VoteCommitter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('VoteCommitter');
  private buffer: PendingVote[] = [];
  private readonly bufferKinds = new Map<string, VoteKind>();
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private batchesInFlight = 0;
  private closing = false;
  /** Statistics for the benchmark and the logs. */
  readonly stats = { batches: 0, votes: 0 };

  constructor(
    private readonly em: EntityManager,
    private readonly counts: CountCoalescer,
    private readonly consultations: ConsultationsService,
  ) {}

  submit(kind: VoteKind, questionId: string, userId: string): Promise<QuestionVoteResult> {
    if (this.closing) {
      return Promise.reject(new DomainError('unavailable', 'shutting_down', 'This server is shutting down: reconnect and try again'));
    }
    const key = `${questionId}:${userId}`;
    const existing = this.bufferKinds.get(key);
    if (existing !== undefined && existing !== kind) this.seal();
    return new Promise<QuestionVoteResult>((resolve, reject) => {
      this.buffer.push({ kind, questionId, userId, resolve, reject });
      this.bufferKinds.set(key, kind);
      if (this.buffer.length >= GROUP_COMMIT_MAX) this.seal();
      else if (!this.timer && this.batchesInFlight === 0) this.timer = setTimeout(() => this.seal(), GROUP_COMMIT_WINDOW_MS);
    });
  }

  /** Shutdown: commit (and acknowledge) everything buffered before the database pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.seal();
    await this.chain;
  }

  /** Resolves once everything submitted so far is committed (tests, shutdown). */
  drain(): Promise<void> {
    this.seal();
    return this.chain;
  }

  private seal(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.bufferKinds.clear();
    this.batchesInFlight++;
    this.chain = this.chain
      .then(() => this.commit(batch))
      .finally(() => {
        this.batchesInFlight--;
        // What arrived during the commit goes now, in one batch.
        if (this.batchesInFlight === 0 && this.buffer.length > 0) this.seal();
      });
  }

  private async commit(batch: PendingVote[]): Promise<void> {
    try {
      const rows = await this.em.getConnection().execute<QuestionRow[]>(
        `select q.id, q.session_id, q.status, s.status as session_status, s.consultation_id
             from live_questions q join live_sessions s on s.id = q.session_id
            where q.id = any(?::uuid[])`,
        [pgUuidArray(new Set(batch.map((vote) => vote.questionId)))],
      );
      const questions = new Map(rows.map((row) => [row.id, row]));
      const closedConsultations = await this.closedConsultations(rows);
      const accepted: PendingVote[] = [];
      for (const vote of batch) {
        const question = questions.get(vote.questionId);
        if (!question || question.status === 'pending' || question.status === 'rejected') {
          vote.reject(new NotFoundError('Question', vote.questionId));
        } else if (question.session_status === 'ended') vote.reject(SessionEndedError());
        else if (question.consultation_id && closedConsultations.has(question.consultation_id)) {
          vote.reject(closedConsultations.get(question.consultation_id));
        } else if (vote.kind === 'up' && !PUBLIC_STATUSES.includes(question.status as never)) {
          vote.reject(QuestionNotOpenError(question.status as never));
        } else accepted.push(vote);
      }
      const ups = unique(accepted.filter((vote) => vote.kind === 'up'));
      const downs = unique(accepted.filter((vote) => vote.kind === 'down'));
      const changed = new Set<string>();
      if (ups.length > 0) for (const id of await this.retry(() => this.insertUpvotes(ups, questions))) changed.add(id);
      if (downs.length > 0) for (const id of await this.retry(() => this.deleteUpvotes(downs))) changed.add(id);
      for (const id of changed) this.counts.questionChanged(questions.get(id)!.session_id, id);
      this.stats.batches++;
      this.stats.votes += accepted.length;
      for (const vote of accepted) vote.resolve({ questionId: vote.questionId, upvoted: vote.kind === 'up' });
    } catch (error: unknown) {
      this.logger.error({ err: error, size: batch.length }, 'Vote batch failed');
      for (const vote of batch) vote.reject(error);
    }
  }

  /** Consultations of this batch's sessions that take no more input (one check per consultation and batch), with the reason. */
  private async closedConsultations(rows: QuestionRow[]): Promise<Map<string, unknown>> {
    const closed = new Map<string, unknown>();
    const ids = new Set(rows.map((row) => row.consultation_id).filter((id): id is string => id !== null));
    for (const id of ids) {
      try {
        await this.consultations.assertAcceptingInput(id, this.em.fork());
      } catch (error: unknown) {
        if (!(error instanceof DomainError)) throw error;
        closed.set(id, error);
      }
    }
    return closed;
  }

  /** Returns the ids of questions whose count changed. */
  private async insertUpvotes(votes: PendingVote[], questions: Map<string, QuestionRow>): Promise<string[]> {
    const rows = await this.em.getConnection().execute<{ id: string }[]>(
      `with input as (
         select * from unnest(?::uuid[], ?::uuid[], ?::uuid[]) as t(question_id, user_id, session_id)
       ), inserted as (
         insert into live_upvotes (question_id, user_id, session_id, created_at)
         select question_id, user_id, session_id, now() from input
         on conflict do nothing
         returning question_id
       ), delta as (
         select question_id, count(*)::int as n from inserted group by question_id
       )
       update live_questions q set upvotes = q.upvotes + delta.n from delta where q.id = delta.question_id returning q.id`,
      [
        pgUuidArray(votes.map((vote) => vote.questionId)),
        pgUuidArray(votes.map((vote) => vote.userId)),
        pgUuidArray(votes.map((vote) => questions.get(vote.questionId)!.session_id)),
      ],
    );
    return rows.map((row) => row.id);
  }

  private async deleteUpvotes(votes: PendingVote[]): Promise<string[]> {
    const rows = await this.em.getConnection().execute<{ id: string }[]>(
      `with input as (
         select * from unnest(?::uuid[], ?::uuid[]) as t(question_id, user_id)
       ), deleted as (
         delete from live_upvotes u using input i
          where u.question_id = i.question_id and u.user_id = i.user_id
         returning u.question_id
       ), delta as (
         select question_id, count(*)::int as n from deleted group by question_id
       )
       update live_questions q set upvotes = q.upvotes - delta.n from delta where q.id = delta.question_id returning q.id`,
      [pgUuidArray(votes.map((vote) => vote.questionId)), pgUuidArray(votes.map((vote) => vote.userId))],
    );
    return rows.map((row) => row.id);
  }

  /** Two processes' batches can lock the same counters in a different order: PostgreSQL aborts one; run it again. */
  private async retry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error: unknown) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || (code !== DEADLOCK && !String((error as Error).message).includes('deadlock'))) throw error;
      }
    }
  }
}

function unique(votes: PendingVote[]): PendingVote[] {
  const seen = new Set<string>();
  return votes.filter((vote) => {
    const key = `${vote.questionId}:${vote.userId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
