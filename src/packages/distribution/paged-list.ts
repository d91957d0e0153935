import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A newest-first list loaded page by page with the server's cursor (`next`): the first page on mount (and again
 * when `load` changes), more on demand. Loading, error and the end of the list are part of the state.
 */
export function usePagedList<T>(load: (after?: string) => Promise<{ items: T[]; next: string | null }>) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const seq = useRef(0);

  const fetchPage = useCallback(
    async (after?: string) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await load(after);
        if (mine !== seq.current) return;
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setNext(page.next);
      } catch (e) {
        if (mine === seq.current) setError(e);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [load],
  );

  useEffect(() => {
    void fetchPage();
  }, [fetchPage]);

  return {
    items,
    loading,
    error,
    hasMore: next !== null,
    reload: () => fetchPage(),
    more: () => (next ? fetchPage(next) : Promise.resolve()),
  };
}
