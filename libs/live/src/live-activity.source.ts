import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConsultationActivityRegistry, ConsultationActivitySource, ConsultationCounts } from '@balai/consultations';
import { LiveSessionsRepository } from './live-sessions.repository';

/** Live sessions' share of a consultation's counts: its sessions (participants are recorded as they take part). */
@Injectable()
export class LiveActivitySource implements ConsultationActivitySource, OnModuleInit {
  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly registry: ConsultationActivityRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async counts(consultationIds: string[]): Promise<Map<string, Partial<Omit<ConsultationCounts, 'participants'>>>> {
    const sessions = await this.sessions.countByConsultation(consultationIds);
    return new Map([...sessions].map(([consultationId, liveSessions]) => [consultationId, { liveSessions }]));
  }
}
