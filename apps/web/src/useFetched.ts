import { useEffect, useState } from 'react';
import type { HttpRoute } from '@balai/contracts';
import { api, ResponseOf, RouteOptions } from './api';

export interface Fetched<T> {
  /** The last answer; it stays while a changed request loads, so compare its id with the page's. */
  data: T | null;
  setData(update: (data: T | null) => T | null): void;
  error: unknown;
  retry(): void;
}

/**
 * One resource of `route`, loaded again when the options change (or `also`, such as who is signed
 * in). Null options: nothing to load yet.
 */
export function useFetched<R extends HttpRoute>(route: R, options: RouteOptions<R> | null, also?: unknown): Fetched<ResponseOf<R>> {
  const [data, setData] = useState<ResponseOf<R> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify([route, options, also]);

  useEffect(() => {
    if (!options) return;
    let cancelled = false;
    setError(null);
    (api as (route: R, options: RouteOptions<R>) => Promise<ResponseOf<R>>)(route, options)
      .then((found) => !cancelled && setData(found))
      .catch((failure: unknown) => !cancelled && setError(failure));
    return () => {
      cancelled = true;
    };
    // `key` stands for the route, its options and `also`.
  }, [key, attempt]);

  return { data, setData, error, retry: () => setAttempt((n) => n + 1) };
}
