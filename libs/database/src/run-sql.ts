import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';

export interface SqlOptions {
  /**
   * A prepared statement's name: PostgreSQL parses and plans it once per connection instead of once
   * per call (PGlite ignores it). Only for a hot statement whose text never changes.
   */
  name?: string;
}

/**
 * The one way a repository runs SQL: parameters bound (`?` placeholders), never written into the
 * text; in `em`'s transaction when it has one, else on the pool; driver errors converted to
 * MikroORM's exceptions (so `isUniqueViolation` and friends recognise them); rows typed by the caller.
 */
export async function runSql<Row extends object>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
  options: SqlOptions = {},
): Promise<Row[]> {
  let query = em.getKnex().raw(sql, params as Knex.RawBinding[]);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query = query.transacting(transaction);
  if (options.name) query = query.options({ name: options.name });
  try {
    const result = (await query) as { rows?: Row[] };
    return result.rows ?? [];
  } catch (error: unknown) {
    throw em
      .getPlatform()
      .getExceptionConverter()
      .convertException(error as Error);
  }
}
