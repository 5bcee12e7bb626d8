import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { trim } from '@balai/http';

export class LoginDto {
  @ApiProperty({ example: 'moderator@balai.demo' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
