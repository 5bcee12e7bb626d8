import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { THREAD_KINDS, ThreadKind } from '@balai/contracts';
import { trim } from '@balai/http';

export class CreateThreadDto {
  @ApiProperty({ minLength: 3, maxLength: 200, example: 'Taman bermain inklusif untuk anak' })
  @Transform(trim)
  @IsString()
  @Length(3, 200, { message: 'title must be 3 to 200 characters long' })
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: 20000, description: 'Markdown, stored as written' })
  @IsString()
  @Length(1, 20000, { message: 'body must be 1 to 20000 characters long' })
  body!: string;

  @ApiProperty({ enum: THREAD_KINDS })
  @IsIn([...THREAD_KINDS], { message: `kind must be one of ${THREAD_KINDS.join(', ')}` })
  kind!: ThreadKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'consultationId must be a UUID' })
  consultationId?: string | null;
}
