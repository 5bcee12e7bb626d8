import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@balai/contracts';
import { api } from './api';

type Query = Record<string, string | undefined>;

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

/** A cursor-paginated list (`{items, nextCursor}`); reloads from the start when path or query change. */
export function usePaged<T extends { id: string }>(path: string | null, query: Query = {}): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify([path, query]);
  const latest = useRef(key);

  useEffect(() => {
    latest.current = key;
    if (!path) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    api
      .get<Page<T>>(path, query)
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
    // `key` stands for path and query.
  }, [key, generation]);

  const loadMore = useCallback(() => {
    if (!path || !cursor || loadingMore) return;
    const requestedFor = key;
    setLoadingMore(true);
    api
      .get<Page<T>>(path, { ...query, cursor })
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
