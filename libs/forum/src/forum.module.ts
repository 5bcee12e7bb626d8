import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { ForumContributionsService } from './forum-contributions.service';
import { ForumActivitySource } from './forum-activity.source';
import { ForumPersonalDataSource } from './forum-personal-data.source';
import { ForumPost } from './forum-post.entity';
import { ForumService } from './forum.service';
import { ForumSummaryRepository } from './forum-summary.repository';
import { ForumSummaryService } from './forum-summary.service';
import { ForumThread } from './forum-thread.entity';
import { PostsController } from './posts.controller';
import { PostsRepository } from './posts.repository';
import { SupportsRepository } from './supports.repository';
import { ThreadsController } from './threads.controller';
import { ThreadProgressChange } from './thread-progress-change.entity';
import { ThreadSupport } from './thread-support.entity';
import { ThreadsRepository } from './threads.repository';

/**
 * Threads, posts and supports; counts into consultations as a ConsultationActivitySource and announces
 * its changes on the event bus (`forum.events.ts`). The repositories stay inside.
 */
@Module({
  imports: [MikroOrmModule.forFeature([ForumThread, ForumPost, ThreadSupport, ThreadProgressChange]), ConsultationsModule],
  controllers: [ThreadsController, PostsController],
  providers: [
    ForumService,
    ForumContributionsService,
    ForumActivitySource,
    ForumPersonalDataSource,
    ThreadsRepository,
    PostsRepository,
    SupportsRepository,
    ForumSummaryService,
    ForumSummaryRepository,
  ],
  exports: [ForumService, ForumSummaryService, ForumContributionsService],
})
export class ForumModule {}
