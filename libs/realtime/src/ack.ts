import type { Ack, LiveErrorCode } from '@balai/contracts';
import { DomainError, ValidationError } from '@balai/errors';
import { isBadInputForDatabase, isServiceUnavailable } from '@balai/http';

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

/**
 * Maps anything thrown to an error ack. `expected` is false for failures that are ours (a bug,
 * the database down): those deserve a log line; the client only ever sees a code and a message.
 */
export function toErrorAck(failure: unknown): { ack: Ack<never>; expected: boolean } {
  const error = isBadInputForDatabase(failure)
    ? new ValidationError(
        [{ field: 'payload', message: 'a value is out of range or of the wrong form' }],
        'A value in the message is not valid here',
      )
    : failure;
  if (error instanceof DomainError) {
    const code: LiveErrorCode = error.kind === 'payload_too_large' ? 'validation' : error.kind;
    return {
      ack: {
        ok: false,
        error: {
          code,
          message: error.message,
          detail: error.code,
          ...(error.fieldErrors && error.fieldErrors.length > 0 ? { fields: error.fieldErrors } : {}),
        },
      },
      expected: true,
    };
  }
  if (isServiceUnavailable(error)) {
    return {
      ack: { ok: false, error: { code: 'unavailable', message: 'The service is unavailable: try again shortly' } },
      expected: false,
    };
  }
  return {
    ack: { ok: false, error: { code: 'unavailable', message: 'An unexpected error occurred: try again', detail: 'internal' } },
    expected: false,
  };
}
