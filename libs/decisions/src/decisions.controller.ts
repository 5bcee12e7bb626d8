import { Body, Controller, Get, Header, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DecisionListItem, Page } from '@balai/contracts';
import { PageQuery, UuidParam } from '@balai/http';
import { Auth, CurrentUser, Principal } from '@balai/identity';
import { DecisionsService } from './decisions.service';
import { AmendDecisionDto, ExportQuery } from './dto/decision.dto';
import { DecisionAmendmentView, DecisionPageView, DecisionView } from './dto/decision.views';

@ApiTags('decisions')
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get()
  @ApiOkResponse({ type: DecisionPageView, description: 'Newest first' })
  list(@Query() query: PageQuery): Promise<Page<DecisionListItem>> {
    return this.decisions.list(query);
  }

  @Get('feed.atom')
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ type: String, description: 'Atom 1.0: the latest decisions and amendments, linked on PUBLIC_URL' })
  feed(): Promise<string> {
    return this.decisions.feed();
  }

  @Get('export')
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({
    type: String,
    description: 'Every decision, oldest first. CSV: UTF-8, a header row, one row per decision. JSON: an array of decisions.',
  })
  @ApiBadRequestResponse({ description: 'format is not csv or json' })
  async export(@Query() query: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const body = await this.decisions.export(query.format);
    const csv = query.format === 'csv';
    void reply.header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="balai-decisions.${query.format}"`);
    return body;
  }

  @Get(':id')
  @ApiOkResponse({ type: DecisionView })
  @ApiNotFoundResponse()
  get(@UuidParam('id') id: string): Promise<DecisionView> {
    return this.decisions.get(id);
  }

  @Post(':id/amendments')
  @Auth('official')
  @ApiCreatedResponse({ type: DecisionAmendmentView, description: 'Appended; the decision itself is never edited' })
  @ApiBadRequestResponse({ description: 'Empty or oversized body' })
  @ApiNotFoundResponse({ description: 'Unknown decision' })
  amend(@UuidParam('id') id: string, @Body() body: AmendDecisionDto, @CurrentUser() principal: Principal): Promise<DecisionAmendmentView> {
    return this.decisions.amend(id, body, principal.id);
  }
}
