import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { LiveSessionLookup, PollsModule } from '@balai/polls';
import { RealtimeModule } from '@balai/realtime';
import { LiveEventsActivity } from './live-activity.source';
import { LivePollsListener } from './live-events.listener';
import { LiveGateway } from './live.gateway';
import { LiveQuestion } from './live-question.entity';
import { LiveQuestionsController } from './live-questions.controller';
import { LiveQuestionsService } from './live-questions.service';
import { LiveSession } from './live-session.entity';
import { LiveSessionStatusLookup } from './live-session-lookup.provider';
import { LiveSessionsController } from './live-sessions.controller';
import { LiveSessionsService } from './live-sessions.service';
import { LiveUpvote } from './live-upvote.entity';
import { LiveUpvotesReader } from './live-upvotes.reader';
import { PresenceTracker } from './presence.tracker';
import { CountPacer } from './count-pacer';
import { CountCoalescer } from './vote-coalescer';
import { VoteCommitter } from './vote-committer';

/**
 * Live Q&A: sessions, questions, upvotes and the `/live` Socket.IO gateway. Global because it
 * provides LiveSessionLookup, which the polls domain needs without importing this module.
 */
@Global()
@Module({
  imports: [MikroOrmModule.forFeature([LiveSession, LiveQuestion, LiveUpvote]), ConsultationsModule, PollsModule, RealtimeModule],
  controllers: [LiveSessionsController, LiveQuestionsController],
  providers: [
    LiveSessionsService,
    LiveQuestionsService,
    LiveUpvotesReader,
    VoteCommitter,
    CountCoalescer,
    CountPacer,
    PresenceTracker,
    LivePollsListener,
    LiveEventsActivity,
    LiveGateway,
    { provide: LiveSessionLookup, useClass: LiveSessionStatusLookup },
  ],
  exports: [LiveSessionsService, LiveQuestionsService, VoteCommitter, LiveSessionLookup],
})
export class LiveModule {}
