import { useEffect, useState } from 'react';

/** The current time, renewed every `intervalMs` while `ticking`: running durations count up. */
export function useNow(ticking: boolean, intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [ticking, intervalMs]);
  return now;
}
