import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PROGRESS_STATES, ProgressState, THREAD_KINDS, THREAD_SORTS, ThreadKind, ThreadSort } from '@balai/contracts';
import { PageQuery } from '@balai/http';

const blankToUndefined = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

export class ListThreadsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'consultationId must be a UUID' })
  consultationId?: string;

  @ApiPropertyOptional({ enum: THREAD_KINDS })
  @IsOptional()
  @IsIn([...THREAD_KINDS], { message: `kind must be one of ${THREAD_KINDS.join(', ')}` })
  kind?: ThreadKind;

  @ApiPropertyOptional({ enum: PROGRESS_STATES, description: 'Ideas and complaints in this state of progress' })
  @IsOptional()
  @IsIn([...PROGRESS_STATES], { message: `progress must be one of ${PROGRESS_STATES.join(', ')}` })
  progress?: ProgressState;

  @ApiPropertyOptional({ maxLength: 200, description: 'Full-text search, Indonesian and English; without `sort`, best matches first' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @Length(1, 200, { message: 'q must be at most 200 characters long' })
  q?: string;

  @ApiPropertyOptional({ enum: THREAD_SORTS, description: 'Default: recent (relevance when `q` is given)' })
  @IsOptional()
  @IsIn([...THREAD_SORTS], { message: `sort must be one of ${THREAD_SORTS.join(', ')}` })
  sort?: ThreadSort;
}
