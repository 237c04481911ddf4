// A value once it has stopped changing for a moment: a form asks the service about what the admin
// typed, not about every key press.
import { useEffect, useState } from 'react';

/** How long a value must stay as it is before it counts as settled. */
export const SETTLE_MS = 400;

/** `key` once it has stayed the same for `ms`; the previous settled key until then. */
export function useSettled(key: string, ms = SETTLE_MS): string {
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(key);
    }, ms);
    return () => {
      clearTimeout(timer);
    };
  }, [key, ms]);
  return settled;
}
