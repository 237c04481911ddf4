// Times and durations as the job page, the history and the syncs show them. The console shows
// local times as `YYYY-MM-DD HH:mm:ss`; no date library is bundled for that.

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `2026-01-31 14:05:09` in the browser's time zone; '-' when absent or not a date. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** Whole seconds from `start` to `end` (or to `now` while running); undefined without a start. */
export function durationSeconds(
  start: string | undefined,
  end: string | undefined,
  now = Date.now(),
): number | undefined {
  if (!start) return undefined;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now;
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  return Math.max(0, Math.round((to - from) / 1000));
}

/** `45s`, `3m 05s`, `2h 07m`: the units are the same in both languages. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}
