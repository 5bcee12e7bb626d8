import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppConfig } from '@balai/config';

/** Any number: the key of the advisory lock that lets one replica migrate while the others wait. */
const MIGRATION_LOCK_KEY = 4_201_931;

@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.migrate) {
      this.logger.log('BALAI_MIGRATE=false: pending migrations are not applied');
      return;
    }
    await this.migrate();
  }

  async migrate(): Promise<void> {
    if (this.config.database.kind === 'embedded') {
      await this.applyPending();
      return;
    }
    // Several replicas may start together: a session-level advisory lock on a dedicated
    // connection serialises them, and the later ones find nothing pending.
    const knex = (this.orm.em as EntityManager).getKnex();
    const connection = await knex.client.acquireConnection();
    try {
      await connection.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await this.applyPending();
    } finally {
      await connection.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await knex.client.releaseConnection(connection);
    }
  }

  private async applyPending(): Promise<void> {
    const applied = await this.orm.getMigrator().up();
    if (applied.length > 0) this.logger.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
  }
}
