import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { LiveSessionLookup } from '@balai/polls';
import { LiveSession } from './live-session.entity';
import { LiveSessionStatusLookup } from './live-session-status.lookup';
import { LiveSessionsRepository } from './live-sessions.repository';

/**
 * The live domain's answer to polls' LiveSessionLookup, in a module of its own that imports nothing
 * of polls' module: `PollsModule.withLiveSessions(LiveSessionLookupModule)` hands it to polls, and the
 * live module (which imports polls) stays out of polls' imports.
 */
@Module({
  imports: [MikroOrmModule.forFeature([LiveSession]), ConsultationsModule],
  providers: [LiveSessionsRepository, { provide: LiveSessionLookup, useClass: LiveSessionStatusLookup }],
  exports: [LiveSessionLookup],
})
export class LiveSessionLookupModule {}
