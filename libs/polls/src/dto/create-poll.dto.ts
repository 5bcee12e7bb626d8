import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { trim } from '@balai/http';
import { MAX_LABEL_LENGTH, MAX_OPTIONS, MIN_OPTIONS } from '../poll-rules';
import { RESULTS_VISIBILITIES, ResultsVisibility } from '../poll.entity';

const trimEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value;

export class CreatePollDto {
  @ApiProperty({ minLength: 3, maxLength: 300, example: 'Fasilitas apa yang paling dibutuhkan di Taman Kota Cempaka?' })
  @Transform(trim)
  @IsString()
  @Length(3, 300, { message: 'question must be 3 to 300 characters long' })
  question!: string;

  @ApiProperty({
    type: [String],
    minItems: MIN_OPTIONS,
    maxItems: MAX_OPTIONS,
    description: `Option labels (1..${MAX_LABEL_LENGTH} characters each, trimmed, no two alike); a bad one is reported as options[i]`,
    example: ['Taman bermain anak', 'Jalur jogging', 'Toilet umum'],
  })
  @Transform(trimEach)
  @IsArray({ message: 'options must be a list of labels' })
  @ArrayMinSize(MIN_OPTIONS, { message: `options must have at least ${MIN_OPTIONS} labels` })
  @ArrayMaxSize(MAX_OPTIONS, { message: `options must have at most ${MAX_OPTIONS} labels` })
  @IsString({ each: true, message: 'each option must be a string' })
  options!: string[];

  @ApiPropertyOptional({ default: false, description: 'true: a ballot may name several options' })
  @IsOptional()
  @IsBoolean()
  multiple?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'The consultation the poll belongs to; it must be open' })
  @IsOptional()
  @IsUUID('all', { message: 'consultationId must be a UUID' })
  consultationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The live session the poll belongs to; guests may vote only in such polls' })
  @IsOptional()
  @IsUUID('all', { message: 'liveSessionId must be a UUID' })
  liveSessionId?: string;

  @ApiPropertyOptional({
    enum: RESULTS_VISIBILITIES,
    default: 'live',
    description: 'after_close: results hidden until the poll closes (moderators and up always see them)',
  })
  @IsOptional()
  @IsIn([...RESULTS_VISIBILITIES], { message: `resultsVisibility must be one of ${RESULTS_VISIBILITIES.join(', ')}` })
  resultsVisibility?: ResultsVisibility;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the poll stops taking ballots; must be in the future' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'closesAt must be an ISO-8601 date and time' })
  closesAt?: string;
}
