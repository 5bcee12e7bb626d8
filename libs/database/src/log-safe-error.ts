import { DriverException } from '@mikro-orm/core';

/** What a log line keeps of a database error: no value the statement carried, no row the error quoted. */
export interface LoggedDatabaseError {
  type: string;
  /** The SQLSTATE (`23505`, `22P02`, …). */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** The statement with every literal replaced by `?`, and PostgreSQL's message with quoted values replaced too. */
  message: string;
  stack?: string;
}

/** Single-quoted literals (also E'…' and '' escapes) and bare numbers: the values knex wrote into the text. */
const SQL_LITERAL = /[eE]?'(?:[^']|'')*'|\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/g;
/** PostgreSQL quotes the offending value in its message (`invalid input syntax for type uuid: "…"`). */
const QUOTED_VALUE = /"(?:[^"]|"")*"/g;

function isDatabaseError(error: unknown): error is Error & Record<string, unknown> {
  if (error instanceof DriverException) return true;
  // A driver's error before MikroORM converted it (pg, PGlite): a SQLSTATE and a severity.
  const candidate = error as { code?: unknown; severity?: unknown } | null;
  return (
    error instanceof Error &&
    typeof candidate?.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(candidate.code) &&
    typeof candidate.severity === 'string'
  );
}

/**
 * A failed statement's error, made fit for a log: MikroORM's message is the statement with its values
 * written in (an e-mail, an argon2 hash) and the driver's `detail` quotes the row (`Key (email)=(…)`).
 * Keeps the SQLSTATE, the constraint, table and column, the statement without values, and the stack
 * frames (not the message line they start with). Anything else is returned unchanged.
 */
export function logSafeError(error: unknown): unknown {
  if (!isDatabaseError(error)) return error;
  // The first line: MikroORM appends the driver's detail (`Key (email)=(…) already exists`) on the next.
  const message = String(error.message).split('\n')[0] ?? '';
  const split = message.lastIndexOf(' - ');
  const statement = split >= 0 ? message.slice(0, split) : '';
  const reason = split >= 0 ? message.slice(split + 3) : message;
  const safe: LoggedDatabaseError = {
    type: error.name,
    message: [statement.replace(SQL_LITERAL, '?'), reason.replace(QUOTED_VALUE, '"?"')].filter(Boolean).join(' - '),
  };
  const pick = (key: 'code' | 'constraint' | 'table' | 'column') => {
    const value = error[key];
    if (typeof value === 'string') safe[key] = value;
  };
  pick('code');
  pick('constraint');
  pick('table');
  pick('column');
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
  if (frames.length > 0) safe.stack = frames.join('\n');
  return safe;
}
