import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery, UuidParam } from '@balai/http';
import { Auth, CurrentUser, Principal } from '@balai/identity';
import { BannedWordsService } from './banned-words.service';
import { BannedWordsDto, ListItemsQuery, ResolveItemDto } from './dto/moderation.dto';
import { BannedWordsResponse, ModerationItemPage, ModerationItemResponse, ModerationLogPage } from './dto/moderation.views';
import { ModerationService } from './moderation.service';

@ApiTags('moderation')
@Controller('moderation')
export class ModerationController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly words: BannedWordsService,
  ) {}

  @Get('items')
  @Auth('moderator')
  @ApiOkResponse({ type: ModerationItemPage, description: 'The queue: newest first, or most reported first' })
  list(@Query() query: ListItemsQuery): Promise<ModerationItemPage> {
    return this.moderation.list(query);
  }

  @Get('items/:id')
  @Auth('moderator')
  @ApiOkResponse({ type: ModerationItemResponse })
  get(@UuidParam('id') id: string): Promise<ModerationItemResponse> {
    return this.moderation.get(id);
  }

  @Post('items/:id/claim')
  @HttpCode(200)
  @Auth('moderator')
  @ApiOkResponse({ type: ModerationItemResponse, description: 'Held for 2 minutes' })
  @ApiConflictResponse({ description: '`item_claimed` (another moderator holds it) or `item_resolved`' })
  @ApiNotFoundResponse()
  claim(@CurrentUser() principal: Principal, @UuidParam('id') id: string): Promise<ModerationItemResponse> {
    return this.moderation.claim(principal, id);
  }

  @Post('items/:id/resolve')
  @HttpCode(200)
  @Auth('moderator')
  @ApiOkResponse({ type: ModerationItemResponse, description: 'Acts on the target, releases the claim, writes the log' })
  @ApiConflictResponse({ description: '`item_claimed` or `item_resolved`' })
  resolve(@CurrentUser() principal: Principal, @UuidParam('id') id: string, @Body() body: ResolveItemDto): Promise<ModerationItemResponse> {
    return this.moderation.resolve(principal, id, body);
  }

  @Get('log')
  @Auth('moderator')
  @ApiOkResponse({ type: ModerationLogPage, description: 'Who did what, when and why; newest first' })
  log(@Query() query: PageQuery): Promise<ModerationLogPage> {
    return this.moderation.log(query);
  }

  @Get('banned-words')
  @Auth('moderator')
  @ApiOkResponse({ type: BannedWordsResponse })
  bannedWords(): Promise<BannedWordsResponse> {
    return this.words.get();
  }

  @Put('banned-words')
  @Auth('admin')
  @ApiOkResponse({ type: BannedWordsResponse, description: "Replaces the city's additions to the shipped lists" })
  replaceBannedWords(@Body() body: BannedWordsDto): Promise<BannedWordsResponse> {
    return this.words.replace(body);
  }
}
