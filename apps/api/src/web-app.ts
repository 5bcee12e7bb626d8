import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Paths the server answers itself; everything else under GET may be a page of the web app. */
const SERVER_PATHS = /^\/(api|health|socket\.io)(\/|$)/;
/** A missing file (`/assets/gone.js`, `/favicon.ico`) is a 404, never the app's page. */
const FILE_PATH = /\/[^/]*\.[a-z0-9]+$/i;

/** Browsers ask for text/html; curl and other tools accept any type or send no Accept header: all of them get the page. */
function acceptsPage(accept: string | undefined): boolean {
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}

/** The folder holding package.json: the compiled server and the sources sit at different depths below it. */
export function projectRoot(from: string = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) return process.cwd();
    directory = parent;
  }
  return directory;
}

export const WEB_DIST = join(projectRoot(), 'dist', 'web');

/**
 * Serves the built React app at `/` (one route per built file, so API requests never touch the
 * disk) and index.html for its client-side routes (`/consultations/:id`, `/threads/:id`, ...).
 */
export async function serveWebApp(app: NestFastifyApplication, directory = WEB_DIST): Promise<boolean> {
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root: directory, index: false, wildcard: false, maxAge: '1h', immutable: false });
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(path) || FILE_PATH.test(path) || !acceptsPage(request.headers.accept)) {
      return reply.callNotFound();
    }
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  });
  return true;
}
