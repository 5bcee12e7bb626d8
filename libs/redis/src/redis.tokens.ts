/** Injection token for the shared ioredis client, or `null` when REDIS_URL is unset (one process, in memory). */
export const REDIS = Symbol('REDIS');
