export * from './distinct-cap';
export * from './rate-limiter.factory';
export * from './redis-client';
export * from './redis.module';
export * from './redis.tokens';
export * from './connection-cap';
