import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Consultation } from './consultation.entity';
import { ConsultationParticipant } from './consultation-participant.entity';
import { ConsultationParticipantsRepository } from './consultation-participants.repository';
import { ConsultationActivityRegistry } from './consultation-activity';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';

/**
 * Consultations own their lifecycle; forum, polls and live sessions register a
 * ConsultationActivitySource for the counts and call `assertAcceptingInput` before writing.
 */
@Module({
  imports: [MikroOrmModule.forFeature([Consultation, ConsultationParticipant])],
  controllers: [ConsultationsController],
  providers: [ConsultationsService, ConsultationActivityRegistry, ConsultationParticipantsRepository],
  exports: [ConsultationsService, ConsultationActivityRegistry],
})
export class ConsultationsModule {}
