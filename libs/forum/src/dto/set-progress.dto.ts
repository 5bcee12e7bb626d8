import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PROGRESS_STATES, ProgressState } from '@balai/contracts';
import { trim } from '@balai/http';

export class SetProgressDto {
  @ApiProperty({
    enum: PROGRESS_STATES,
    description: 'received → under_review → accepted | not_taken_up (also from received) → done (from accepted only)',
  })
  @IsIn([...PROGRESS_STATES], { message: `state must be one of ${PROGRESS_STATES.join(', ')}` })
  state!: ProgressState;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required for not_taken_up: the reason' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000, { message: 'note must be at most 2000 characters long' })
  note?: string;
}
