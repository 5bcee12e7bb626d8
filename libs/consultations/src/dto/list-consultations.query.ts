import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ConsultationStatus } from '@balai/contracts';
import { PageQuery } from '@balai/http';

export const LISTED_STATUSES = ['open', 'closed', 'decided'] as const;

export class ListConsultationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LISTED_STATUSES })
  @IsOptional()
  @IsIn([...LISTED_STATUSES], { message: `status must be one of ${LISTED_STATUSES.join(', ')}` })
  status?: Exclude<ConsultationStatus, 'draft'>;
}
