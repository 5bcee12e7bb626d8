import { Body, Controller, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ClientAddress } from '@balai/http';
import { Auth, CurrentUser, Principal } from '@balai/identity';
import { CreateReportDto } from './dto/moderation.dto';
import { ReportResponse } from './dto/moderation.views';
import { ReportsService } from './reports.service';

@ApiTags('moderation')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Auth('guest')
  @ApiCreatedResponse({ type: ReportResponse })
  @ApiNotFoundResponse({ description: 'No such public thread, post or question' })
  @ApiConflictResponse({ description: '`already_reported`: one report per reporter and target' })
  @ApiTooManyRequestsResponse({ description: 'Too many reports from this participant (10 a minute) or this address (60 a minute)' })
  create(@CurrentUser() principal: Principal, @Body() body: CreateReportDto, @ClientAddress() address: string): Promise<ReportResponse> {
    return this.reports.report(principal, body, address);
  }
}
