import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';

export interface QueryState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
}

/**
 * Loads a view from the backend, once on mount, or, with `refreshOnShow`, every time the page is shown
 * (Taro fires the first show after the page has mounted; later shows are returns from editing the profile
 * or registering). Data already on screen stays while a reload runs.
 */
export function useCloudQuery<T>(load: () => Promise<T>, options: { refreshOnShow?: boolean } = {}) {
  const [state, setState] = useState<QueryState<T>>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const refreshOnShow = options.refreshOnShow === true;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await loadRef.current();
      if (mine === seq.current) setState({ data, loading: false });
    } catch (error) {
      if (mine === seq.current) setState({ error, loading: false });
    }
  }, []);

  useEffect(() => {
    if (!refreshOnShow) void reload();
  }, [reload, refreshOnShow]);

  useDidShow(() => {
    if (refreshOnShow) void reload();
  });

  return { ...state, reload };
}
