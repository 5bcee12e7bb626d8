import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TransparencyLogQuery } from './dto/transparency-log.query';
import { TransparencyLogHeadView, TransparencyLogPageView } from './dto/transparency-log.view';
import { TransparencyLogService } from './transparency-log.service';

@ApiTags('transparency')
@Controller('transparency-log')
export class TransparencyLogController {
  constructor(private readonly log: TransparencyLogService) {}

  @Get()
  @ApiOperation({ summary: 'The public transparency log, oldest first, a page at a time (no sign-in)' })
  @ApiOkResponse({ type: TransparencyLogPageView })
  @ApiBadRequestResponse({ description: 'afterSeq or limit is not a whole number in range' })
  page(@Query() query: TransparencyLogQuery): Promise<TransparencyLogPageView> {
    return this.log.page(query.afterSeq, query.limit);
  }

  @Get('head')
  @ApiOperation({ summary: 'The latest entry’s seq and hash: publish it elsewhere so the whole chain cannot be rewritten unnoticed' })
  @ApiOkResponse({ type: TransparencyLogHeadView })
  head(): Promise<TransparencyLogHeadView> {
    return this.log.head();
  }
}
