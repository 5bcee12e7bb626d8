import { useEffect } from 'react';

/** The tab title: what the page is, then Balai. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Balai` : 'Balai';
  }, [title]);
}
