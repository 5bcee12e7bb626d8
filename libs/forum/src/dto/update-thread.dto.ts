import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import { trim } from '@balai/http';

export class UpdateThreadDto {
  @ApiPropertyOptional({ minLength: 3, maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 200, { message: 'title must be 3 to 200 characters long' })
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 20000, description: 'Markdown, stored as written' })
  @IsOptional()
  @IsString()
  @Length(1, 20000, { message: 'body must be 1 to 20000 characters long' })
  body?: string;
}
