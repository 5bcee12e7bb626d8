import { Injectable } from '@nestjs/common';
import { FilterQuery, LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Page } from '@balai/contracts';
import { NotFoundError, ValidationError } from '@balai/errors';
import { decodeCursor, toPage } from '@balai/http';
import { Consultation } from './consultation.entity';
import { ConsultationActivityRegistry, ConsultationCounts } from './consultation-activity';
import { ConsultationParticipantsRepository, Participation } from './consultation-participants.repository';
import { ConsultationNotOpenError } from './consultations.errors';
import { ConsultationView } from './dto/consultation.view';
import { CreateConsultationDto } from './dto/create-consultation.dto';
import { ListConsultationsQuery } from './dto/list-consultations.query';

const ZERO_COUNTS: ConsultationCounts = { threads: 0, posts: 0, polls: 0, liveSessions: 0, participants: 0 };

@Injectable()
export class ConsultationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly activity: ConsultationActivityRegistry,
    private readonly participants: ConsultationParticipantsRepository,
  ) {}

  /**
   * Records that these people took part in these consultations (each pair once). Pass the caller's
   * transactional EntityManager so the record commits, or rolls back, with the input itself.
   */
  recordParticipants(entries: readonly Participation[], em?: EntityManager): Promise<void> {
    return this.participants.record(entries, em);
  }

  async create(input: CreateConsultationDto, createdBy: string): Promise<ConsultationView> {
    const closesAt = input.closesAt ? new Date(input.closesAt) : null;
    if (closesAt && closesAt.getTime() <= Date.now()) {
      throw new ValidationError([{ field: 'closesAt', message: 'closesAt must be in the future' }]);
    }
    const consultation = this.em.create(Consultation, { title: input.title, description: input.description, closesAt, createdBy });
    await this.em.flush();
    return ConsultationView.of(consultation, { ...ZERO_COUNTS });
  }

  async get(id: string): Promise<ConsultationView> {
    const consultation = await this.em.findOne(Consultation, { id, status: { $ne: 'draft' } });
    if (!consultation) throw new NotFoundError('Consultation', id);
    const counts = await this.counts([id]);
    return ConsultationView.of(consultation, counts.get(id) ?? { ...ZERO_COUNTS });
  }

  /** Newest first, keyset-paginated on the (time-ordered) id. */
  async list(query: ListConsultationsQuery): Promise<Page<ConsultationView>> {
    const where: FilterQuery<Consultation> = { status: query.status ?? { $ne: 'draft' } };
    if (query.cursor) {
      const [id] = decodeCursor(query.cursor, ['string']) as [string];
      if (!/^[0-9a-f-]{36}$/i.test(id))
        throw new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);
      where.id = { $lt: id };
    }
    const rows = await this.em.find(Consultation, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
    const counts = await this.counts(rows.slice(0, query.limit).map((row) => row.id));
    return toPage(
      rows,
      query.limit,
      (row) => [row.id],
      (row) => ConsultationView.of(row, counts.get(row.id) ?? { ...ZERO_COUNTS }),
    );
  }

  /**
   * Throws unless the consultation takes input now: NotFoundError when it does not exist,
   * ConflictError('consultation_not_open') when it is not open or past its closing time.
   * Pass the caller's transactional EntityManager to hold a share lock on the row until the
   * caller commits, so a concurrent close waits for the write instead of racing it.
   */
  /**
   * `acceptsInput()` as a SQL predicate on a consultation id column, for a domain that must check it
   * inside one statement (the live group commit: one round trip per batch of votes). False for an
   * unknown, draft, closed or lapsed consultation; `assertAcceptingInput` then says which.
   */
  acceptingInputSql(consultationIdColumn: string): string {
    return `exists (select 1 from consultations c where c.id = ${consultationIdColumn} and c.status = 'open' and (c.closes_at is null or c.closes_at > now()))`;
  }

  async assertAcceptingInput(consultationId: string, em?: EntityManager): Promise<void> {
    const manager = em ?? this.em;
    const consultation = await manager.findOne(
      Consultation,
      { id: consultationId },
      em?.isInTransaction() ? { lockMode: LockMode.PESSIMISTIC_READ } : {},
    );
    if (!consultation || consultation.status === 'draft') throw new NotFoundError('Consultation', consultationId);
    if (!consultation.acceptsInput()) {
      throw ConsultationNotOpenError(consultationId, consultation.status, consultation.status === 'open');
    }
  }

  /** Whether a consultation exists (any status but draft): for filters that must 404 on unknown ids. */
  async exists(consultationId: string): Promise<boolean> {
    return (await this.em.count(Consultation, { id: consultationId, status: { $ne: 'draft' } })) > 0;
  }

  /** Live counts from every registered activity source; participants are distinct across sources. */
  async counts(consultationIds: string[]): Promise<Map<string, ConsultationCounts>> {
    const result = new Map<string, ConsultationCounts>(consultationIds.map((id) => [id, { ...ZERO_COUNTS }]));
    const sources = this.activity.sources();
    if (consultationIds.length === 0) return result;
    const perSource = await Promise.all(sources.map((source) => source.counts(consultationIds)));
    for (const counts of perSource) {
      for (const [id, partial] of counts) {
        const total = result.get(id);
        if (!total) continue;
        total.threads += partial.threads ?? 0;
        total.posts += partial.posts ?? 0;
        total.polls += partial.polls ?? 0;
        total.liveSessions += partial.liveSessions ?? 0;
      }
    }
    for (const [id, participants] of await this.participants.count(consultationIds)) {
      const total = result.get(id);
      if (total) total.participants = participants;
    }
    return result;
  }
}
