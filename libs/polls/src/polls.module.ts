import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { Ballot } from './ballot.entity';
import { Poll } from './poll.entity';
import { PollOption } from './poll-option.entity';
import { PollClosingScheduler } from './poll-closing.scheduler';
import { PollsActivitySource } from './polls-activity.source';
import { PollsController } from './polls.controller';
import { PollsService } from './polls.service';

/**
 * Polls: standalone, in a consultation, or in a live session. The live domain provides a
 * LiveSessionLookup from a global module and listens to the `poll.*` events (polls.events.ts).
 * PollClosingScheduler closes polls whose closesAt has passed.
 */
@Module({
  imports: [MikroOrmModule.forFeature([Poll, PollOption, Ballot]), ConsultationsModule],
  controllers: [PollsController],
  providers: [PollsService, PollsActivitySource, PollClosingScheduler],
  exports: [PollsService],
})
export class PollsModule {}
