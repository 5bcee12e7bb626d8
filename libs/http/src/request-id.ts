import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A proxy's X-Request-Id when it is sane (it ties our log lines to the proxy's), else a new UUID. */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The id the HTTP server gave this request (the framework request or the raw Node one). */
export function requestIdOf(request: { id?: unknown; raw?: { id?: unknown } }): string {
  const id = request.id ?? request.raw?.id;
  return typeof id === 'string' ? id : '';
}
