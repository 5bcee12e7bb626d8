import { useEffect, useReducer, useRef } from 'react';

interface Settled {
  key: string;
  ids: string[];
  at: number;
}

/**
 * A ranked list's order, moved at most every `intervalMs` when only the ranking changed (counts in
 * an upvote storm), and at once when items arrive or leave or `key` (the sort) changes: a question
 * does not jump away from a thumb about to tap it, and the page moves its rows a few times a minute
 * instead of on every count batch. The counts themselves still change at once, in place.
 */
export function useSettledOrder<T extends { id: string }>(sorted: readonly T[], key: string, intervalMs = 4_000): T[] {
  const settled = useRef<Settled | null>(null);
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const ids = sorted.map((item) => item.id);
  const now = Date.now();
  let current = settled.current;
  const sameItems = (order: Settled) => {
    if (order.key !== key || order.ids.length !== ids.length) return false;
    const known = new Set(order.ids);
    return ids.every((id) => known.has(id));
  };
  if (!current || !sameItems(current) || now - current.at >= intervalMs) {
    current = { key, ids, at: now };
    settled.current = current;
  }
  const behind = current.ids.some((id, i) => id !== ids[i]);
  const due = current.at + intervalMs;
  useEffect(() => {
    if (!behind) return;
    const timer = window.setTimeout(refresh, Math.max(0, due - Date.now()));
    return () => window.clearTimeout(timer);
  }, [behind, due]);
  const byId = new Map(sorted.map((item) => [item.id, item]));
  return current.ids.map((id) => byId.get(id)!);
}
