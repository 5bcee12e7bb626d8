import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { Locale, LOCALES } from '@balai/contracts';
import { trim } from '@balai/http';
import { NotFormerParticipant } from './display-name';

export class RegisterDto {
  @ApiProperty({ example: 'sari@example.id' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters long' })
  @MaxLength(200)
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: 60, example: 'Sari Wulandari' })
  @Transform(trim)
  @IsString()
  @Length(1, 60, { message: 'displayName must be 1 to 60 characters long' })
  @NotFormerParticipant()
  displayName!: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn([...LOCALES])
  locale?: Locale;
}
