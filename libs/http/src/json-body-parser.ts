import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '@balai/errors';
import { findHostileValue, hostileRequestTarget } from './hostile-input';

/**
 * JSON bodies (application/json and application/*+json) with malformed input answered as a
 * validation problem naming the body. Fastify's own parser reports a bare SyntaxError, which would
 * otherwise reach the problem filter as an unknown error (a 500). A body that parses but is hostile
 * (nested too deep, a NUL character, a lone surrogate, a prototype key: `findHostileValue`) is
 * refused here too, for every route, before any validator or SQL sees it. Bodies over the server's
 * `bodyLimit` never get here: Fastify answers them 413 (mapped to a problem by the filter).
 */
export function parseJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  const parser = (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) =>
    parse(request, body.toString(), (error: Error | null, value?: unknown) => {
      if (error) return done(new ValidationError([{ field: 'body', message: 'body is not valid JSON' }], 'The body is not valid JSON'));
      const hostile = findHostileValue(value);
      return hostile ? done(new ValidationError([hostile])) : done(null, value);
    });
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, parser);
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, parser);
}

/**
 * Refuses a request whose path or query carries a NUL character (`hostileRequestTarget`) with a 400
 * problem before routing, for every route: PostgreSQL refuses NUL in text, so it used to surface as a
 * database error (a 500) from a search, a join code or a cursor.
 */
export function refuseHostileUrls(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const hostile = hostileRequestTarget(request.url);
    done(hostile ? new ValidationError([hostile]) : undefined);
  });
}
