import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@balai/http';
import { POLL_STATUSES, PollStatus } from '../poll.entity';

export class ListPollsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid', description: 'The consultation whose polls to list (required for now), its live sessions’ included' })
  @IsUUID('all', { message: 'consultationId is required and must be a UUID' })
  consultationId!: string;

  @ApiPropertyOptional({
    enum: POLL_STATUSES,
    description: '`closed` also takes in polls past their closesAt and polls of a closed consultation',
  })
  @IsOptional()
  @IsIn([...POLL_STATUSES], { message: `status must be one of ${POLL_STATUSES.join(', ')}` })
  status?: PollStatus;
}
