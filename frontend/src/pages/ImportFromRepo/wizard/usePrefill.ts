import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PREFILL_KEYS, readPrefill, type WizardPrefill } from './prefill';

/**
 * The prefill the wizard's address carries, read once when the wizard opens; then the query is
 * removed (replacing the history entry). The wizard keeps its state in memory only (credentials
 * cannot be kept anywhere else), so a reload starts a fresh wizard as it always does, instead of
 * putting a past job's settings back over what the user changed since. Nothing in the wizard
 * links to itself with a query, so reading it once at mount is enough.
 */
export function usePrefill(): WizardPrefill {
  const [search, setSearch] = useSearchParams();
  const [prefill] = useState(() => readPrefill(search));
  const carried = PREFILL_KEYS.some((key) => search.has(key));

  useEffect(() => {
    if (!carried) return;
    const rest = new URLSearchParams(search);
    for (const key of PREFILL_KEYS) rest.delete(key);
    setSearch(rest, { replace: true });
  }, [carried, search, setSearch]);

  return prefill;
}
