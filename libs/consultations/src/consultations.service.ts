import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Page } from '@balai/contracts';
import { NotFoundError, ValidationError } from '@balai/errors';
import { EventBus } from '@balai/events';
import { decodeCursor, toPage } from '@balai/http';
import { ConsultationActivityRegistry, ConsultationCounts } from './consultation-activity';
import { ConsultationParticipantsRepository, Participation } from './consultation-participants.repository';
import { ConsultationAlreadyClosedError, ConsultationNotClosedError, ConsultationNotOpenError } from './consultations.errors';
import { ConsultationsRepository } from './consultations.repository';
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
    private readonly consultations: ConsultationsRepository,
    private readonly bus: EventBus,
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
    const consultation = await this.em.transactional(async (em) => {
      const consultation = this.consultations.create(em, { title: input.title, description: input.description, closesAt, createdBy });
      this.bus.afterCommit(em, 'consultation.created', {
        consultationId: consultation.id,
        title: consultation.title,
        createdBy,
        createdAt: consultation.createdAt,
        closesAt,
      });
      return consultation;
    });
    return ConsultationView.of(consultation, { ...ZERO_COUNTS });
  }

  /** Who took part in a consultation, a batch at a time (`afterUserId`: the last id of the previous batch). */
  participantIds(consultationId: string, limit: number, afterUserId?: string): Promise<string[]> {
    return this.participants.userIds(consultationId, limit, afterUserId);
  }

  async get(id: string): Promise<ConsultationView> {
    const consultation = await this.consultations.find(id);
    if (!consultation) throw new NotFoundError('Consultation', id);
    const counts = await this.counts([id]);
    return ConsultationView.of(consultation, counts.get(id) ?? { ...ZERO_COUNTS });
  }

  /** Newest first, keyset-paginated on the (time-ordered) id. */
  async list(query: ListConsultationsQuery): Promise<Page<ConsultationView>> {
    let beforeId: string | undefined;
    if (query.cursor) {
      [beforeId] = decodeCursor(query.cursor, ['string']) as [string];
      if (!/^[0-9a-f-]{36}$/i.test(beforeId))
        throw new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);
    }
    const rows = await this.consultations.page({ status: query.status, beforeId, limit: query.limit + 1 });
    const counts = await this.counts(rows.slice(0, query.limit).map((row) => row.id));
    return toPage(
      rows,
      query.limit,
      (row) => [row.id],
      (row) => ConsultationView.of(row, counts.get(row.id) ?? { ...ZERO_COUNTS }),
    );
  }

  /**
   * Closes an open consultation (also one past its closing time) inside the caller's transaction: the
   * row is locked for update, so writers holding the share lock of `assertAcceptingInput` finish
   * first and later ones see it closed. Publishes `consultation.closed` when that transaction commits.
   * Unknown or draft: NotFoundError; already closed or decided: 409 `consultation_already_closed`.
   */
  async close(em: EntityManager, consultationId: string, closedBy: string): Promise<{ id: string; title: string; closedAt: Date }> {
    const consultation = await this.consultations.findForUpdate(consultationId, em);
    if (!consultation || consultation.status === 'draft') throw new NotFoundError('Consultation', consultationId);
    if (consultation.status !== 'open') throw new ConsultationAlreadyClosedError(consultationId, consultation.status);
    consultation.status = 'closed';
    await em.flush();
    const closedAt = new Date();
    this.bus.afterCommit(em, 'consultation.closed', { consultationId, closedAt, closedBy });
    return { id: consultation.id, title: consultation.title, closedAt };
  }

  /**
   * Marks a closed consultation decided inside the caller's transaction (the decision's). Unknown:
   * NotFoundError; open: 409 `consultation_not_closed`; decided: 409 `consultation_decided`.
   */
  async markDecided(em: EntityManager, consultationId: string): Promise<{ id: string; title: string }> {
    const consultation = await this.consultations.findForUpdate(consultationId, em);
    if (!consultation || consultation.status === 'draft') throw new NotFoundError('Consultation', consultationId);
    if (consultation.status !== 'closed') throw new ConsultationNotClosedError(consultationId, consultation.status);
    consultation.status = 'decided';
    await em.flush();
    return { id: consultation.id, title: consultation.title };
  }

  /** Distinct participants of one consultation, read in `em` (the caller's transaction). */
  async participantCount(em: EntityManager, consultationId: string): Promise<number> {
    return (await this.participants.count([consultationId], em)).get(consultationId) ?? 0;
  }

  /** The consultation's id, title and status (any status but draft), or NotFoundError. */
  async describe(consultationId: string): Promise<{ id: string; title: string; status: string }> {
    const consultation = await this.consultations.find(consultationId);
    if (!consultation || consultation.status === 'draft') throw new NotFoundError('Consultation', consultationId);
    return { id: consultation.id, title: consultation.title, status: consultation.status };
  }

  /**
   * Throws unless the consultation takes input now: NotFoundError when it does not exist,
   * ConsultationNotOpenError (409 `consultation_not_open`) when it is not open or past its closing
   * time. Pass the caller's transactional EntityManager to hold a share lock on the row until the
   * caller commits, so a concurrent close waits for the write instead of racing it. A statement that
   * must check inside itself uses the SQL function `consultation_accepts_input(id)`, the same rule.
   */
  async assertAcceptingInput(consultationId: string, em?: EntityManager): Promise<void> {
    const consultation = await this.consultations.findForInput(consultationId, em);
    if (!consultation || consultation.status === 'draft') throw new NotFoundError('Consultation', consultationId);
    if (!consultation.acceptsInput()) {
      throw new ConsultationNotOpenError(consultationId, consultation.status, consultation.status === 'open');
    }
  }

  /** Whether a consultation exists (any status but draft): for filters that must 404 on unknown ids. */
  async exists(consultationId: string): Promise<boolean> {
    return this.consultations.exists(consultationId);
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
