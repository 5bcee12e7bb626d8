import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@balai/http';
import { Auth, CurrentUser, OptionalAuth, Principal } from '@balai/identity';
import { CreateLiveSessionDto, ListLiveSessionsQuery, ListQuestionsQuery } from './dto/live.dto';
import { LiveQuestionPage, LiveSessionPage, LiveSessionResponse } from './dto/live.views';
import { LiveQuestionsService } from './live-questions.service';
import { LiveSessionsService } from './live-sessions.service';

@ApiTags('live')
@Controller('live-sessions')
export class LiveSessionsController {
  constructor(
    private readonly sessions: LiveSessionsService,
    private readonly questions: LiveQuestionsService,
  ) {}

  @Post()
  @Auth('moderator')
  @ApiCreatedResponse({ type: LiveSessionResponse })
  create(@CurrentUser() principal: Principal, @Body() body: CreateLiveSessionDto): Promise<LiveSessionResponse> {
    return this.sessions.create(principal, body);
  }

  @Get()
  @ApiOkResponse({ type: LiveSessionPage, description: 'Newest first; `status=live` gives the sessions a citizen can join now' })
  list(@Query() query: ListLiveSessionsQuery): Promise<LiveSessionPage> {
    return this.sessions.list(query);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Auth('moderator')
  @ApiOkResponse({ type: LiveSessionResponse, description: 'The session is live; 409 when it has ended' })
  start(@CurrentUser() principal: Principal, @UuidParam('id') id: string): Promise<LiveSessionResponse> {
    return this.sessions.start(principal, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Auth('moderator')
  @ApiOkResponse({ type: LiveSessionResponse, description: 'The session has ended: no more questions, upvotes or ballots' })
  end(@CurrentUser() principal: Principal, @UuidParam('id') id: string): Promise<LiveSessionResponse> {
    return this.sessions.end(principal, id);
  }

  @Get('by-code/:code')
  @ApiOkResponse({ type: LiveSessionResponse })
  @ApiNotFoundResponse({ description: 'No session has this join code' })
  byCode(@Param('code') code: string): Promise<LiveSessionResponse> {
    return this.sessions.byCode(code);
  }

  @Get(':id')
  @ApiOkResponse({ type: LiveSessionResponse })
  get(@UuidParam('id') id: string): Promise<LiveSessionResponse> {
    return this.sessions.get(id);
  }

  @Get(':id/questions')
  @OptionalAuth()
  @ApiOkResponse({ type: LiveQuestionPage, description: '`pending` and `rejected` questions: moderators only (403 for others)' })
  listQuestions(
    @CurrentUser({ optional: true }) viewer: Principal | undefined,
    @UuidParam('id') id: string,
    @Query() query: ListQuestionsQuery,
  ): Promise<LiveQuestionPage> {
    return this.questions.list(viewer, id, query);
  }
}
