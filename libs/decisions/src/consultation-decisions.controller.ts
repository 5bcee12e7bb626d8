import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { ConsultationSummary } from '@balai/contracts';
import { UuidParam } from '@balai/http';
import { Auth, CurrentUser, OptionalAuth, Principal } from '@balai/identity';
import { DecisionsService } from './decisions.service';
import { PublishDecisionDto } from './dto/decision.dto';
import { DecisionView, SummaryResultView } from './dto/decision.views';

/** The consultation's side of a decision: closing it, its summary, publishing its decision. */
@ApiTags('consultations')
@Controller('consultations')
export class ConsultationDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post(':id/close')
  @HttpCode(200)
  @Auth('official')
  @ApiOkResponse({
    type: SummaryResultView,
    description: 'Closed: its threads, posts, supports, polls and live sessions take no more input; the summary is generated and stored',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'consultation_already_closed: closed or decided already' })
  close(@UuidParam('id') id: string, @CurrentUser() principal: Principal): Promise<SummaryResultView> {
    return this.decisions.close(id, principal.id);
  }

  @Get(':id/summary')
  @OptionalAuth()
  @ApiOkResponse({
    type: Object,
    description:
      'The summary stored at the close; every item names its sources. For an open consultation, officials get it as of now (computed, not stored).',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'summary_not_ready: the consultation is open (only officials may preview it)' })
  summary(@UuidParam('id') id: string, @CurrentUser({ optional: true }) viewer?: Principal): Promise<ConsultationSummary> {
    return this.decisions.summary(id, viewer);
  }

  @Get(':id/decision')
  @ApiOkResponse({ type: DecisionView, description: 'The consultation’s decision' })
  @ApiNotFoundResponse({ description: 'No such consultation, or no decision yet' })
  async decisionOf(@UuidParam('id') id: string): Promise<DecisionView> {
    return this.decisions.requireOfConsultation(id);
  }

  @Post(':id/decision')
  @Auth('official')
  @ApiCreatedResponse({ type: DecisionView, description: 'Published; the consultation is now decided. Never edited: amend it instead.' })
  @ApiBadRequestResponse({ description: 'Empty or oversized title or body, or a cited thread not of this consultation' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'consultation_not_closed (still open) or consultation_decided (a second decision)' })
  publish(@UuidParam('id') id: string, @Body() body: PublishDecisionDto, @CurrentUser() principal: Principal): Promise<DecisionView> {
    return this.decisions.publish(id, body, principal.id);
  }
}
