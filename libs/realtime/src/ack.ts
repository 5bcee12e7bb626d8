import { ConnectionException } from '@mikro-orm/core';
import type { Ack, LiveErrorCode } from '@balai/contracts';
import { DomainError } from '@balai/errors';

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

function isUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === '57P01' || code === '57P03' || code === 'ECONNRESET';
}

/**
 * Maps anything thrown to an error ack. `expected` is false for failures that are ours (a bug,
 * the database down): those deserve a log line; the client only ever sees a code and a message.
 */
export function toErrorAck(error: unknown): { ack: Ack<never>; expected: boolean } {
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
  if (isUnavailable(error)) {
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
