import { AsyncLocalStorage } from 'node:async_hooks';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DeadlockException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConsultationNotOpenError, ConsultationsService, Participation } from '@balai/consultations';
import { QuestionVoteResult } from '@balai/contracts';
import { EventBus } from '@balai/events';
import { QuestionNotFoundError, QuestionNotOpenError, SessionEndedError, ShuttingDownError } from './live.errors';
import { QuestionVotesCount } from './live.events';
import { PUBLIC_STATUSES } from './live-questions.repository';
import { LiveUpvotesRepository, VoteKind, VoteTarget } from './live-upvotes.repository';

/** A batch closes after this long or this many votes, whichever comes first. */
export const GROUP_COMMIT_WINDOW_MS = 5;
export const GROUP_COMMIT_MAX = 200;

interface PendingVote {
  kind: VoteKind;
  questionId: string;
  userId: string;
  resolve: (result: QuestionVoteResult) => void;
  reject: (error: unknown) => void;
}

const DEADLOCK = '40P01';

/**
 * Group commit for upvotes: votes arriving within a few milliseconds share one statement that
 * checks their questions, runs a multi-row `insert … on conflict do nothing` (or a `delete` for
 * unvotes) and moves the per-question counters by the number of rows actually inserted or
 * deleted: one counter update per question and batch, never per vote, and one round trip. A vote is acknowledged
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
  /**
   * Runs a function in the async context this committer was made in (none): a batch is autocommitted
   * on its own, never in the transaction or request context of the voter whose vote opened it.
   */
  private readonly detached = AsyncLocalStorage.snapshot();

  constructor(
    private readonly em: EntityManager,
    private readonly upvotes: LiveUpvotesRepository,
    private readonly consultations: ConsultationsService,
    private readonly bus: EventBus,
  ) {}

  submit(kind: VoteKind, questionId: string, userId: string): Promise<QuestionVoteResult> {
    if (this.closing) {
      return Promise.reject(new ShuttingDownError());
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
    this.chain = this.detached(() =>
      this.chain
        .then(() => this.commit(batch))
        .finally(() => {
          this.batchesInFlight--;
          // What arrived during the commit goes now, in one batch.
          if (this.batchesInFlight === 0 && this.buffer.length > 0) this.seal();
        }),
    );
  }

  private async commit(batch: PendingVote[]): Promise<void> {
    try {
      const ups = unique(batch.filter((vote) => vote.kind === 'up'));
      const downs = unique(batch.filter((vote) => vote.kind === 'down'));
      const targets = new Map<string, VoteTarget>();
      if (ups.length > 0) for (const row of await this.retry(() => this.upvotes.applyVotes('up', ups))) targets.set(row.id, row);
      if (downs.length > 0) for (const row of await this.retry(() => this.upvotes.applyVotes('down', downs))) targets.set(row.id, row);
      const refusals = await this.refusals(batch, targets);
      const participants: Participation[] = [];
      for (const vote of batch) {
        const consultationId = targets.get(vote.questionId)?.consultation_id;
        if (vote.kind === 'up' && consultationId && !refusals.has(vote)) participants.push({ consultationId, userId: vote.userId });
      }
      if (participants.length > 0) await this.consultations.recordParticipants(participants);
      let accepted = 0;
      for (const vote of batch) {
        const refusal = refusals.get(vote);
        if (refusal) vote.reject(refusal);
        else {
          accepted++;
          vote.resolve({ questionId: vote.questionId, upvoted: vote.kind === 'up' });
        }
      }
      const counts: QuestionVotesCount[] = [];
      for (const row of targets.values()) {
        if (row.upvotes !== null)
          counts.push({ sessionId: row.session_id, questionId: row.id, upvotes: row.upvotes, version: Number(row.upvotes_version) });
      }
      // The statement autocommitted: the counters it returned are in the database.
      if (counts.length > 0) this.bus.publish('question.votes_counted', { counts });
      this.stats.batches++;
      this.stats.votes += accepted;
    } catch (error: unknown) {
      this.logger.error({ err: error, size: batch.length }, 'Vote batch failed');
      for (const vote of batch) vote.reject(error);
    }
  }

  /** Why each refused vote of the batch was refused (the statement only counted the others). */
  private async refusals(batch: PendingVote[], targets: Map<string, VoteTarget>): Promise<Map<PendingVote, unknown>> {
    const refusals = new Map<PendingVote, unknown>();
    const consultationErrors = new Map<string, unknown>();
    for (const vote of batch) {
      const question = targets.get(vote.questionId);
      if (!question || question.status === 'pending' || question.status === 'rejected') {
        refusals.set(vote, new QuestionNotFoundError(vote.questionId));
      } else if (question.session_status === 'ended') refusals.set(vote, new SessionEndedError());
      else if (!question.open && question.consultation_id) {
        // Rare (a consultation closed during its meeting): ask the consultations service which error it is.
        if (!consultationErrors.has(question.consultation_id)) {
          consultationErrors.set(question.consultation_id, await this.consultationError(question.consultation_id));
        }
        refusals.set(vote, consultationErrors.get(question.consultation_id));
      } else if (vote.kind === 'up' && !PUBLIC_STATUSES.includes(question.status)) {
        refusals.set(vote, new QuestionNotOpenError(question.status));
      }
    }
    return refusals;
  }

  private async consultationError(consultationId: string): Promise<unknown> {
    try {
      await this.consultations.assertAcceptingInput(consultationId, this.em.fork());
      // The statement's clock (PostgreSQL's) had passed the closing time that this process's clock has not yet.
      return new ConsultationNotOpenError(consultationId, 'open', true);
    } catch (error: unknown) {
      return error;
    }
  }

  /** Two processes' batches can lock the same counters in a different order: PostgreSQL aborts one; run it again. */
  private async retry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error: unknown) {
        const deadlock = error instanceof DeadlockException || (error as { code?: string }).code === DEADLOCK;
        if (attempt >= 5 || !deadlock) throw error;
      }
    }
  }
}

/** Each (question, participant) pair once: a statement inserting one pair twice would fail. */
function unique(votes: PendingVote[]): PendingVote[] {
  const seen = new Set<string>();
  return votes.filter((vote) => {
    const key = `${vote.questionId}:${vote.userId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
