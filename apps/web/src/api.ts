import type { HttpRoute, HttpRoutes, Problem } from '@balai/contracts';

const TOKEN_KEY = 'balai.token';
const BASE = '/api/v1';
/** Dispatched on window when the server refuses the saved token; `detail.code` says why (`token_revoked`, …). */
export const SESSION_ENDED = 'balai:session-ended';

export type SessionEndedEvent = CustomEvent<{ code: string | undefined }>;

/** A failed call: the server's problem details, or a stand-in when the network or the body failed. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /** Field name → messages, from the problem's `errors[]`. */
  fieldErrors(): Record<string, string[]> {
    const byField: Record<string, string[]> = {};
    for (const error of this.problem.errors ?? []) (byField[error.field] ??= []).push(error.message);
    return byField;
  }
}

export const tokenStore = {
  get(): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage is unavailable (private mode): the session lasts until the tab closes.
      memoryToken = token;
    }
  },
};
let memoryToken: string | null = null;

/**
 * The server refused `token` (over HTTP or Socket.IO), `code` saying why: when it is still the saved
 * token, forget it and tell the app. A late refusal of an older token (signed out or in since) changes nothing.
 */
export function endLocalSession(token: string, code: string | undefined): void {
  if (token !== (tokenStore.get() ?? memoryToken)) return;
  tokenStore.set(null);
  memoryToken = null;
  window.dispatchEvent(new CustomEvent(SESSION_ENDED, { detail: { code } }));
}

/** The path of a route: `'GET /threads/:id'` → `'/threads/:id'`. */
type PathOf<R extends HttpRoute> = R extends `${string} ${infer Path}` ? Path : never;

/** `'/threads/:id/posts'` → `{ id: string }`. */
type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : unknown;

/** What a call of `route` passes: its path parameters, its body, its query, each when the route has one. */
export type RouteOptions<R extends HttpRoute> = (PathOf<R> extends `${string}:${string}`
  ? { params: PathParams<PathOf<R>> }
  : { params?: never }) &
  (HttpRoutes[R] extends { body: infer Body } ? { body: Body } : { body?: never }) &
  (HttpRoutes[R] extends { query: infer Query } ? { query?: Query } : { query?: never });

export type ResponseOf<R extends HttpRoute> = HttpRoutes[R]['response'];

/** The options argument, optional when the route needs none. */
type OptionsArgument<R extends HttpRoute> = object extends RouteOptions<R> ? [options?: RouteOptions<R>] : [options: RouteOptions<R>];

interface AnyOptions {
  params?: Record<string, string>;
  body?: unknown;
  query?: object;
}

function urlOf(path: string, query?: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls one route of the API, typed by `HttpRoutes` of `@balai/contracts`:
 * `api('GET /threads/:id', { params: { id } })` resolves to a `ThreadView`.
 */
export function api<R extends HttpRoute>(route: R, ...[options]: OptionsArgument<R>): Promise<ResponseOf<R>> {
  const { params = {}, body, query } = (options ?? {}) as AnyOptions;
  const [method, pattern] = route.split(' ');
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name]));
  // Writes always carry a JSON body, `{}` when the route takes none.
  const sent = body ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
  return request(method, path, sent, query) as Promise<ResponseOf<R>>;
}

async function request(method: string, path: string, body: unknown, query?: object): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Signing in or up is never done with an old session's token; signing out is done with it.
  const token = path.startsWith('/auth/') && path !== '/auth/logout' ? null : (tokenStore.get() ?? memoryToken);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(BASE + urlOf(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: '', code: 'network_error' });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (response.status === 401 && token) {
    // The saved session is no longer accepted (ended, expired, secret rotated): forget it everywhere.
    endLocalSession(token, parsed && typeof parsed === 'object' && 'code' in parsed ? String(parsed.code) : undefined);
  }
  if (!response.ok) {
    const problem = parsed && typeof parsed === 'object' && 'status' in parsed ? (parsed as Problem) : undefined;
    throw new ApiError(
      problem ?? { type: 'about:blank', title: response.statusText, status: response.status, detail: '', code: 'http_error' },
    );
  }
  return parsed;
}
