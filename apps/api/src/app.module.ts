import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppConfig, ConfigModule } from '@balai/config';
import { ConsultationsModule } from '@balai/consultations';
import { DatabaseModule } from '@balai/database';
import { DecisionsModule } from '@balai/decisions';
import { DemoModule } from '@balai/demo';
import { EventsModule } from '@balai/events';
import { ForumModule } from '@balai/forum';
import { HealthModule } from '@balai/health';
import { IdentityModule } from '@balai/identity';
import { LiveModule, LiveSessionLookupModule } from '@balai/live';
import { ModerationModule } from '@balai/moderation';
import { NotificationsModule } from '@balai/notifications';
import { PollsModule } from '@balai/polls';
import { RedisModule } from '@balai/redis';
import { TransparencyModule } from '@balai/transparency';
import { createRootLogger } from './logging';

@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger = createRootLogger(config)): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Nest's own log lines go to pino; requests are logged by a Fastify hook (logging.ts), not pino-http.
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
        EventsModule,
        RedisModule,
        DatabaseModule,
        IdentityModule,
        HealthModule,
        // Domain modules, one line each:
        ConsultationsModule,
        ForumModule,
        PollsModule.withLiveSessions(LiveSessionLookupModule),
        LiveModule,
        TransparencyModule,
        DecisionsModule,
        ModerationModule,
        NotificationsModule,
        // The demo city seeds after every domain has started.
        DemoModule,
      ],
    };
  }
}
