import { Injectable } from '@nestjs/common';
import { FilterQuery, LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { isUUID } from 'class-validator';
import { AppConfig } from '@balai/config';
import { hasRole, Page, PollResults } from '@balai/contracts';
import { ConsultationsService } from '@balai/consultations';
import { DomainError, FieldError, ValidationError } from '@balai/errors';
import { EventBus } from '@balai/events';
import { decodeCursor, toPage } from '@balai/http';
import { Principal } from '@balai/identity';
import { DistinctCap, RateLimiterFactory } from '@balai/redis';
import { ListPollsQuery } from './dto/list-polls.query';
import { BallotView, PollResultsView, PollResultsWithId, PollView } from './dto/poll.view';
import { LiveSessionLookup } from './live-session-lookup';
import { Poll, ResultsVisibility } from './poll.entity';
import { PollOption } from './poll-option.entity';
import { ballotErrors, optionLabelErrors } from './poll-rules';
import {
  GuestsOnlyInLivePollsError,
  PollAlreadyClosedError,
  PollClosedError,
  PollModeratorRequiredError,
  PollNotFoundError,
} from './polls.errors';
import { PollsRepository } from './polls.repository';

export interface CreatePollInput {
  question: string;
  options: string[];
  multiple?: boolean;
  consultationId?: string;
  liveSessionId?: string;
  resultsVisibility?: ResultsVisibility;
  /** ISO-8601; must be in the future. */
  closesAt?: string;
}

/** A poll of a consultation with its final or current results, for the consultation's summary. */
export interface ConsultationPollResults {
  pollId: string;
  question: string;
  status: 'open' | 'closed';
  totalBallots: number;
  options: { id: string; label: string; votes: number }[];
}

/** The id a page of polls ended at; anything else is a 400 on `cursor`, never a query with a bad uuid. */
function readCursor(cursor: string): string {
  const [id] = decodeCursor(cursor, ['string']);
  if (typeof id !== 'string' || !isUUID(id)) {
    throw new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);
  }
  return id;
}

/**
 * Polls, options and ballots. Every method works the same for HTTP and Socket.IO callers; it
 * uses the injected EntityManager, so callers outside HTTP need a request context
 * (`@CreateRequestContext()` or `RequestContext.create(em.fork(), ...)`).
 */
@Injectable()
export class PollsService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: PollsRepository,
    private readonly bus: EventBus,
    private readonly consultations: ConsultationsService,
    private readonly liveSessions: LiveSessionLookup,
    limiters: RateLimiterFactory,
    config: AppConfig,
  ) {
    this.ballotCap = limiters.distinctCap({ name: 'poll-ballot', capacity: config.limits.votesPerAddress, ttlSeconds: 12 * 3600 });
  }

  /** Participants from one client address who may vote in one poll (VOTES_PER_ADDRESS): a cap on stuffing with throwaway guests. */
  private readonly ballotCap: DistinctCap;

  /** Moderator or higher. Publishes `poll.opened` once the poll committed. */
  async create(input: CreatePollInput, principal: Principal): Promise<PollView> {
    if (!hasRole(principal.role, 'moderator')) {
      throw new PollModeratorRequiredError('Creating', principal.role);
    }
    const labels = input.options.map((label) => label.trim());
    const errors: FieldError[] = optionLabelErrors(labels);
    const closesAt = input.closesAt === undefined ? null : new Date(input.closesAt);
    if (closesAt && (Number.isNaN(closesAt.getTime()) || closesAt.getTime() <= Date.now())) {
      errors.push({ field: 'closesAt', message: 'closesAt must be a time in the future' });
    }
    if (errors.length > 0) throw new ValidationError(errors);
    // Asked before the transaction, like a ballot's (see `vote`).
    if (input.liveSessionId) await this.liveSessions.assertTakesInput(input.liveSessionId);

    const view = await this.em.transactional(async (em) => {
      if (input.consultationId) await this.consultations.assertAcceptingInput(input.consultationId, em);
      const poll = em.create(Poll, {
        question: input.question.trim(),
        multiple: input.multiple ?? false,
        resultsVisibility: input.resultsVisibility ?? 'live',
        consultationId: input.consultationId ?? null,
        liveSessionId: input.liveSessionId ?? null,
        closesAt,
        createdBy: principal.id,
      });
      const options = labels.map((label, position) => em.create(PollOption, { poll: poll.id, label, position }));
      await em.flush();
      const results = poll.resultsVisibility === 'live' ? this.emptyResults(options) : undefined;
      const view = PollView.of(poll, options, { now: new Date(), results });
      this.bus.afterCommit(em, 'poll.opened', { poll: view, liveSessionId: view.liveSessionId });
      return view;
    });
    return view;
  }

  /** The poll as `viewer` may see it: results when visible to them, their own ballot when they have one. */
  async get(pollId: string, viewer?: Principal): Promise<PollView> {
    const poll = await this.em.findOne(Poll, { id: pollId });
    if (!poll) throw new PollNotFoundError(pollId);
    const [view] = await this.views(this.em, [poll], viewer);
    return view;
  }

  /**
   * Casts or replaces `principal`'s ballot in one upsert: the primary key (poll_id, user_id)
   * keeps one ballot per participant, however many requests race. Guests vote only in polls of
   * a live session. Publishes `poll.ballot_cast` once the ballot committed.
   */
  async vote(pollId: string, principal: Principal, optionIds: string[], address?: string): Promise<BallotView> {
    // Callers outside HTTP (Socket.IO) may skip the DTO: never let a malformed list reach the checks below.
    if (!Array.isArray(optionIds) || !optionIds.every((id) => typeof id === 'string')) {
      throw new ValidationError([{ field: 'optionIds', message: 'optionIds must be a list of option ids' }]);
    }
    // `address`: the caller's grouped client address (`addressKey`), given by the HTTP and Socket.IO edges.
    if (address !== undefined) {
      await this.ballotCap.enforce(`${pollId}:${address}`, principal.id, 'Too many participants from this address have voted in this poll');
    }
    // The live session is asked before the transaction: the lookup runs on its own connection, and
    // waiting for one while holding another could exhaust the pool (or block PGlite's single one).
    const liveSessionId = await this.repository.liveSessionOf(pollId);
    if (liveSessionId === undefined) throw new PollNotFoundError(pollId);
    if (principal.role === 'guest' && !liveSessionId) throw new GuestsOnlyInLivePollsError();
    if (liveSessionId) await this.liveSessions.assertTakesInput(liveSessionId);

    const ordered = await this.em.transactional(async (em) => {
      // A share lock: a concurrent close waits for this ballot, so closing counts it or it gets a 409.
      const poll = await em.findOne(Poll, { id: pollId }, { lockMode: LockMode.PESSIMISTIC_READ });
      if (!poll) throw new PollNotFoundError(pollId);
      if (poll.isClosedAt(new Date())) throw new PollClosedError();
      if (poll.consultationId) await this.consultations.assertAcceptingInput(poll.consultationId, em);
      const options = await em.find(PollOption, { poll: pollId }, { orderBy: { position: 'asc' } });
      const errors = ballotErrors(optionIds, new Set(options.map((option) => option.id)), poll.multiple);
      if (errors.length > 0) throw new ValidationError(errors);
      const chosen = new Set(optionIds);
      const ordered = options.filter((option) => chosen.has(option.id)).map((option) => option.id);
      await this.repository.upsertBallot(em, poll.id, principal.id, ordered);
      if (poll.consultationId)
        await this.consultations.recordParticipants([{ consultationId: poll.consultationId, userId: principal.id }], em);
      this.bus.afterCommit(em, 'poll.ballot_cast', {
        pollId: poll.id,
        liveSessionId: poll.liveSessionId,
        resultsVisibility: poll.resultsVisibility,
      });
      return ordered;
    });
    return { optionIds: ordered };
  }

  /** Moderator or higher; a second close is a 409. Returns the poll with its final results; publishes `poll.closed`. */
  async close(pollId: string, principal: Principal): Promise<PollView> {
    if (!hasRole(principal.role, 'moderator')) {
      throw new PollModeratorRequiredError('Closing', principal.role);
    }
    const view = await this.closeIfOpen(pollId, principal);
    if (!view) throw new PollAlreadyClosedError();
    return view;
  }

  /**
   * Closes, the way a moderator does, every open poll whose `closesAt` is at or before `now` (the
   * oldest `batch` of them; the rest on the next call). Returns how many this call closed. Safe
   * with several processes calling it at once: each poll is closed, and `poll.closed` published,
   * by exactly one of them (see `closeIfOpen`).
   */
  async closeLapsed(now: Date = new Date(), batch = 100): Promise<number> {
    const due = await this.repository.lapsedOpenPollIds(now, batch);
    let closed = 0;
    for (const id of due) {
      if (await this.closeIfOpen(id)) closed++;
    }
    return closed;
  }

  /**
   * The one way a poll closes: locks its row (FOR UPDATE), marks it closed (closedAt = closesAt
   * when that has passed, else now) and publishes `poll.closed` once that commits. Returns null, and
   * publishes nothing, when the poll was already closed: a concurrent close (a moderator, another
   * process's scheduler) waits for the lock and then reads the committed `closed`, so the event goes
   * out once.
   */
  private closeIfOpen(pollId: string, viewer?: Principal): Promise<PollView | null> {
    return this.em.transactional(async (em) => {
      // `refresh`: the status must come from the locked row, never from an entity loaded earlier.
      const poll = await em.findOne(Poll, { id: pollId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!poll) throw new PollNotFoundError(pollId);
      if (poll.status === 'closed') return null;
      const now = new Date();
      poll.status = 'closed';
      poll.closedAt = poll.closesAt && poll.closesAt.getTime() <= now.getTime() ? poll.closesAt : now;
      await em.flush();
      // A closed poll's results are visible to everyone: the view always has them.
      const [view] = await this.views(em, [poll], viewer);
      this.bus.afterCommit(em, 'poll.closed', { pollId, liveSessionId: poll.liveSessionId, results: view.results! });
      return view;
    });
  }

  /**
   * A consultation's polls (those of its live sessions included), newest first, keyset-paginated
   * on the time-ordered id; each as `get` shows it to `viewer`. `status` follows the views: a poll
   * past its closesAt, or in a consultation that takes no more input, is closed. An unknown
   * consultation is a 404.
   */
  async list(query: ListPollsQuery, viewer?: Principal): Promise<Page<PollView>> {
    const after = query.cursor ? readCursor(query.cursor) : undefined;
    const consultationOpen = await this.acceptsInput(query.consultationId);
    if (query.status === 'open' && !consultationOpen) return { items: [], nextCursor: null };
    const now = new Date();
    const where: FilterQuery<Poll> = { consultationId: query.consultationId };
    if (after) where.id = { $lt: after };
    if (query.status === 'open') where.$and = [{ status: 'open' }, { $or: [{ closesAt: null }, { closesAt: { $gt: now } }] }];
    if (query.status === 'closed' && consultationOpen) where.$or = [{ status: 'closed' }, { closesAt: { $lte: now } }];
    const rows = await this.em.find(Poll, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
    const views = new Map((await this.views(this.em, rows.slice(0, query.limit), viewer)).map((view) => [view.id, view]));
    return toPage(
      rows,
      query.limit,
      (poll) => [poll.id],
      (poll) => views.get(poll.id)!,
    );
  }

  /**
   * Current counts whatever the poll's visibility (for broadcasting: check `resultsVisibility`
   * first). One aggregate query.
   */
  async results(pollId: string): Promise<PollResultsWithId> {
    const results = (await this.repository.results(this.em, [pollId])).get(pollId);
    if (!results) throw new PollNotFoundError(pollId);
    return { pollId, ...results };
  }

  /** Whether a live session has a poll taking ballots: one cheap query, shared by a join storm before any per-viewer work. */
  hasOpenPolls(sessionId: string): Promise<boolean> {
    return this.repository.hasOpenPolls(sessionId);
  }

  /** Open polls of a live session, oldest first, as `viewer` may see them. */

  async openPollsOfSession(sessionId: string, viewer?: Principal): Promise<PollView[]> {
    const polls = await this.repository.openPollsOfSession(sessionId, new Date());
    // A poll whose consultation closed is closed too, though its row still says open.
    return (await this.views(this.em, polls, viewer)).filter((view) => view.status === 'open');
  }

  /** `userId`'s ballot in the poll, or null. */
  async ballotsOf(pollId: string, userId: string): Promise<BallotView | null> {
    return (await this.ballotMap(this.em, [pollId], userId)).get(pollId) ?? null;
  }

  /** Every poll of a consultation with its counts and labels (for the consultation's summary), oldest first. */
  async resultsOfConsultation(consultationId: string): Promise<ConsultationPollResults[]> {
    const polls = await this.em.find(Poll, { consultationId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    if (polls.length === 0) return [];
    const ids = polls.map((poll) => poll.id);
    const [options, results] = await Promise.all([
      this.em.find(PollOption, { poll: { $in: ids } }, { orderBy: { position: 'asc' } }),
      this.repository.results(this.em, ids),
    ]);
    const now = new Date();
    const consultationClosed = (await this.closedConsultations(polls, now)).size > 0;
    return polls.map((poll) => {
      const votes = new Map(results.get(poll.id)?.options.map((option) => [option.id, option.votes]));
      return {
        pollId: poll.id,
        question: poll.question,
        status: consultationClosed || poll.isClosedAt(now) ? 'closed' : 'open',
        totalBallots: results.get(poll.id)?.totalBallots ?? 0,
        options: options
          .filter((option) => option.poll === poll.id)
          .map((option) => ({ id: option.id, label: option.label, votes: votes.get(option.id) ?? 0 })),
      };
    });
  }

  /** Whether the consultation takes input (open, before its closing time); unknown or draft: 404. */
  private async acceptsInput(consultationId: string): Promise<boolean> {
    try {
      await this.consultations.assertAcceptingInput(consultationId);
      return true;
    } catch (error: unknown) {
      if (error instanceof DomainError && error.kind === 'conflict') return false;
      throw error;
    }
  }

  private static canSeeResults(poll: Poll, closed: boolean, viewer: Principal | undefined): boolean {
    return poll.resultsVisibility === 'live' || closed || (viewer !== undefined && hasRole(viewer.role, 'moderator'));
  }

  /**
   * Ids of consultations among these polls' that take no more input (closed, decided, past their
   * closing time): their polls count as closed too, so after_close results come out with the
   * consultation's. One check per distinct consultation of a still-open poll.
   */
  private async closedConsultations(polls: Poll[], now: Date): Promise<Set<string>> {
    const ids = new Set(polls.filter((poll) => poll.consultationId && !poll.isClosedAt(now)).map((poll) => poll.consultationId!));
    const closed = new Set<string>();
    for (const id of ids) {
      try {
        await this.consultations.assertAcceptingInput(id);
      } catch (error: unknown) {
        if (!(error instanceof DomainError) || error.kind === 'unavailable') throw error;
        closed.add(id);
      }
    }
    return closed;
  }

  /** Views of several polls in a fixed number of queries (options, results, the viewer's ballots). */
  private async views(em: EntityManager, polls: Poll[], viewer?: Principal): Promise<PollView[]> {
    if (polls.length === 0) return [];
    const now = new Date();
    const ids = polls.map((poll) => poll.id);
    const closedConsultations = await this.closedConsultations(polls, now);
    const isClosed = (poll: Poll) => poll.isClosedAt(now) || (poll.consultationId !== null && closedConsultations.has(poll.consultationId));
    const visible = polls.filter((poll) => PollsService.canSeeResults(poll, isClosed(poll), viewer)).map((poll) => poll.id);
    const options = await em.find(PollOption, { poll: { $in: ids } }, { orderBy: { position: 'asc' } });
    const results = visible.length > 0 ? await this.repository.results(em, visible) : new Map<string, PollResults>();
    const ballots = viewer ? await this.ballotMap(em, ids, viewer.id) : new Map<string, BallotView>();
    return polls.map((poll) =>
      PollView.of(
        poll,
        options.filter((option) => option.poll === poll.id),
        { now, closed: isClosed(poll), results: results.get(poll.id), myBallot: ballots.get(poll.id)?.optionIds },
      ),
    );
  }

  private async ballotMap(em: EntityManager, pollIds: string[], userId: string): Promise<Map<string, BallotView>> {
    const ballots = await this.repository.ballotsOf(em, pollIds, userId);
    return new Map([...ballots].map(([pollId, optionIds]) => [pollId, { optionIds }]));
  }

  private emptyResults(options: PollOption[]): PollResultsView {
    return { totalBallots: 0, options: options.map((option) => ({ id: option.id, votes: 0 })) };
  }
}
