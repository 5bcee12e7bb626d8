import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LIVE_ASYNCAPI } from './asyncapi';

/**
 * OpenAPI at /api/docs (UI) and /api/docs-json, generated from the decorators that guard each route.
 * Its sections (tags) and the summary naming them come from the operations it holds, so it names
 * nothing the server does not serve; test/e2e/api-docs.e2e-spec.ts checks routes and operations agree.
 */
export function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Balai API').setDescription('').setVersion('1').addBearerAuth().build(),
  );
  const sections = [
    ...new Set(Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((operation) => operation?.tags ?? []))),
  ] as string[];
  document.tags = sections.map((name) => ({ name }));
  document.info.description =
    `The open town hall's HTTP API: ${sections.join(', ')}. Errors are RFC 9457 problem details. ` +
    'The live Q&A Socket.IO events (namespace /live) are described by the AsyncAPI document at /api/docs/asyncapi.json.';
  // Registered before Swagger's UI route so /api/docs/* does not shadow it.
  const http = app.getHttpAdapter();
  http.get('/api/docs/asyncapi.json', (_request: unknown, response: unknown) => http.reply(response, LIVE_ASYNCAPI, 200));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
