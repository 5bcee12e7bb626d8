import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';

/**
 * Every HTTP handler runs in its own MikroORM context (identity map, unit of work). Opened in
 * `preHandler`, after Fastify has read the body: the body arrives through socket events, which
 * would carry an async context opened earlier (onRequest) away from the handler.
 */
export function openRequestContexts(fastify: FastifyInstance, orm: MikroORM): void {
  fastify.addHook('preHandler', (_request, _reply, done) => RequestContext.create(orm.em, done));
}
