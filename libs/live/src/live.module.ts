import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { CountCoalescer, CountPacer, PollResultsReader } from '@balai/delivery';
import { PollsModule } from '@balai/polls';
import { RealtimeModule } from '@balai/realtime';
import { LiveContributionsService } from './live-contributions.service';
import { LiveActivitySource } from './live-activity.source';
import { LivePersonalDataSource } from './live-personal-data.source';
import { LiveBroadcastListener } from './live-broadcast.listener';
import { LiveCountsListener } from './live-counts.listener';
import { LiveGateway } from './live.gateway';
import { LivePollResultsReader } from './live-poll-results.reader';
import { LivePollsListener } from './live-polls.listener';
import { LiveQuestion } from './live-question.entity';
import { LiveQuestionsController } from './live-questions.controller';
import { LiveQuestionsRepository } from './live-questions.repository';
import { LiveQuestionsService } from './live-questions.service';
import { LiveSession } from './live-session.entity';
import { LiveSessionMute } from './live-session-mute.entity';
import { LiveSessionLookupModule } from './live-session-lookup.module';
import { LiveSessionsController } from './live-sessions.controller';
import { LiveSessionsRepository } from './live-sessions.repository';
import { LiveSessionsService } from './live-sessions.service';
import { LiveSummaryRepository } from './live-summary.repository';
import { LiveSummaryService } from './live-summary.service';
import { LiveUpvote } from './live-upvote.entity';
import { LiveUpvotesReader } from './live-upvotes.reader';
import { OwnQuestionsReader } from './own-questions.reader';
import { LiveUpvotesRepository } from './live-upvotes.repository';
import { PresenceTracker } from './presence.tracker';
import { SessionJoinService } from './session-join.service';
import { VoteCommitter } from './vote-committer';

/**
 * Live Q&A: sessions, questions, upvotes and the `/live` Socket.IO gateway, with the delivery engine
 * of `@balai/delivery` (CountCoalescer, CountPacer) for counts. Polls learn about live sessions
 * through LiveSessionLookupModule, handed to `PollsModule.withLiveSessions`.
 */
@Module({
  imports: [
    MikroOrmModule.forFeature([LiveSession, LiveQuestion, LiveUpvote, LiveSessionMute]),
    ConsultationsModule,
    PollsModule.withLiveSessions(LiveSessionLookupModule),
    RealtimeModule,
  ],
  controllers: [LiveSessionsController, LiveQuestionsController],
  providers: [
    LiveSessionsRepository,
    LiveQuestionsRepository,
    LiveUpvotesRepository,
    LiveSessionsService,
    LiveQuestionsService,
    LiveUpvotesReader,
    OwnQuestionsReader,
    VoteCommitter,
    { provide: PollResultsReader, useClass: LivePollResultsReader },
    CountCoalescer,
    CountPacer,
    PresenceTracker,
    SessionJoinService,
    LiveBroadcastListener,
    LiveCountsListener,
    LivePollsListener,
    LiveActivitySource,
    LivePersonalDataSource,
    LiveContributionsService,
    LiveGateway,
    LiveSummaryService,
    LiveSummaryRepository,
  ],
  exports: [LiveSessionsService, LiveQuestionsService, VoteCommitter, LiveSummaryService, LiveContributionsService],
})
export class LiveModule {}
