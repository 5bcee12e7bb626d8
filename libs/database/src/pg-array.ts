/**
 * A PostgreSQL array literal (`{a,b,c}`) for a `?::uuid[]` parameter. Raw queries pass it as text and
 * cast it in SQL, which behaves the same on PostgreSQL and PGlite (their drivers serialise JS arrays
 * differently). Only for values that need no quoting, such as UUIDs.
 */
export function pgUuidArray(ids: Iterable<string>): string {
  return `{${[...ids].join(',')}}`;
}
