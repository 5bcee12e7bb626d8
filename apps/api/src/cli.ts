import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { AppConfig, loadConfig } from '@balai/config';
import { mikroOrmOptions } from '@balai/database';
import { AppModule } from './app.module';
import { projectRoot } from './web-app';

const MIGRATION_SOURCES = join(projectRoot(), 'libs', 'database', 'src', 'migrations');

/**
 * `npm run migration:create`: migrates a throwaway embedded database to the latest committed
 * migration, then writes the difference between the entities and that schema as a new
 * TypeScript migration under libs/database/src/migrations. Review it before committing.
 */
async function createMigration(baseConfig: AppConfig): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-migration-'));
  const config: AppConfig = { ...baseConfig, database: { kind: 'embedded', dataDir }, demo: false, admin: undefined };
  // The Nest app knows every entity each domain module registers.
  const context = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });
  const entities = context.get(MikroORM).getMetadata().getAll();
  await context.close();

  const orm = await MikroORM.init({ ...mikroOrmOptions(config), entities: Object.values(entities).map((meta) => meta.class) });
  try {
    const migrator = orm.getMigrator();
    await migrator.up();
    const result = await migrator.createMigration(MIGRATION_SOURCES);
    if (!result.fileName) process.stdout.write('Entities and migrations agree: no migration needed.\n');
    else process.stdout.write(`Created ${join(MIGRATION_SOURCES, result.fileName)}\n${result.diff.up.join('\n')}\n`);
  } finally {
    await orm.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  const config = loadConfig(process.env);
  switch (command) {
    case 'migration:create':
      return createMigration(config);
    default:
      process.stderr.write('Usage: node cli.js migration:create\n');
      process.exit(2);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
