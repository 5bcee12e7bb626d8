import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@balai/config';
import { TEST_JWT_SECRET, TestDatabase } from '@balai/testing';
import { createApp } from '../../apps/api/src/create-app';

export interface TestAppOptions {
  /** Environment variables on top of the test defaults (LOG_LEVEL=silent, a fresh database). */
  env?: Record<string, string | undefined>;
  /** Run on embedded PGlite in a temporary DATA_DIR instead of PostgreSQL. */
  embedded?: boolean;
  /** Reuse a database created by the caller (two processes sharing one database, say). */
  database?: TestDatabase;
  /** Runs on the built application before it listens (before Nest registers its routes). */
  beforeListen?: (app: NestFastifyApplication) => void;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  database?: TestDatabase;
  close(): Promise<void>;
}

/** Boots the real application (migrations, modules, filters) on a free port. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-test-'));
  const database = options.embedded ? undefined : (options.database ?? (await TestDatabase.create()));
  const ownsDatabase = !options.embedded && !options.database;
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    BALAI_DEMO: 'false',
    // Specs register many accounts from 127.0.0.1; the registration limit has its own spec (abuse-limits).
    REGISTER_LIMIT_PER_HOUR: '100000',
    // Likewise many writes, socket events and sockets: the flood limits have their own spec (floods).
    HTTP_WRITES_PER_MINUTE: '100000',
    LIVE_EVENTS_PER_SECOND: '100000',
    LIVE_SOCKETS_PER_ADDRESS: '100000',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const app = await createApp(config);
  options.beforeListen?.(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    database,
    close: async () => {
      await app.close();
      if (ownsDatabase) await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
