import { Injectable } from '@nestjs/common';
import { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ConsultationSummary } from '@balai/contracts';
import { isUniqueViolation, pgUuidArray, runSql } from '@balai/database';
import { ConsultationSummaryRecord } from './consultation-summary.entity';
import { DecisionAmendment } from './decision-amendment.entity';
import { Decision } from './decision.entity';
import { DecisionAlreadyPublishedError } from './decisions.errors';

export interface NewDecision {
  consultationId: string;
  consultationTitle: string;
  title: string;
  body: string;
  summary: ConsultationSummary;
  citedThreadIds: string[];
  publishedBy: string;
}

/** The decisions room's tables: summaries, decisions, amendments. Decisions and amendments are only ever inserted. */
@Injectable()
export class DecisionsRepository {
  constructor(private readonly em: EntityManager) {}

  async saveSummary(em: EntityManager, consultationId: string, summary: ConsultationSummary, generatedAt: Date): Promise<void> {
    em.create(ConsultationSummaryRecord, { consultationId, summary, generatedAt });
    await em.flush();
  }

  findSummary(consultationId: string, em: EntityManager = this.em): Promise<ConsultationSummaryRecord | null> {
    return em.findOne(ConsultationSummaryRecord, { consultationId });
  }

  /** Inserts the decision; a second one for the consultation (the unique key) is a 409. */
  async insertDecision(em: EntityManager, fields: NewDecision): Promise<Decision> {
    const decision = em.create(Decision, fields);
    try {
      await em.flush();
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw new DecisionAlreadyPublishedError(fields.consultationId);
      throw error;
    }
    return decision;
  }

  async insertAmendment(em: EntityManager, fields: { decision: string; body: string; amendedBy: string }): Promise<DecisionAmendment> {
    const amendment = em.create(DecisionAmendment, fields);
    await em.flush();
    return amendment;
  }

  /** Records which log entry a row's transaction appended (the only write after the insert, in the same transaction). */
  async setLogEntry(em: EntityManager, row: Decision | DecisionAmendment, entry: { seq: number; hash: string } | null): Promise<void> {
    if (!entry) return;
    row.logSeq = entry.seq;
    row.logHash = entry.hash;
    await em.flush();
  }

  findDecision(id: string, em: EntityManager = this.em): Promise<Decision | null> {
    return em.findOne(Decision, { id });
  }

  findByConsultation(consultationId: string): Promise<Decision | null> {
    return this.em.findOne(Decision, { consultationId });
  }

  amendmentsOf(decisionIds: readonly string[]): Promise<DecisionAmendment[]> {
    if (decisionIds.length === 0) return Promise.resolve([]);
    return this.em.find(DecisionAmendment, { decision: { $in: [...decisionIds] } }, { orderBy: { id: 'asc' } });
  }

  /** Newest first (ids are time-ordered), before `beforeId`; without a limit, all of them. */
  page(beforeId: string | undefined, limit?: number): Promise<Decision[]> {
    const where: FilterQuery<Decision> = beforeId ? { id: { $lt: beforeId } } : {};
    return this.em.find(Decision, where, { orderBy: { id: 'desc' }, limit });
  }

  async amendmentCounts(decisionIds: readonly string[]): Promise<Map<string, number>> {
    if (decisionIds.length === 0) return new Map();
    const rows = await runSql<{ decision_id: string; count: string | number }>(
      this.em,
      `select decision_id, count(*) as count from decision_amendments where decision_id = any(?::uuid[]) group by decision_id`,
      [pgUuidArray(decisionIds)],
    );
    return new Map(rows.map((row) => [row.decision_id, Number(row.count)]));
  }
}
