import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@balai/config';
import { RateLimiterFactory } from './rate-limiter.factory';
import { REDIS } from './redis.tokens';

/**
 * `maxRetriesPerRequest`: 2 (the default here) makes a command fail fast while Redis is away, so a
 * request can answer `unavailable`; `null` queues commands until Redis is back, which is what the
 * Socket.IO adapter needs (it subscribes and publishes without handling rejections).
 * `autoPipelining`: the commands of one event loop turn go to Redis in one write (ioredis
 * `enableAutoPipelining`): under a vote storm every vote checks its rate limit, and one socket write
 * (and one wake-up of Redis) per vote was a fifth of a process's busy time with two processes.
 */
export function createRedisClient(
  url: string,
  name: string,
  options: { maxRetriesPerRequest?: number | null; autoPipelining?: boolean } = {},
): Redis {
  const logger = new Logger(`Redis:${name}`);
  const client = new Redis(url, {
    connectionName: `balai-${name}`,
    maxRetriesPerRequest: options.maxRetriesPerRequest === undefined ? 2 : options.maxRetriesPerRequest,
    enableOfflineQueue: true,
    enableAutoPipelining: options.autoPipelining ?? false,
  });
  let lastError = '';
  client.on('error', (error: Error) => {
    // ioredis retries on its own; log each distinct failure once instead of once per retry.
    if (error.message !== lastError) logger.error(`Redis error: ${error.message}`);
    lastError = error.message;
  });
  client.on('ready', () => {
    lastError = '';
  });
  return client;
}

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
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}
