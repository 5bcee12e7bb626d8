import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { MAX_OPTIONS } from '../poll-rules';

export class CastBallotDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_OPTIONS,
    description: 'Options of the poll, no repeats; exactly one on a single-choice poll. Replaces any earlier ballot.',
  })
  @IsArray({ message: 'optionIds must be a list of option ids' })
  @ArrayMinSize(1, { message: 'optionIds must name at least one option' })
  @ArrayMaxSize(MAX_OPTIONS, { message: `optionIds must name at most ${MAX_OPTIONS} options` })
  @IsUUID('all', { each: true, message: 'each of optionIds must be a UUID' })
  optionIds!: string[];
}
