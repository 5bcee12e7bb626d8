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
  if (exception instanceof ConnectionException || isConnectionRefused(exception)) {
    return {
      problem: problem(503, 'unavailable', 'The database is unavailable: try again shortly'),
      headers: { 'Retry-After': '5' },
      unexpected: true,
    };
  }
  const detail = exception instanceof DriverException ? 'A database error occurred' : 'An unexpected error occurred';
  return { problem: problem(500, 'internal', detail), headers: {}, unexpected: true };
}

function isConnectionRefused(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === '57P01' || code === '57P03';
}
