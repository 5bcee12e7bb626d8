import { ApiProperty } from '@nestjs/swagger';
import type { GuestChallenge } from '@balai/contracts';

/** An ALTCHA challenge: find the number n ≤ maxnumber with SHA-256(salt + n) = challenge. */
export class GuestChallengeView implements GuestChallenge {
  @ApiProperty({ enum: ['SHA-1', 'SHA-256', 'SHA-512'], example: 'SHA-256' })
  algorithm!: 'SHA-1' | 'SHA-256' | 'SHA-512';

  @ApiProperty({ description: 'The hash to find (hex)' })
  challenge!: string;

  @ApiProperty({ required: false, description: 'The largest number to try' })
  maxnumber?: number;

  @ApiProperty({ description: 'Salt, with the expiry as a parameter (`?expires=`)' })
  salt!: string;

  @ApiProperty({ description: "The server's signature of the challenge" })
  signature!: string;
}
