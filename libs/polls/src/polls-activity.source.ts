import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConsultationActivityRegistry, ConsultationActivitySource, ConsultationCounts } from '@balai/consultations';
import { PollsRepository } from './polls.repository';

/** Polls' share of a consultation's counts: its polls (participants are recorded with each ballot). */
@Injectable()
export class PollsActivitySource implements ConsultationActivitySource, OnModuleInit {
  constructor(
    private readonly polls: PollsRepository,
    private readonly registry: ConsultationActivityRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async counts(consultationIds: string[]): Promise<Map<string, Partial<Omit<ConsultationCounts, 'participants'>>>> {
    const polls = await this.polls.countByConsultation(consultationIds);
    return new Map([...polls].map(([consultationId, count]) => [consultationId, { polls: count }]));
  }
}
