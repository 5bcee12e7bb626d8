import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ConflictError, RateLimitedError, ValidationError } from '@balai/errors';
import { toProblem } from './problem';

describe('toProblem', () => {
  it('maps domain errors to their status, code and field list', () => {
    const { problem } = toProblem(new ValidationError([{ field: 'title', message: 'title is too short' }]));
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'title', message: 'title is too short' }] });
    expect(toProblem(new ConflictError('poll_closed', 'closed')).problem).toMatchObject({
      status: 409,
      code: 'poll_closed',
      title: 'Conflict',
    });
  });

  it('adds Retry-After for rate limits', () => {
    const { problem, headers } = toProblem(new RateLimitedError(12));
    expect(problem.status).toBe(429);
    expect(headers).toEqual({ 'Retry-After': '12' });
  });

  it('keeps framework HTTP errors as they are and hides unknown errors behind a bare 500', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'Cannot GET /x',
    });
    expect(toProblem(new BadRequestException()).problem.status).toBe(400);
    const unknown = toProblem(new Error('secret internals at db.ts:42'));
    expect(unknown.problem).toMatchObject({ status: 500, code: 'internal', detail: 'An unexpected error occurred' });
    expect(unknown.unexpected).toBe(true);
  });
});
