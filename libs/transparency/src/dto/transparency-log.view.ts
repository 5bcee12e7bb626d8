import { ApiProperty } from '@nestjs/swagger';
import {
  TransparencyLogEntry as TransparencyLogEntryShape,
  TransparencyLogHead as TransparencyLogHeadShape,
  TransparencyLogPage as TransparencyLogPageShape,
} from '@balai/contracts';

export class TransparencyLogEntryView implements TransparencyLogEntryShape {
  @ApiProperty({ minimum: 1, description: '1, 2, 3, … without gaps' }) seq!: number;
  @ApiProperty({
    example: 'decision.published',
    description: 'consultation.closed, decision.published, decision.amended, moderation.action, …',
  })
  type!: string;
  @ApiProperty({ description: 'The id of what the entry is about' }) subjectId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Plain JSON, no personal data' })
  payload!: Record<string, unknown>;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'The previous entry’s hash; 64 zeros for the first' }) prevHash!: string;
  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    description: 'SHA-256 hex of the canonical JSON (keys sorted, no spaces) of {seq, type, subjectId, payload, prevHash, createdAt}',
  })
  hash!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T19:20:00.123Z', description: 'UTC, milliseconds, exactly as hashed' })
  createdAt!: string;
}

export class TransparencyLogPageView implements TransparencyLogPageShape {
  @ApiProperty({ type: [TransparencyLogEntryView], description: 'Oldest first' }) entries!: TransparencyLogEntryView[];
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as afterSeq for the next page; null on the last page' })
  nextAfterSeq!: number | null;
}

export class TransparencyLogHeadView implements TransparencyLogHeadShape {
  @ApiProperty({ description: 'The latest entry’s seq; 0 when the log is empty' }) seq!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'The latest entry’s hash; 64 zeros when the log is empty' }) hash!: string;
  @ApiProperty({ description: 'How many entries the log holds' }) count!: number;
}
