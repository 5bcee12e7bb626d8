import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { AppConfig } from '@balai/config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** pino for every log line; each request gets an id (a proxy's X-Request-Id when it is sane), echoed back. */
export function pinoHttpOptions(config: AppConfig): Options {
  return {
    level: config.logLevel,
    // A person at a terminal (`npm start`) reads lines; anything else (containers, CI) gets JSON.
    ...(process.stdout.isTTY && prettyPrinterInstalled() ? { transport: { target: 'pino-pretty', options: { singleLine: false } } } : {}),
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const incoming = request.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    autoLogging: { ignore: (request: IncomingMessage & { originalUrl?: string }) => (request.originalUrl ?? request.url) === '/health' },
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  };
}

function prettyPrinterInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false; // production images install no dev dependencies
  }
}
