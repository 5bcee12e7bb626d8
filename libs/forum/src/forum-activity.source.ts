import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConsultationActivityRegistry, ConsultationActivitySource, ConsultationCounts } from '@balai/consultations';
import { ThreadsRepository } from './threads.repository';

/** The forum's share of a consultation's counts: visible threads and their visible posts. */
@Injectable()
export class ForumActivitySource implements ConsultationActivitySource, OnModuleInit {
  constructor(
    private readonly threads: ThreadsRepository,
    private readonly registry: ConsultationActivityRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  counts(consultationIds: string[]): Promise<Map<string, Partial<Omit<ConsultationCounts, 'participants'>>>> {
    return this.threads.countByConsultation(consultationIds);
  }
}
