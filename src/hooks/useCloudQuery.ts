import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';

export interface QueryState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
}

/**
 * Loads a view from the backend on mount and, with `refreshOnShow`, again every time the page is shown again
 * (a return from another page: the view may be stale after an action there). A show that arrives while a load
 * is in flight (the page's first show, right after mount) starts nothing new. Components mounted later than
 * the page (behind a gate) load on mount too. Data already on screen stays while a reload runs.
 */
export function useCloudQuery<T>(load: () => Promise<T>, options: { refreshOnShow?: boolean } = {}) {
  const [state, setState] = useState<QueryState<T>>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const refreshOnShow = options.refreshOnShow === true;

  const inFlight = useRef(false);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    inFlight.current = true;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loadRef.current();
      if (mine === seq.current) setState({ data, loading: false });
    } catch (error) {
      if (mine === seq.current) setState({ error, loading: false });
    } finally {
      if (mine === seq.current) inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useDidShow(() => {
    // Before the mount effect has run (the page's first show) or while a load runs: that load is fresh enough.
    if (refreshOnShow && seq.current > 0 && !inFlight.current) void reload();
  });

  return { ...state, reload };
}
