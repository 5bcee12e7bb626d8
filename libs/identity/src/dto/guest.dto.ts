import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { trim } from '@balai/http';
import { NotFormerParticipant } from './display-name';

export class GuestDto {
  @ApiProperty({ minLength: 1, maxLength: 60, example: 'Pak Budi' })
  @Transform(trim)
  @IsString()
  @Length(1, 60, { message: 'displayName must be 1 to 60 characters long' })
  @NotFormerParticipant()
  displayName!: string;

  @ApiPropertyOptional({
    maxLength: 4000,
    description:
      'With GUEST_PROOF_OF_WORK: the solved challenge of GET /auth/guest/challenge (an ALTCHA payload, base64 JSON), usable once',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  altcha?: string;
}
