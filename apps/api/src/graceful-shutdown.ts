import { INestApplication, Logger } from '@nestjs/common';

const DEADLINE_MS = 9_000;

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close sockets and pools, exit 0.
 * Nest's own shutdown hooks re-raise the signal (exit 143); an orchestrator wants 0.
 */
export function installGracefulShutdown(app: INestApplication): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: draining`);
    setTimeout(() => {
      logger.warn(`Still draining after ${DEADLINE_MS} ms: exiting anyway`);
      process.exit(0);
    }, DEADLINE_MS).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
