import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { trim } from '@balai/http';

export class CreateConsultationDto {
  @ApiProperty({ minLength: 3, maxLength: 200, example: 'Desain Taman Kota Cempaka' })
  @Transform(trim)
  @IsString()
  @Length(3, 200, { message: 'title must be 3 to 200 characters long' })
  title!: string;

  @ApiProperty({ maxLength: 20000, description: 'Markdown, stored as written' })
  @IsString()
  @MaxLength(20000, { message: 'description must be at most 20000 characters long' })
  description!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'When input stops; must be in the future' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'closesAt must be an ISO-8601 date-time' })
  closesAt?: string | null;
}
