import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { DECISION_BODY_MAX, DECISION_TITLE_MAX } from '@balai/contracts';
import { trim } from '@balai/http';

export class PublishDecisionDto {
  @ApiProperty({ minLength: 3, maxLength: DECISION_TITLE_MAX, example: 'Taman Cempaka: keputusan kota' })
  @Transform(trim)
  @IsString()
  @Length(3, DECISION_TITLE_MAX, { message: `title must be 3 to ${DECISION_TITLE_MAX} characters long` })
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: DECISION_BODY_MAX, description: 'Markdown: what we heard, what we decided, what happens next' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(DECISION_BODY_MAX, { message: `body must be at most ${DECISION_BODY_MAX} characters long` })
  body!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50, description: 'Threads of the consultation the decision takes up' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each cited thread id must be a UUID' })
  citedThreadIds?: string[];
}

export class AmendDecisionDto {
  @ApiProperty({ minLength: 1, maxLength: DECISION_BODY_MAX, description: 'Markdown' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(DECISION_BODY_MAX, { message: `body must be at most ${DECISION_BODY_MAX} characters long` })
  body!: string;
}

export const EXPORT_FORMATS = ['csv', 'json'] as const;

export class ExportQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn([...EXPORT_FORMATS], { message: 'format must be csv or json' })
  format!: (typeof EXPORT_FORMATS)[number];
}
