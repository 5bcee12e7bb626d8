import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@balai/config';
import { createValidationPipe, jsonBody, ProblemDetailsFilter } from '@balai/http';
import { LiveIoAdapter } from '@balai/realtime';
import { AppModule } from './app.module';
import { setUpOpenApi } from './openapi';
import { serveWebApp } from './web-app';

export const API_PREFIX = 'api/v1';

/** Builds the whole server (HTTP, docs, web app) without listening: main.ts and the e2e tests share it. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    bufferLogs: true,
    forceCloseConnections: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  app.disable('x-powered-by');
  // API lists change constantly and clients do not revalidate them: hashing every body for an ETag is wasted CPU.
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'"], 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.enableCors({ origin: config.allowedOrigins.length > 0 ? config.allowedOrigins : false, maxAge: 600 });
  app.use(jsonBody(config.limits.bodyBytes));
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Socket.IO on the same HTTP server; the Redis streams adapter when REDIS_URL is set.
  app.useWebSocketAdapter(new LiveIoAdapter(app, config));
  setUpOpenApi(app);
  serveWebApp(app);
  return app;
}
