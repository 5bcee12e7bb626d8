/**
 * The kinds of failure a client can act on. The HTTP filter maps each kind to a status,
 * the Socket.IO filter sends the kind itself as the ack's `error.code`.
 */
export type ErrorKind =
  'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'payload_too_large' | 'rate_limited' | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * What every service throws instead of an HttpException. `code` is a stable, machine-readable
 * detail (`email_taken`, `session_ended`), `kind` decides the status.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fieldErrors?: FieldError[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(
      'not_found',
      `${what.toLowerCase().replace(/ /g, '_')}_not_found`,
      id ? `${what} ${id} does not exist` : `${what} does not exist`,
    );
  }
}

export class ValidationError extends DomainError {
  constructor(fieldErrors: FieldError[], message = 'The request has invalid fields') {
    super('validation', 'validation_failed', message, fieldErrors);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden', message = 'You may not do this') {
    super('forbidden', code, message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(code = 'unauthorized', message = 'Sign in first: the token is missing, invalid or expired') {
    super('unauthorized', code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number, message = 'Too many requests: slow down and try again') {
    super('rate_limited', 'rate_limited', message, undefined, retryAfterSeconds);
  }
}
