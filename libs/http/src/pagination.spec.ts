import { ValidationError } from '@balai/errors';
import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('keyset cursors', () => {
  it('round-trips values of the declared shape', () => {
    const cursor = encodeCursor([42, '0190a0a0-0000-7000-8000-000000000000']);
    expect(decodeCursor(cursor, ['number', 'string'])).toEqual([42, '0190a0a0-0000-7000-8000-000000000000']);
  });

  it.each([['not base64 json'], [encodeCursor(['a'])], [encodeCursor(['a', 'b'])], [Buffer.from('{"a":1}').toString('base64url')]])(
    'rejects a foreign or tampered cursor (%s) as a validation error on the cursor field',
    (cursor) => {
      expect(() => decodeCursor(cursor, ['number', 'string'])).toThrow(ValidationError);
      try {
        decodeCursor(cursor, ['number', 'string']);
      } catch (error) {
        expect((error as ValidationError).fieldErrors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
      }
    },
  );

  it('builds a page from limit + 1 rows: the extra row only signals a next page', () => {
    const rows = [{ n: 1 }, { n: 2 }, { n: 3 }];
    expect(
      toPage(
        rows,
        2,
        (row) => [row.n],
        (row) => row.n,
      ),
    ).toEqual({ items: [1, 2], nextCursor: encodeCursor([2]) });
    expect(
      toPage(
        rows,
        3,
        (row) => [row.n],
        (row) => row.n,
      ),
    ).toEqual({ items: [1, 2, 3], nextCursor: null });
  });
});
