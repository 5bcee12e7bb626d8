import { Injectable } from '@nestjs/common';

/** What a consultation's page shows about the activity in it. */
export interface ConsultationCounts {
  threads: number;
  posts: number;
  polls: number;
  liveSessions: number;
  participants: number;
}

/**
 * A domain that holds activity tied to consultations (forum, polls, live sessions). The
 * consultations room counts through these sources and never reads the other domains' tables;
 * participants are recorded by each domain as they take part (`ConsultationsService.recordParticipants`).
 */
export interface ConsultationActivitySource {
  /** Counts per consultation id; ids with no activity may be left out of the map. */
  counts(consultationIds: string[]): Promise<Map<string, Partial<Omit<ConsultationCounts, 'participants'>>>>;
}

/** Each domain registers its source once, at module init (`onModuleInit`). */
@Injectable()
export class ConsultationActivityRegistry {
  private readonly registered: ConsultationActivitySource[] = [];

  register(source: ConsultationActivitySource): void {
    if (!this.registered.includes(source)) this.registered.push(source);
  }

  sources(): readonly ConsultationActivitySource[] {
    return this.registered;
  }
}
