import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { TRANSPARENCY_LOG_MAX_LIMIT } from '@balai/contracts';

export class TransparencyLogQuery {
  @ApiPropertyOptional({
    minimum: 0,
    default: 0,
    description: 'Entries after this seq (the previous page’s nextAfterSeq); 0 from the start',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'afterSeq must be a whole number' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterSeq: number = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: TRANSPARENCY_LOG_MAX_LIMIT, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(TRANSPARENCY_LOG_MAX_LIMIT)
  limit: number = 100;
}
