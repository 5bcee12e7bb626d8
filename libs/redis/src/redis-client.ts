import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

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
  const duplicates = new Set<Redis>();
  duplicatesOf.set(client, duplicates);
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override) => {
    const copy = duplicate(override);
    duplicates.add(copy);
    return copy;
  };
  return client;
}

/** The connections a client made with `duplicate()`: the Socket.IO adapter reads and subscribes on its own. */
const duplicatesOf = new WeakMap<Redis, Set<Redis>>();

/**
 * Closes a client made by `createRedisClient` and every duplicate of it, without waiting for a Redis
 * that is away: `quit()` while connected (what was sent is answered first), else `disconnect()`, which
 * also stops the reconnection attempts. (A `quit()` queued for a Redis that never comes back waits
 * forever, and the adapter's stream reader, blocked in an XREAD that is retried across reconnections,
 * kept reconnecting after the server closed.)
 */
export async function closeRedisClient(client: Redis): Promise<void> {
  const clients = [client, ...(duplicatesOf.get(client) ?? [])];
  await Promise.all(
    clients.map(async (each) => {
      if (each.status === 'end') return;
      if (each.status !== 'ready') return each.disconnect();
      await each.quit().catch(() => each.disconnect());
    }),
  );
}
