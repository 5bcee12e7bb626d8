import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Page } from '@balai/contracts';
import { ValidationError } from '@balai/errors';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Decodes a keyset cursor and checks it has the expected shape (`['number', 'string']`, say);
 * a tampered or foreign cursor is a 400 on the `cursor` field.
 */
export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): CursorValue[] {
  const invalid = () => new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw invalid();
  values.forEach((value, index) => {
    if (typeof value !== shape[index] || (typeof value === 'number' && !Number.isFinite(value))) throw invalid();
  });
  return values as CursorValue[];
}

/**
 * Builds a page from `limit + 1` rows fetched in keyset order: the extra row only says
 * whether there is a next page, and the last kept row gives the cursor.
 */
export function toPage<Row, Item>(rows: Row[], limit: number, cursorOf: (row: Row) => CursorValue[], map: (row: Row) => Item): Page<Item> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
