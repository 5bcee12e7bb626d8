import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Consultation } from './consultation.entity';
import { ConsultationParticipant } from './consultation-participant.entity';
import { ConsultationParticipantsRepository } from './consultation-participants.repository';
import { ConsultationActivityRegistry } from './consultation-activity';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';
import { ConsultationsPersonalDataSource } from './consultations-personal-data.source';

/**
 * Consultations own their lifecycle; forum, polls and live sessions register a
 * ConsultationActivitySource for the counts, call `assertAcceptingInput` before writing and
 * `recordParticipants` as people take part. Changes are announced on the event bus
 * (`consultations.events.ts`); the repositories stay inside.
 */
@Module({
  imports: [MikroOrmModule.forFeature([Consultation, ConsultationParticipant])],
  controllers: [ConsultationsController],
  providers: [
    ConsultationsService,
    ConsultationActivityRegistry,
    ConsultationsRepository,
    ConsultationParticipantsRepository,
    ConsultationsPersonalDataSource,
  ],
  exports: [ConsultationsService, ConsultationActivityRegistry],
})
export class ConsultationsModule {}
