import { Injectable } from '@nestjs/common';
import { FilterQuery, LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConsultationStatus } from '@balai/contracts';
import { Consultation } from './consultation.entity';

export interface NewConsultation {
  title: string;
  description: string;
  closesAt: Date | null;
  createdBy: string;
}

export interface ConsultationPageFilter {
  /** Without a status, every consultation but drafts. */
  status?: Exclude<ConsultationStatus, 'draft'>;
  /** The id of the previous page's last consultation. */
  beforeId?: string;
  /** Rows to fetch. */
  limit: number;
}

/** The `consultations` table. Drafts are never shown: `find`, `page` and `exists` leave them out. */
@Injectable()
export class ConsultationsRepository {
  constructor(private readonly em: EntityManager) {}

  /** A new consultation in `em`'s unit of work: written when its transaction flushes. */
  create(em: EntityManager, fields: NewConsultation): Consultation {
    return em.create(Consultation, fields);
  }

  /** Any status but draft. */
  find(id: string): Promise<Consultation | null> {
    return this.em.findOne(Consultation, { id, status: { $ne: 'draft' } });
  }

  /** Newest first (ids are time-ordered), before `beforeId`. */
  page(filter: ConsultationPageFilter): Promise<Consultation[]> {
    const where: FilterQuery<Consultation> = { status: filter.status ?? { $ne: 'draft' } };
    if (filter.beforeId !== undefined) where.id = { $lt: filter.beforeId };
    return this.em.find(Consultation, where, { orderBy: { id: 'desc' }, limit: filter.limit });
  }

  /**
   * The consultation, drafts included, for deciding whether it takes input. In a transaction, a share
   * lock holds the row until the caller commits, so a concurrent close waits for the caller's write. Without `em`, a plain read.
   */
  findForInput(id: string, em?: EntityManager): Promise<Consultation | null> {
    return (em ?? this.em).findOne(Consultation, { id }, em?.isInTransaction() ? { lockMode: LockMode.PESSIMISTIC_READ } : {});
  }

  /** The consultation, drafts included, locked for update until `em`'s transaction ends (a close or a decision). */
  findForUpdate(id: string, em: EntityManager): Promise<Consultation | null> {
    return em.findOne(Consultation, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.em.count(Consultation, { id, status: { $ne: 'draft' } })) > 0;
  }
}
