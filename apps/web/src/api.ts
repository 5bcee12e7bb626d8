import type { Problem } from '@balai/contracts';

const TOKEN_KEY = 'balai.token';
const BASE = '/api/v1';
/** Dispatched on window when the server refuses the saved token. */
export const SESSION_ENDED = 'balai:session-ended';

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

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Signing in or up is never done with an old session's token.
  const token = path.startsWith('/auth/') ? null : (tokenStore.get() ?? memoryToken);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(BASE + withQuery(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
    // The saved session is no longer accepted (expired, secret rotated): forget it everywhere.
    tokenStore.set(null);
    memoryToken = null;
    window.dispatchEvent(new Event(SESSION_ENDED));
  }
  if (!response.ok) {
    const problem = parsed && typeof parsed === 'object' && 'status' in parsed ? (parsed as Problem) : undefined;
    throw new ApiError(
      problem ?? { type: 'about:blank', title: response.statusText, status: response.status, detail: '', code: 'http_error' },
    );
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
