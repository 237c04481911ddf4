// The store versions the repository no longer lists, after a prune or in its preview: each with
// what happens to it (removed, kept, would be removed) and why, in the user's language.
import type { JobStatus } from '../api';
import { asText } from '../i18n';
import { messageText } from './messages';

export type PrunedEntry = NonNullable<JobStatus['pruned']>[number];

function statusText(status: PrunedEntry['status']): string {
  switch (status) {
    case 'removed':
      return t('PRUNE_STATUS_REMOVED');
    case 'kept':
      return t('PRUNE_STATUS_KEPT');
    case 'planned':
      return t('PRUNE_STATUS_PLANNED');
  }
}

/** Why: the first message (the service sends one), else the English text it kept. */
function reasonText(entry: PrunedEntry): string {
  const first = entry.reasons?.[0];
  return first === undefined ? entry.reason : messageText(first);
}

export function PrunedList({ entries }: { entries: readonly PrunedEntry[] }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 18, listStyle: 'disc' }} data-testid="pruned-list">
      {entries.map((entry) => (
        <li key={`${entry.chart}\n${entry.version}`} data-testid={`pruned-${entry.status}`}>
          <strong>{t('PRUNE_ENTRY', asText({ chart: entry.chart, version: entry.version }))}</strong>
          {` · ${statusText(entry.status)} · ${reasonText(entry)}`}
        </li>
      ))}
    </ul>
  );
}

/** How many entries a prune removes (or would), and how many it keeps. */
export function prunedCounts(entries: readonly PrunedEntry[]): { removed: number; kept: number } {
  const kept = entries.filter((entry) => entry.status === 'kept').length;
  return { removed: entries.length - kept, kept };
}
