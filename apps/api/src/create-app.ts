import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { MikroORM } from '@mikro-orm/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, tightenDataDir } from '@balai/config';
import { createValidationPipe, parseJsonBodies, ProblemDetailsFilter, refuseHostileUrls, requestIdFor } from '@balai/http';
import { LiveIoAdapter } from '@balai/realtime';
import { AppModule } from './app.module';
import { createRootLogger, logRequests } from './logging';
import { setUpOpenApi } from './openapi';
import { openRequestContexts } from './request-context';
import { BALAI_SECURITY_HEADERS } from './security-headers';
import { compressResponses, serveWebApp } from './web-app';

export const API_PREFIX = 'api/v1';

/**
 * Builds the whole server (HTTP, docs, web app) without listening: main.ts and the e2e tests share it.
 * Fastify rather than Express, and per-request work kept to hooks that cost little: on this 2-core
 * machine a route on Express + middleware cost about twice the CPU (docs/BENCHMARKS.md, forum).
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config);
  // An embedded DATA_DIR holds the JWT secret and every account: owner-only, whoever made it looser.
  if (config.database.kind === 'embedded') {
    for (const change of tightenDataDir(config.database.dataDir)) logger.warn({ context: 'DataDir' }, `Permissions tightened: ${change}`);
  }
  const adapter = new FastifyAdapter({
    bodyLimit: config.limits.bodyBytes,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // One id per request, in the log lines and echoed as X-Request-Id (a proxy's own id when sane).
    genReqId: requestIdFor,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, logger), adapter, {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(BALAI_SECURITY_HEADERS).header('X-Request-Id', request.id);
    done();
  });
  logRequests(fastify, logger);
  // Before any route: the API's, the docs' and the web app's answers are compressed when the client accepts it.
  await compressResponses(app);
  openRequestContexts(fastify, app.get(MikroORM));
  refuseHostileUrls(fastify);
  parseJsonBodies(fastify);
  // Without ALLOWED_ORIGINS only the server's own origin calls the API: no CORS headers at all.
  if (config.allowedOrigins.length > 0) app.enableCors({ origin: config.allowedOrigins, maxAge: 600 });
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Socket.IO on the same HTTP server; the Redis streams adapter when REDIS_URL is set.
  app.useWebSocketAdapter(new LiveIoAdapter(app, config));
  setUpOpenApi(app);
  await serveWebApp(app);
  return app;
}
