import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { PGliteDriver } from 'mikro-orm-pglite';
import { AppConfig, ownerOnlyDirectory, PGLITE_DIRECTORY } from '@balai/config';

export const MIGRATIONS_DIR = join(__dirname, 'migrations');

/**
 * Knex's own messages (a pooled connection that ended, say, while the database is away) go to the
 * app's logs, structured, instead of knex's `console.log`.
 */
function knexLog() {
  const logger = new Logger('Database');
  return {
    warn: (message: unknown) => logger.warn(String(message)),
    error: (message: unknown) => logger.error(String(message)),
    deprecate: (message: unknown) => logger.warn(String(message)),
    debug: (message: unknown) => logger.debug(String(message)),
  };
}

/**
 * One set of options for both targets: the same entities and migrations run on a real
 * PostgreSQL (`DATABASE_URL`) and on embedded PGlite, which is PostgreSQL compiled to wasm.
 */
export function mikroOrmOptions(config: AppConfig): Options {
  const common: Options = {
    extensions: [Migrator],
    migrations: {
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      glob: '!(*.d).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      // MigrationRunner logs what it applied through the app's logger.
      silent: true,
    },
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    // BALAI_SQL_DEBUG=1 prints every statement: the quickest way to see where a start-up waits.
    debug: process.env.BALAI_SQL_DEBUG === '1',
  };
  if (config.database.kind === 'postgres') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: config.database.url,
      pool: { min: 1, max: 10 },
      driverOptions: { log: knexLog() },
    };
  }
  // Owner-only (0700) before PGlite writes a byte: its files hold every account's data.
  const directory = join(config.database.dataDir, PGLITE_DIRECTORY);
  ownerOnlyDirectory(directory);
  return {
    ...common,
    driver: PGliteDriver,
    dbName: 'postgres',
    driverOptions: { connection: { filename: directory }, log: knexLog() },
  };
}
