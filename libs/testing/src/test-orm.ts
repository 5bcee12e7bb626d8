import { EntityClass, MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '@balai/config';
import { mikroOrmOptions } from '@balai/database';
import { TEST_JWT_SECRET } from './test-jwt-secret';
import { TestDatabase } from './test-database';

export interface TestOrm {
  /** The fresh database, for reading rows back with plain SQL. */
  database: TestDatabase;
  /** A fork of the ORM's entity manager, for the repository under test. */
  em: EntityManager;
  close(): Promise<void>;
}

/**
 * A fresh PostgreSQL database with every migration applied and the ORM over these entities, without
 * booting the app: for a repository's spec beside its code.
 */
export async function createTestOrm(entities: EntityClass<object>[]): Promise<TestOrm> {
  const database = await TestDatabase.create();
  const config = loadConfig({ DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET });
  const orm = await MikroORM.init({ ...mikroOrmOptions(config), entities });
  try {
    await orm.getMigrator().up();
  } catch (error: unknown) {
    await orm.close(true);
    await database.drop();
    throw error;
  }
  return {
    database,
    em: orm.em.fork() as EntityManager,
    close: async () => {
      await orm.close(true);
      await database.drop();
    },
  };
}
