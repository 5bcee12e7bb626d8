import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page } from '@balai/contracts';
import { UuidParam } from '@balai/http';
import { Auth, CurrentUser, Principal } from '@balai/identity';
import { ConsultationsService } from './consultations.service';
import { ConsultationPageView, ConsultationView } from './dto/consultation.view';
import { CreateConsultationDto } from './dto/create-consultation.dto';
import { ListConsultationsQuery } from './dto/list-consultations.query';

@ApiTags('consultations')
@Controller('consultations')
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post()
  @Auth('official')
  @ApiCreatedResponse({ type: ConsultationView })
  create(@Body() body: CreateConsultationDto, @CurrentUser() principal: Principal): Promise<ConsultationView> {
    return this.consultations.create(body, principal.id);
  }

  @Get()
  @ApiOkResponse({ type: ConsultationPageView })
  list(@Query() query: ListConsultationsQuery): Promise<Page<ConsultationView>> {
    return this.consultations.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConsultationView })
  get(@UuidParam('id') id: string): Promise<ConsultationView> {
    return this.consultations.get(id);
  }
}
