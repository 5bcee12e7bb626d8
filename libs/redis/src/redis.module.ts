import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@balai/config';
import { RateLimiterFactory } from './rate-limiter.factory';
import { closeRedisClient, createRedisClient } from './redis-client';
import { REDIS } from './redis.tokens';

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Redis | null =>
        config.redisUrl ? createRedisClient(config.redisUrl, 'main', { autoPipelining: true }) : null,
    },
    RateLimiterFactory,
  ],
  exports: [REDIS, RateLimiterFactory],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await closeRedisClient(this.redis);
  }
}
