import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  LIVE_SESSION_STATUSES,
  LiveSessionStatus,
  MODERATION_ACTIONS,
  ModerationAction,
  QUESTION_STATUSES,
  QuestionStatus,
} from '@balai/contracts';
import type { QuestionSource } from '@balai/contracts';
import { PageQuery, trim } from '@balai/http';

export class CreateLiveSessionDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Rapat Warga: Taman Kota Cempaka' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  consultationId?: string;

  @ApiPropertyOptional({ default: true, description: 'Questions wait for a moderator before the room sees them' })
  @IsOptional()
  @IsBoolean()
  preModeration?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  allowAnonymous?: boolean;
}

export class ListLiveSessionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LIVE_SESSION_STATUSES, description: '`live`: the sessions a citizen can join now' })
  @IsOptional()
  @IsIn([...LIVE_SESSION_STATUSES], { message: `status must be one of ${LIVE_SESSION_STATUSES.join(', ')}` })
  status?: LiveSessionStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this consultation's sessions" })
  @IsOptional()
  @IsUUID()
  consultationId?: string;
}

export class ListQuestionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: QUESTION_STATUSES, description: '`pending` and `rejected`: moderators only' })
  @IsOptional()
  @IsIn(QUESTION_STATUSES)
  status?: QuestionStatus;

  @ApiPropertyOptional({ enum: ['top', 'recent'], default: 'top' })
  @IsOptional()
  @IsIn(['top', 'recent'])
  sort: 'top' | 'recent' = 'top';
}

export const JOIN_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{6}$/;

export class JoinSessionDto {
  @ValidateIf((dto: JoinSessionDto) => dto.sessionId === undefined)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(JOIN_CODE_PATTERN, { message: 'code must be 6 characters: letters and digits without 0, O, 1 and I' })
  code?: string;

  @ValidateIf((dto: JoinSessionDto) => dto.code === undefined || dto.sessionId !== undefined)
  @IsUUID()
  sessionId?: string;
}

export class SessionRefDto {
  @IsUUID()
  sessionId!: string;
}

export class AskQuestionDto {
  @IsUUID()
  sessionId!: string;

  @Transform(trim)
  @IsString()
  @Length(1, 500)
  text!: string;

  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @IsString()
  @Length(1, 64)
  clientRequestId!: string;
}

export class QuestionRefDto {
  @IsUUID()
  questionId!: string;
}

export class ModerateQuestionDto {
  @IsUUID()
  questionId!: string;

  @IsIn(MODERATION_ACTIONS)
  action!: ModerationAction;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ValidateIf((dto: ModerateQuestionDto) => dto.action === 'merge' || dto.intoQuestionId !== undefined)
  @IsUUID()
  intoQuestionId?: string;
}

export class PollVoteDto {
  @IsUUID()
  pollId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  optionIds!: string[];
}

export class ModerateQuestionBody {
  @ApiProperty({ enum: MODERATION_ACTIONS })
  @IsIn(MODERATION_ACTIONS)
  action!: ModerationAction;

  @ApiPropertyOptional({ maxLength: 500, description: 'Told to the author alone when rejecting' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'With `merge`: the question of the same session that takes this one' })
  @ValidateIf((dto: ModerateQuestionBody) => dto.action === 'merge' || dto.intoQuestionId !== undefined)
  @IsUUID()
  intoQuestionId?: string;
}

/** A question a moderator enters for the hall: approved at once. */
export interface HallQuestionInput {
  sessionId: string;
  text: string;
  source: Exclude<QuestionSource, 'app'>;
}
