import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Page } from '@balai/contracts';
import { ClientAddress, UuidParam } from '@balai/http';
import { Auth, CurrentUser, OptionalAuth, Principal } from '@balai/identity';
import { CastBallotDto } from './dto/cast-ballot.dto';
import { CreatePollDto } from './dto/create-poll.dto';
import { ListPollsQuery } from './dto/list-polls.query';
import { BallotResultView, PollPageView, PollView } from './dto/poll.view';
import { PollsService } from './polls.service';

@ApiTags('polls')
@Controller('polls')
export class PollsController {
  constructor(private readonly polls: PollsService) {}

  @Post()
  @Auth('moderator')
  @ApiCreatedResponse({ type: PollView })
  @ApiBadRequestResponse({ description: 'Bad fields; a bad option is named options[i]' })
  @ApiNotFoundResponse({ description: 'Unknown consultation or live session' })
  @ApiConflictResponse({ description: 'The consultation takes no input, or the live session has ended' })
  create(@Body() body: CreatePollDto, @CurrentUser() principal: Principal): Promise<PollView> {
    return this.polls.create(body, principal);
  }

  @Get()
  @OptionalAuth()
  @ApiOkResponse({ type: PollPageView, description: 'Newest first; each poll as GET /polls/:id shows it to the caller' })
  @ApiBadRequestResponse({ description: 'consultationId missing or not a UUID, a bad status, limit or cursor' })
  @ApiNotFoundResponse({ description: 'Unknown consultation' })
  list(@Query() query: ListPollsQuery, @CurrentUser({ optional: true }) viewer?: Principal): Promise<Page<PollView>> {
    return this.polls.list(query, viewer);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOkResponse({ type: PollView, description: 'With results when the caller may see them, and the caller’s ballot' })
  @ApiNotFoundResponse()
  get(@UuidParam('id') id: string, @CurrentUser({ optional: true }) viewer?: Principal): Promise<PollView> {
    return this.polls.get(id, viewer);
  }

  @Put(':id/ballot')
  @Auth('guest')
  @ApiOkResponse({ type: BallotResultView, description: 'The ballot now counted; it replaces any earlier one' })
  @ApiBadRequestResponse({ description: 'Unknown or repeated options, none, or several on a single-choice poll' })
  @ApiConflictResponse({ description: 'poll_closed, session_ended, or the consultation takes no input' })
  @ApiTooManyRequestsResponse({ description: 'address_cap: too many participants from this address voted in this poll' })
  async vote(
    @UuidParam('id') id: string,
    @Body() body: CastBallotDto,
    @CurrentUser() principal: Principal,
    @ClientAddress() address: string,
  ): Promise<BallotResultView> {
    return { ballot: await this.polls.vote(id, principal, body.optionIds, address) };
  }

  @Post(':id/close')
  @HttpCode(200)
  @Auth('moderator')
  @ApiOkResponse({ type: PollView, description: 'The closed poll with its final results' })
  @ApiConflictResponse({ description: 'Already closed' })
  close(@UuidParam('id') id: string, @CurrentUser() principal: Principal): Promise<PollView> {
    return this.polls.close(id, principal);
  }
}
