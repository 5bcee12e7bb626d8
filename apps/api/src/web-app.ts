import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

const SERVER_PATHS = /^\/(api|health|socket\.io)(\/|$)/;

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

/** Serves the built React app at `/` and sends index.html for its client-side routes. */
export function serveWebApp(app: NestExpressApplication, directory = WEB_DIST): boolean {
  const index = join(directory, 'index.html');
  if (!existsSync(index)) return false;
  const assets = express.static(directory, { index: false, maxAge: '1h', immutable: false });
  // API requests never touch the file system: a `stat` per request was a measurable share of the forum benchmark.
  app.use((request: Request, response: Response, next: NextFunction) =>
    SERVER_PATHS.test(request.path) ? next() : assets(request, response, next),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || SERVER_PATHS.test(request.path) || !request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}
