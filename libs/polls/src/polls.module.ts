import { DynamicModule, Module, Type } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { Ballot } from './ballot.entity';
import { Poll } from './poll.entity';
import { PollOption } from './poll-option.entity';
import { PollClosingScheduler } from './poll-closing.scheduler';
import { PollsActivitySource } from './polls-activity.source';
import { PollsPersonalDataSource } from './polls-personal-data.source';
import { PollsContributionsService } from './polls-contributions.service';
import { PollsController } from './polls.controller';
import { PollsRepository } from './polls.repository';
import { PollsService } from './polls.service';
import { PollsSummaryRepository } from './polls-summary.repository';
import { PollsSummaryService } from './polls-summary.service';

/** One module per lookup module: Nest tells dynamic modules apart by object, so every importer must get the same one. */
const withLookup = new Map<Type<unknown>, DynamicModule>();

/**
 * Polls: standalone, in a consultation, or in a live session. Polls ask live sessions whether they
 * take input through a LiveSessionLookup, which the importer provides:
 * `PollsModule.withLiveSessions(LiveSessionLookupModule)`, where that module exports the
 * LiveSessionLookup provider. The bare `PollsModule` class declares nothing, so importing it without
 * a lookup gives no PollsService (Nest fails at start on whoever injects it) rather than polls that
 * silently cannot belong to a live session. Polls publish `poll.*` events on the EventBus
 * (polls.events.ts); PollClosingScheduler closes polls whose closesAt has passed.
 */
@Module({})
export class PollsModule {
  /** The same DynamicModule object for the same `lookupModule`, so the app and the live module share one PollsModule. */
  static withLiveSessions(lookupModule: Type<unknown>): DynamicModule {
    let module = withLookup.get(lookupModule);
    if (!module) {
      module = {
        module: PollsModule,
        imports: [MikroOrmModule.forFeature([Poll, PollOption, Ballot]), ConsultationsModule, lookupModule],
        controllers: [PollsController],
        providers: [
          PollsService,
          PollsRepository,
          PollsActivitySource,
          PollsPersonalDataSource,
          PollClosingScheduler,
          PollsSummaryService,
          PollsSummaryRepository,
          PollsContributionsService,
        ],
        exports: [PollsService, PollsSummaryService, PollsContributionsService],
      };
      withLookup.set(lookupModule, module);
    }
    return module;
  }
}
