import { useCallback, useState } from 'react';

/**
 * A page's filter values, kept in the address (so a link reproduces the view): `draft` is what the
 * form shows, `applied` what was last asked of the API.
 */
export function useQueryState<K extends string>(keys: readonly K[], defaults: Record<K, string>) {
  const read = (): Record<K, string> => {
    const q = new URLSearchParams(location.search);
    return Object.fromEntries(keys.map((k) => [k, q.get(k) ?? defaults[k]])) as Record<K, string>;
  };
  const [applied, setApplied] = useState(read);
  const [draft, setDraft] = useState(applied);
  const apply = useCallback(() => {
    const q = new URLSearchParams();
    for (const k of keys) if (draft[k]) q.set(k, draft[k]);
    history.replaceState(null, '', `${location.pathname}?${q.toString()}`);
    setApplied({ ...draft });
  }, [draft, keys]);
  const set = (k: K, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  return { draft, applied, set, apply };
}
