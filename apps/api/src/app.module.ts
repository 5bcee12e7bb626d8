import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@balai/config';
import { DatabaseModule } from '@balai/database';
import { HealthModule } from '@balai/health';
import { IdentityModule } from '@balai/identity';
import { RedisModule } from '@balai/redis';
import { pinoHttpOptions } from './logging';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(config), forRoutes: ['{*path}'] }),
        RedisModule,
        DatabaseModule,
        IdentityModule,
        HealthModule,
      ],
    };
  }
}
