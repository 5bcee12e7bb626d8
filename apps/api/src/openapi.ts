import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LIVE_ASYNCAPI } from './asyncapi';

/** OpenAPI at /api/docs (UI) and /api/docs-json, generated from the decorators that guard each route. */
export function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Balai API')
      .setDescription(
        'The open town hall: consultations, forum, polls, live Q&A, moderation and decisions. Errors are RFC 9457 problem details. ' +
          'The live Q&A Socket.IO events (namespace /live) are described by the AsyncAPI document at /api/docs/asyncapi.json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // Registered before Swagger's UI route so /api/docs/* does not shadow it.
  const http = app.getHttpAdapter();
  http.get('/api/docs/asyncapi.json', (_request: unknown, response: unknown) => http.reply(response, LIVE_ASYNCAPI, 200));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
