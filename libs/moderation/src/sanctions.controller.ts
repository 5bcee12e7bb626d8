import { Body, Controller, Delete, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@balai/http';
import { Auth, CurrentUser, Principal } from '@balai/identity';
import { LiveQuestionResponse } from '@balai/live';
import { HallQuestionDto, LiftDto, MuteDto, SuspendDto } from './dto/moderation.dto';
import { SanctionResponse } from './dto/moderation.views';
import { SanctionsService } from './sanctions.service';

@ApiTags('moderation')
@Controller()
export class SanctionsController {
  constructor(private readonly sanctions: SanctionsService) {}

  @Post('live-sessions/:id/questions')
  @Auth('moderator')
  @ApiCreatedResponse({
    type: LiveQuestionResponse,
    description: 'A question asked aloud or on a card: approved at once, marked with its source',
  })
  hallQuestion(
    @CurrentUser() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: HallQuestionDto,
  ): Promise<LiveQuestionResponse> {
    return this.sanctions.hallQuestion(principal, id, body);
  }

  @Put('live-sessions/:id/mutes/:userId')
  @Auth('moderator')
  @ApiOkResponse({ type: SanctionResponse, description: "The participant's asks in this session are refused (`muted`)" })
  mute(
    @CurrentUser() principal: Principal,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @Body() body: MuteDto,
  ): Promise<SanctionResponse> {
    return this.sanctions.mute(principal, id, userId, body);
  }

  @Delete('live-sessions/:id/mutes/:userId')
  @HttpCode(204)
  @Auth('moderator')
  @ApiNoContentResponse({ description: 'Lifted; 404 when there was no mute' })
  async unmute(
    @CurrentUser() principal: Principal,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @Body() body: LiftDto,
  ): Promise<void> {
    await this.sanctions.unmute(principal, id, userId, body?.reason);
  }

  @Put('users/:id/suspension')
  @Auth('moderator')
  @ApiOkResponse({ type: SanctionResponse, description: "Writes → 403 `suspended`, reads allowed, the account's sockets closed" })
  suspend(@CurrentUser() principal: Principal, @UuidParam('id') id: string, @Body() body: SuspendDto): Promise<SanctionResponse> {
    return this.sanctions.suspend(principal, id, body);
  }

  @Delete('users/:id/suspension')
  @HttpCode(204)
  @Auth('moderator')
  @ApiNoContentResponse({ description: 'Lifted; 404 when there was no suspension' })
  async unsuspend(@CurrentUser() principal: Principal, @UuidParam('id') id: string, @Body() body: LiftDto): Promise<void> {
    await this.sanctions.unsuspend(principal, id, body?.reason);
  }
}
