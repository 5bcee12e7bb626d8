import { HttpException, HttpStatus } from '@nestjs/common';
import { ConnectionException, DriverException } from '@mikro-orm/core';
import { Problem } from '@balai/contracts';
import { DomainError, ErrorKind } from '@balai/errors';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

const TITLE_BY_STATUS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODE_BY_STATUS: Record<number, string> = {
  ...Object.fromEntries(Object.entries(STATUS_BY_KIND).map(([kind, status]) => [status, kind])),
  405: 'method_not_allowed',
  415: 'unsupported_media_type',
};

export function statusOf(kind: ErrorKind): number {
  return STATUS_BY_KIND[kind];
}

export interface ProblemWithHeaders {
  problem: Problem;
  headers: Record<string, string>;
  /** True when the failure is ours, not the client's: it deserves a log line with the stack. */
  unexpected: boolean;
}

function problem(status: number, code: string, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: `/problems/${code}`,
    title: TITLE_BY_STATUS[status] ?? HttpStatus[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function httpExceptionDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Turns anything thrown into a problem document. Unknown errors become a bare 500. */
export function toProblem(exception: unknown): ProblemWithHeaders {
  if (exception instanceof DomainError) {
    const status = statusOf(exception.kind);
    const headers: Record<string, string> = {};
    if (exception.retryAfterSeconds !== undefined) headers['Retry-After'] = String(exception.retryAfterSeconds);
    return { problem: problem(status, exception.code, exception.message, exception.fieldErrors), headers, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request');
    return { problem: problem(status, code, httpExceptionDetail(exception)), headers: {}, unexpected: status >= 500 };
  }
  if (isServiceUnavailable(exception)) {
    return {
      problem: problem(503, 'unavailable', 'The database is unavailable: try again shortly'),
      headers: { 'Retry-After': '5' },
      unexpected: true,
    };
  }
  if (isBadInputForDatabase(exception)) {
    return {
      problem: problem(400, 'validation_failed', 'A value in the request is not valid here', [
        { field: 'request', message: 'a value is out of range or of the wrong form' },
      ]),
      headers: {},
      unexpected: false,
    };
  }
  const detail = exception instanceof DriverException ? 'A database error occurred' : 'An unexpected error occurred';
  return { problem: problem(500, 'internal', detail), headers: {}, unexpected: true };
}

/**
 * The database (or another backing service) is away, whatever form the news takes: MikroORM's
 * ConnectionException, a refused or reset connection, PostgreSQL shutting down (57P0x) or any
 * connection exception (class 08), or the driver finding its pooled connection dead. The first
 * request after the database drops sees the last kind: it is a 503 like the others, never a 500.
 */
export function isServiceUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (/^(57P0[1-3]|08...)$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code))
  ) {
    return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection error|Not connected to database|not queryable|Client was closed|timeout exceeded when trying to connect/i.test(
    message,
  );
}

/**
 * PostgreSQL's class 22 ("data exception": invalid text representation of a uuid or a number, a NUL
 * byte, a value out of range, a string too long) raised by a value the client sent, say a forged
 * cursor: the client's mistake, answered 400 whatever route it reached. The backstop behind the
 * validators, so that no route added later can turn such a value into a 500.
 */
export function isBadInputForDatabase(error: unknown): boolean {
  if (!(error instanceof DriverException)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22');
}
