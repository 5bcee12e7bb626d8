import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { ForumActivitySource } from './forum-activity.source';
import { ForumPost } from './forum-post.entity';
import { ForumService } from './forum.service';
import { ForumThread } from './forum-thread.entity';
import { PostsController } from './posts.controller';
import { ThreadsController } from './threads.controller';
import { ThreadSupport } from './thread-support.entity';

/** Threads, posts and supports; counts into consultations as a ConsultationActivitySource. */
@Module({
  imports: [MikroOrmModule.forFeature([ForumThread, ForumPost, ThreadSupport]), ConsultationsModule],
  controllers: [ThreadsController, PostsController],
  providers: [ForumService, ForumActivitySource],
  exports: [ForumService],
})
export class ForumModule {}
