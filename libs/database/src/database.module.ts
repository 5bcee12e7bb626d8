import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { AppConfig } from '@balai/config';
import { MigrationRunner } from './migration-runner';
import { mikroOrmOptions } from './mikro-orm-options';

@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      // Registers the PostgreSQL EntityManager token; PGlite's driver speaks the same SQL platform.
      driver: PostgreSqlDriver,
      inject: [AppConfig],
      // HTTP handlers get their context from a Fastify hook (apps/api/src/request-context.ts), opened after the body is read.
      useFactory: (config: AppConfig) => ({ ...mikroOrmOptions(config), autoLoadEntities: true, registerRequestContext: false }),
    }),
  ],
  providers: [MigrationRunner],
  exports: [MigrationRunner],
})
export class DatabaseModule {}
