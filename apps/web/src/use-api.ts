import { useEffect, useState } from 'react';
import { apiGet, Query } from './api';
import { useSession } from './session';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
}

/** GET through the gateway with the user's token, again whenever the path or query changes. */
export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const { token } = useSession();
  const [state, setState] = useState<Loaded<T>>({ loading: !!path });
  const key = JSON.stringify([path, query]);
  useEffect(() => {
    if (!path) return setState({ loading: false });
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    apiGet<T>(token, path, query).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, token]);
  return state;
}
