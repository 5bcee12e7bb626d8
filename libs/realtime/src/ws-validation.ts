import type { Type } from '@nestjs/common';
import { createValidationPipe } from '@balai/http';
import { ValidationError } from '@balai/errors';

const pipe = createValidationPipe();

/**
 * Validates a Socket.IO payload with the same pipe as HTTP bodies (class-validator DTOs; every bad
 * field listed, unknown fields rejected). A payload that is not an object is a validation error too.
 */
export async function validatePayload<T extends object>(dto: Type<T>, payload: unknown): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ValidationError([{ field: 'payload', message: 'payload must be an object' }]);
  }
  return (await pipe.transform(payload, { type: 'body', metatype: dto })) as T;
}
