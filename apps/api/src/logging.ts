import type { FastifyInstance } from 'fastify';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { AppConfig } from '@balai/config';
import { logSafeError } from '@balai/database';
import { logSafeUrl } from '@balai/http';

/**
 * Nest's own start-up chatter (a line per module and per route: about a hundred) is debug, not info:
 * at info a start says what Balai did, not how the framework wired itself.
 */
const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'WebSocketsController']);
const INFO = 30;

/**
 * The one pino logger: Nest's log lines (through nestjs-pino) and one line per HTTP request. Every
 * logged `err` goes through `logSafeError`: a failed statement is logged with its SQLSTATE and its
 * text without values, never an e-mail or a password hash it carried. `destination`: tests only.
 */
export function createRootLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    // Belt and braces: no line logs headers today, but one that does never carries a credential.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        'res.headers["set-cookie"]',
        'handshake.auth',
        'handshake.headers.authorization',
        'handshake.headers.cookie',
        'auth.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      err: (error: unknown) => {
        const safe = logSafeError(error);
        return safe === error ? pino.stdSerializers.err(error as Error) : safe;
      },
    },
    hooks: {
      logMethod(args, method, level) {
        const fields = args[0] as unknown;
        const context = typeof fields === 'object' && fields !== null ? (fields as { context?: unknown }).context : undefined;
        if (level === INFO && typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) {
          if (this.isLevelEnabled('debug')) method.apply(this, args);
          return;
        }
        method.apply(this, args);
      },
    },
  };
  // A person at a terminal (`npm start` sets LOG_FORMAT=pretty) reads lines; machines get JSON.
  if (config.logFormat === 'pretty' && prettyPrinterInstalled()) {
    options.transport = {
      target: 'pino-pretty',
      options: { singleLine: true, ignore: 'pid,hostname,context', messageFormat: '{if context}{context}: {end}{msg}' },
    };
  }
  return destination ? pino(options, destination) : pino(options);
}

/**
 * "request completed" per request with its id, status and time: info for successes, warn for the
 * client's errors, error for ours. A Fastify hook rather than pino-http: it costs nothing when the
 * level is off, and it runs for every route, the 404s included. /health is left out (probes). The
 * URL goes through `logSafeUrl`: a `?token=` pasted into a link is logged as `[redacted]`.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (logger.isLevelEnabled(level) && request.url !== '/health') {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: logSafeUrl(request.url) },
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
