import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@balai/http';
import { Auth, CurrentUser, Principal } from '@balai/identity';
import { ModerateQuestionBody } from './dto/live.dto';
import { LiveQuestionResponse } from './dto/live.views';
import { LiveQuestionsService } from './live-questions.service';

@ApiTags('live')
@Controller('live-questions')
export class LiveQuestionsController {
  constructor(private readonly questions: LiveQuestionsService) {}

  /** The same as the `question:moderate` Socket.IO event, and broadcast the same way. */
  @Post(':id/moderate')
  @HttpCode(200)
  @Auth('moderator')
  @ApiOkResponse({ type: LiveQuestionResponse })
  moderate(
    @CurrentUser() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: ModerateQuestionBody,
  ): Promise<LiveQuestionResponse> {
    return this.questions.moderate(principal, { questionId: id, ...body });
  }
}
