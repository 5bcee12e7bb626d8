import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '@balai/errors';

/**
 * JSON bodies (application/json and application/*+json) with malformed input answered as a
 * validation problem naming the body. Fastify's own parser reports a bare SyntaxError, which would
 * otherwise reach the problem filter as an unknown error (a 500). Bodies over the server's
 * `bodyLimit` never get here: Fastify answers them 413 (mapped to a problem by the filter).
 */
export function parseJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  const parser = (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) =>
    parse(request, body.toString(), (error: Error | null, value?: unknown) =>
      error
        ? done(new ValidationError([{ field: 'body', message: 'body is not valid JSON' }], 'The body is not valid JSON'))
        : done(null, value),
    );
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, parser);
  fastify.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, parser);
}
