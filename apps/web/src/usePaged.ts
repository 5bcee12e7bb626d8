import { useCallback, useEffect, useRef, useState } from 'react';
import type { HttpRoute, HttpRoutes, Page, PageRequest } from '@balai/contracts';
import { api, ResponseOf, RouteOptions } from './api';

/** The routes that answer a cursor-paginated list. */
export type PagedRoute = {
  [R in HttpRoute]: HttpRoutes[R] extends { query: PageRequest; response: Page<{ id: string }> } ? R : never;
}[HttpRoute];

type ItemOf<R extends PagedRoute> = ResponseOf<R> extends Page<infer T extends { id: string }> ? T : never;

export interface Paged<T> {
  items: T[];
  /** First page loading (or reloading after the query changed). */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Local edits: a new thread at the top, a new post at the end, an updated count. */
  setItems(update: (items: T[]) => T[]): void;
}

/**
 * A cursor-paginated list (`{items, nextCursor}`) of `route`; reloads from the start when the
 * options (path parameters, query) change. Null options: nothing to load yet.
 */
export function usePaged<R extends PagedRoute>(route: R, options: RouteOptions<R> | null): Paged<ItemOf<R>> {
  type T = ItemOf<R>;
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify([route, options]);
  // One untyped call for every paged route: each answers a Page of its items.
  const fetchPage = (after?: string) =>
    (api as (route: HttpRoute, options: object) => Promise<Page<T>>)(route, {
      ...options,
      query: { ...(options as { query?: object } | null)?.query, cursor: after },
    });
  const latest = useRef(key);

  useEffect(() => {
    latest.current = key;
    if (!options) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    fetchPage()
      .then((page) => {
        if (cancelled) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
    // `key` stands for the route and its options.
  }, [key, generation]);

  const loadMore = useCallback(() => {
    if (!options || !cursor || loadingMore) return;
    const requestedFor = key;
    setLoadingMore(true);
    fetchPage(cursor)
      .then((page) => {
        if (latest.current !== requestedFor) return;
        setItems((current) => {
          // Something added locally (a reply) may come again on a later page.
          const seen = new Set(current.map((item) => item.id));
          return [...current, ...page.items.filter((item) => !seen.has(item.id))];
        });
        setCursor(page.nextCursor);
      })
      .catch((failure: unknown) => {
        if (latest.current === requestedFor) setError(failure);
      })
      .finally(() => setLoadingMore(false));
  }, [key, cursor, loadingMore]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { items, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload, setItems };
}
