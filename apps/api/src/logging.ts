import type { FastifyInstance } from 'fastify';
import pino, { Logger, LoggerOptions } from 'pino';
import { AppConfig } from '@balai/config';

/** The one pino logger: Nest's log lines (through nestjs-pino) and one line per HTTP request. */
export function createRootLogger(config: AppConfig): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  };
  // A person at a terminal (`npm start`) reads lines; anything else (containers, CI) gets JSON.
  if (process.stdout.isTTY && prettyPrinterInstalled()) options.transport = { target: 'pino-pretty', options: { singleLine: false } };
  return pino(options);
}

/**
 * "request completed" per request with its id, status and time: info for successes, warn for the
 * client's errors, error for ours. A Fastify hook rather than pino-http: it costs nothing when the
 * level is off, and it runs for every route, the 404s included. /health is left out (probes).
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (logger.isLevelEnabled(level) && request.url !== '/health') {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: request.url },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}

function prettyPrinterInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false; // production images install no dev dependencies
  }
}
