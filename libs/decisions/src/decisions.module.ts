import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { ForumModule } from '@balai/forum';
import { LiveModule, LiveSessionLookupModule } from '@balai/live';
import { PollsModule } from '@balai/polls';
import { ConsultationDecisionsController } from './consultation-decisions.controller';
import { ConsultationSummaryRecord } from './consultation-summary.entity';
import { DecisionAmendment } from './decision-amendment.entity';
import { TransparencyLogService, TransparencyModule } from '@balai/transparency';
import { DecisionLogWriter } from './decision-log-writer';
import { Decision } from './decision.entity';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';
import { SummaryBuilder } from './summary/summary.service';

/**
 * Closing consultations into summaries, and their decisions. Reads other domains only through their
 * summary services (forum, polls, live) and ConsultationsService, which owns the status change. The
 * transparency log is reached through the DecisionLogWriter seam, bound to TransparencyLogService.
 */
@Module({
  imports: [
    MikroOrmModule.forFeature([ConsultationSummaryRecord, Decision, DecisionAmendment]),
    ConsultationsModule,
    ForumModule,
    PollsModule.withLiveSessions(LiveSessionLookupModule),
    LiveModule,
    TransparencyModule,
  ],
  controllers: [ConsultationDecisionsController, DecisionsController],
  providers: [DecisionsService, DecisionsRepository, SummaryBuilder, { provide: DecisionLogWriter, useExisting: TransparencyLogService }],
  exports: [DecisionsService],
})
export class DecisionsModule {}
