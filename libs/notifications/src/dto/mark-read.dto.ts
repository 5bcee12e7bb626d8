import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsOptional, IsUUID } from 'class-validator';

/** `{ids}` or `{all: true}`. */
export class MarkReadDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 100,
    description: 'Your notifications to mark read (others are ignored)',
  })
  @IsOptional()
  @IsArray({ message: 'ids must be an array of notification ids' })
  @ArrayMinSize(1, { message: 'ids must hold 1 to 100 ids' })
  @ArrayMaxSize(100, { message: 'ids must hold 1 to 100 ids' })
  @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids?: string[];

  @ApiPropertyOptional({ enum: [true], description: 'Mark every notification read' })
  @IsOptional()
  @Equals(true, { message: 'all must be true when given' })
  all?: true;
}
