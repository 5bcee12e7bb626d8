import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PersonalDataRegistry, PersonalDataSource } from '@balai/identity';
import { Consultation } from './consultation.entity';
import { ConsultationParticipant } from './consultation-participant.entity';

/**
 * Consultations' part of a person's data: the consultations they took part in and (officials) those
 * they created. Erasing keeps both as ids: the participant counts of closed consultations and their
 * published summaries must not change after the fact, and no name is stored here.
 */
@Injectable()
export class ConsultationsPersonalDataSource implements PersonalDataSource, OnModuleInit {
  readonly section = 'consultations';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string, em: EntityManager): Promise<Record<string, unknown>> {
    const participations = await em.find(ConsultationParticipant, { userId }, { orderBy: { firstAt: 'asc' } });
    const created = await em.find(
      Consultation,
      { createdBy: userId },
      { orderBy: { createdAt: 'asc' }, fields: ['id', 'title', 'createdAt'] },
    );
    return {
      tookPartIn: participations.map((row) => ({ consultationId: row.consultationId, firstAt: row.firstAt })),
      created: created.map((consultation) => ({ id: consultation.id, title: consultation.title, createdAt: consultation.createdAt })),
    };
  }

  eraseFor(): Promise<void> {
    // Ids only: nothing here names the person.
    return Promise.resolve();
  }
}
