import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Paths the server answers itself; everything else under GET may be a page of the web app. */
const SERVER_PATHS = /^\/(api|health|socket\.io)(\/|$)/;
/** A missing file (`/assets/gone.js`, `/favicon.ico`) is a 404, never the app's page. */
const FILE_PATH = /\/[^/]*\.[a-z0-9]+$/i;

/** Vite names each built file `assets/<name>-<content hash>.<ext>`: a changed file gets a new name, so a year is safe. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/i;
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always asked again (a 304 when unchanged). */
export const CACHE_PAGE = 'no-cache';
const CACHE_OTHER = 'public, max-age=3600';

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
 * Compresses what the server answers (the API's JSON, the docs, index.html, any built file without
 * its .br/.gz): brotli (quality 4, cheap enough per request) or gzip as the client accepts, above
 * 1 KB. Registered before any route: the plugin decorates the routes added after it. Request bodies
 * stay plain JSON: a compressed one is refused (415), not inflated.
 */
export async function compressResponses(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024, requestEncodings: ['identity'] });
}

/** `file` may be the `.br` or `.gz` sent for the file asked for: it is cached as that file. */
function cacheControlFor(directory: string, file: string): string {
  const path = relative(directory, file)
    .split(sep)
    .join('/')
    .replace(/\.(br|gz)$/, '');
  if (path === 'index.html') return CACHE_PAGE;
  return HASHED_ASSET.test(path) ? CACHE_IMMUTABLE : CACHE_OTHER;
}

interface RoutePreloadFiles {
  path: string;
  scripts: string[];
  styles: string[];
}

/**
 * index.html for each route that the build listed in `route-preloads.json` (apps/web/vite-route-preloads.ts),
 * naming that page's code and CSS in its head so they download beside the app's.
 */
function pagesWithPreloads(directory: string, indexHtml: Buffer): Array<{ path: RegExp; html: Buffer }> {
  const file = join(directory, 'route-preloads.json');
  if (!existsSync(file)) return [];
  const routes = JSON.parse(readFileSync(file, 'utf8')) as RoutePreloadFiles[];
  const html = indexHtml.toString('utf8');
  return routes.map((route) => {
    const links = [
      ...route.styles.map((href) => `<link rel="stylesheet" crossorigin href="/${href}">`),
      ...route.scripts.map((href) => `<link rel="modulepreload" crossorigin href="/${href}">`),
    ].join('\n    ');
    return { path: new RegExp(route.path), html: Buffer.from(html.replace('</head>', `    ${links}\n  </head>`)) };
  });
}

/**
 * Serves the built React app at `/` (one route per built file, so API requests never touch the
 * disk) and index.html for its client-side routes (`/consultations/:id`, `/threads/:id`, ...).
 * Hashed assets are cached for a year, index.html is revalidated on every load; text files go out
 * as the build compressed them.
 */
export async function serveWebApp(app: NestFastifyApplication, directory = WEB_DIST): Promise<boolean> {
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  const preloaded = pagesWithPreloads(directory, indexHtml);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root: directory,
    index: false,
    wildcard: false,
    // `<file>.br` / `<file>.gz` written by the build (apps/web/vite-precompress.ts), as the client accepts.
    preCompressed: true,
    // Cache-Control per file below (send's own header would override it).
    cacheControl: false,
    setHeaders: (response, file) => {
      response.setHeader('Cache-Control', cacheControlFor(directory, file));
      response.setHeader('Vary', 'Accept-Encoding');
    },
  });
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(path) || FILE_PATH.test(path) || !acceptsPage(request.headers.accept)) {
      return reply.callNotFound();
    }
    const page = preloaded.find((candidate) => candidate.path.test(path))?.html ?? indexHtml;
    return reply.header('Cache-Control', CACHE_PAGE).type('text/html; charset=utf-8').send(page);
  });
  return true;
}
