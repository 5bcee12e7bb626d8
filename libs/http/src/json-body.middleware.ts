import { json } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError, ValidationError } from '@balai/errors';
import { toProblem } from './problem';

/**
 * express.json with its own errors as problem documents: body-parser runs before Nest's
 * routing, so its failures (413, malformed JSON) would otherwise bypass the exception filter.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const parse = json({ limit: limitBytes, type: ['application/json', 'application/*+json'] });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      const domainError =
        type === 'entity.too.large'
          ? new DomainError('payload_too_large', 'payload_too_large', `The body is larger than ${Math.round(limitBytes / 1024)} KB`)
          : type === 'entity.parse.failed'
            ? new ValidationError([{ field: 'body', message: 'body is not valid JSON' }], 'The body is not valid JSON')
            : new DomainError('validation', 'unreadable_body', 'The body could not be read');
      const { problem } = toProblem(domainError);
      response
        .status(problem.status)
        .type('application/problem+json')
        .send(JSON.stringify({ ...problem, instance: request.originalUrl }));
    });
  };
}
