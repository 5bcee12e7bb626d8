import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  MODERATION_ITEM_STATUSES,
  MODERATION_ITEM_TYPES,
  MODERATION_REASONS,
  MODERATION_SORTS,
  ModerationItemStatus,
  ModerationItemType,
  ModerationReason,
  ModerationSort,
  REPORT_REASONS,
  REPORT_TARGET_TYPES,
  ReportReason,
  ReportTargetType,
  RESOLVE_ACTIONS,
  ResolveAction,
} from '@balai/contracts';
import { PageQuery, trim } from '@balai/http';
import { CITY_WORD } from '../banned-words.matcher';

export class ListItemsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MODERATION_ITEM_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(MODERATION_ITEM_STATUSES)
  status: ModerationItemStatus = 'pending';

  @ApiPropertyOptional({ enum: MODERATION_ITEM_TYPES })
  @IsOptional()
  @IsIn(MODERATION_ITEM_TYPES)
  type?: ModerationItemType;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this live session's items" })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this consultation's items" })
  @IsOptional()
  @IsUUID()
  consultationId?: string;

  @ApiPropertyOptional({ enum: MODERATION_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(MODERATION_SORTS)
  sort: ModerationSort = 'newest';
}

export class ResolveItemDto {
  @ApiProperty({ enum: RESOLVE_ACTIONS })
  @IsIn(RESOLVE_ACTIONS, { message: `action must be one of ${RESOLVE_ACTIONS.join(', ')}` })
  action!: ResolveAction;

  @ApiPropertyOptional({ enum: MODERATION_REASONS, description: 'Needed for reject and hide; told to the author' })
  @IsOptional()
  @IsIn(MODERATION_REASONS, { message: `reason must be one of ${MODERATION_REASONS.join(', ')}` })
  reason?: ModerationReason;

  @ApiPropertyOptional({ maxLength: 1000, description: "The moderator's note (kept out of the public log)" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class CreateReportDto {
  @ApiProperty({ enum: REPORT_TARGET_TYPES })
  @IsIn(REPORT_TARGET_TYPES, { message: `targetType must be one of ${REPORT_TARGET_TYPES.join(', ')}` })
  targetType!: ReportTargetType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  targetId!: string;

  @ApiProperty({ enum: REPORT_REASONS })
  @IsIn(REPORT_REASONS, { message: `reason must be one of ${REPORT_REASONS.join(', ')}` })
  reason!: ReportReason;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class BannedWordsDto {
  @ApiProperty({ type: [String], description: 'Indonesian additions', maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(CITY_WORD, { each: true, message: 'each word: 2..60 letters, digits, spaces, apostrophes or hyphens' })
  id!: string[];

  @ApiProperty({ type: [String], description: 'English additions', maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(CITY_WORD, { each: true, message: 'each word: 2..60 letters, digits, spaces, apostrophes or hyphens' })
  en!: string[];
}

export class HallQuestionDto {
  @ApiProperty({ minLength: 1, maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  text!: string;

  @ApiProperty({ enum: ['hall', 'card'], description: '`hall`: asked aloud; `card`: on a paper card' })
  @IsIn(['hall', 'card'])
  source!: 'hall' | 'card';
}

export class MuteDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1440, description: 'Minutes; without: until lifted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes?: number;

  @ApiProperty({ minLength: 1, maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class SuspendDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Until when; without: until lifted' })
  @IsOptional()
  @IsDateString()
  until?: string;

  @ApiProperty({ minLength: 1, maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class LiftDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;
}
