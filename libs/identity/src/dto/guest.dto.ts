import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trim } from '@balai/http';
import { NotFormerParticipant } from './display-name';

export class GuestDto {
  @ApiProperty({ minLength: 1, maxLength: 60, example: 'Pak Budi' })
  @Transform(trim)
  @IsString()
  @Length(1, 60, { message: 'displayName must be 1 to 60 characters long' })
  @NotFormerParticipant()
  displayName!: string;
}
