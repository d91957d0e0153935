import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';

interface Paged<T> {
  items: T[];
  next: string | null;
}

/**
 * A cursor-paged list: the first page on mount and on every return to the page (after composing, after a
 * moderator's decision), more pages on request. A newer load wins over an older one still in flight.
 */
export function usePages<T>(load: (cursor: string | null) => Promise<Paged<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback(async (cursor: string | null) => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const page = await loadRef.current(cursor);
      if (mine !== seq.current) return;
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.next);
      setError(undefined);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  const reload = useCallback(() => fetchPage(null), [fetchPage]);
  const first = useRef(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void reload(), deps);
  useDidShow(() => {
    if (first.current) first.current = false;
    else void reload();
  });

  return { items, next, loading, error, reload, more: () => next && fetchPage(next) };
}
