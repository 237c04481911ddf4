// Loads data for a component: loading, data and error states, a reload, and an abort when the
// inputs change or the component goes away (so a late answer never lands in a newer state).
import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface RequestState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change (and on reload); nothing runs while `enabled` is false. */
export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  enabled = true,
): RequestState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: enabled });
  const [round, setRound] = useState(0);
  // React's DependencyList is `any[]`; only identity matters here.
  const inputs: readonly unknown[] = deps;
  const reload = useCallback(() => {
    setRound((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => {
      controller.abort();
    };
    // `load` is a new function every render; `deps` say when it means something new.
  }, [...inputs, enabled, round]);

  return { ...state, reload };
}
