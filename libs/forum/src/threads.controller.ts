import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Page } from '@balai/contracts';
import { PageQuery, UuidParam } from '@balai/http';
import { Auth, CurrentUser, OptionalAuth, Principal } from '@balai/identity';
import { CreatePostDto } from './dto/create-post.dto';
import { CreateThreadDto } from './dto/create-thread.dto';
import { PostPageView, PostView, ProgressChangeView, SupportView, ThreadPageView, ThreadView } from './dto/forum.views';
import { SetProgressDto } from './dto/set-progress.dto';
import { ListThreadsQuery } from './dto/list-threads.query';
import { UpdateThreadDto } from './dto/update-thread.dto';
import { ForumService } from './forum.service';

@ApiTags('forum')
@Controller('threads')
export class ThreadsController {
  constructor(private readonly forum: ForumService) {}

  @Get()
  @ApiOkResponse({ type: ThreadPageView })
  list(@Query() query: ListThreadsQuery): Promise<Page<ThreadView>> {
    return this.forum.listThreads(query);
  }

  @Post()
  @Auth('citizen')
  @ApiCreatedResponse({ type: ThreadView })
  @ApiConflictResponse({ description: 'The consultation takes no new input' })
  create(@Body() body: CreateThreadDto, @CurrentUser() principal: Principal): Promise<ThreadView> {
    return this.forum.createThread(body, principal);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOkResponse({ type: ThreadView })
  @ApiNotFoundResponse({ description: 'No such thread, or hidden from the caller' })
  get(@UuidParam('id') id: string, @CurrentUser({ optional: true }) principal?: Principal): Promise<ThreadView> {
    return this.forum.getThread(id, principal);
  }

  @Patch(':id')
  @Auth('citizen')
  @ApiOkResponse({ type: ThreadView })
  update(@UuidParam('id') id: string, @Body() body: UpdateThreadDto, @CurrentUser() principal: Principal): Promise<ThreadView> {
    return this.forum.updateThread(id, body, principal);
  }

  @Get(':id/posts')
  @OptionalAuth()
  @ApiOkResponse({ type: PostPageView })
  posts(
    @UuidParam('id') id: string,
    @Query() query: PageQuery,
    @CurrentUser({ optional: true }) principal?: Principal,
  ): Promise<Page<PostView>> {
    return this.forum.listPosts(id, query, principal);
  }

  @Post(':id/posts')
  @Auth('citizen')
  @ApiCreatedResponse({ type: PostView })
  @ApiConflictResponse({ description: 'The thread is hidden or pending, or its consultation takes no new input' })
  createPost(@UuidParam('id') id: string, @Body() body: CreatePostDto, @CurrentUser() principal: Principal): Promise<PostView> {
    return this.forum.createPost(id, body, principal);
  }

  @Put(':id/support')
  @Auth('citizen')
  @HttpCode(200)
  @ApiOkResponse({ type: SupportView })
  support(@UuidParam('id') id: string, @CurrentUser() principal: Principal): Promise<SupportView> {
    return this.forum.support(id, principal);
  }

  @Delete(':id/support')
  @Auth('citizen')
  @HttpCode(200)
  @ApiOkResponse({ type: SupportView })
  unsupport(@UuidParam('id') id: string, @CurrentUser() principal: Principal): Promise<SupportView> {
    return this.forum.unsupport(id, principal);
  }

  @Put(':id/progress')
  @Auth('official')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView, description: 'The thread with its new progress' })
  @ApiBadRequestResponse({ description: 'Unknown state, or not_taken_up without a note' })
  @ApiConflictResponse({ description: 'Not an idea or a complaint, or a step the states do not allow' })
  setProgress(@UuidParam('id') id: string, @Body() body: SetProgressDto, @CurrentUser() principal: Principal): Promise<ThreadView> {
    return this.forum.setProgress(id, body, principal);
  }

  @Get(':id/progress')
  @OptionalAuth()
  @ApiOkResponse({ type: [ProgressChangeView], description: 'Changes of progress, oldest first' })
  progress(@UuidParam('id') id: string, @CurrentUser({ optional: true }) principal?: Principal): Promise<ProgressChangeView[]> {
    return this.forum.progressHistory(id, principal);
  }
}
