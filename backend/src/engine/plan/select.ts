// Which chart versions of a repository to import. Pure.
import { say, type Message } from '../messages/index.js';
import type { ChartVersionRef, RepoIndex } from '../repo/types.js';
import { isPrerelease } from '../version.js';
import type { Selection } from './types.js';

export interface SelectedChart {
  chart: string;
  /** Oldest first. */
  versions: ChartVersionRef[];
}

export interface SelectionResult {
  charts: SelectedChart[];
  missingCharts: string[];
  warnings: Message[];
}

function isStable(ref: ChartVersionRef): boolean {
  return !isPrerelease(ref.version);
}

/**
 * Picks versions per chart. `latest` and `newest N` take stable versions only; `all` takes every
 * version. Deprecated versions are left out unless asked for; a chart whose newest version is
 * deprecated is deprecated as a whole (Helm's rule) and skipped with a warning.
 */
export function selectVersions(index: RepoIndex, selection: Selection): SelectionResult {
  const wanted = selection.charts ? new Set(selection.charts) : undefined;
  const missingCharts = selection.charts?.filter((name) => !index.entries.has(name)) ?? [];
  const warnings: Message[] = [];
  const charts: SelectedChart[] = [];

  for (const [chart, refs] of index.entries) {
    if (wanted && !wanted.has(chart)) continue;
    if (refs.length === 0) continue;
    if (!selection.includeDeprecated && refs[0]?.deprecated) {
      // Worded for every front end: the CLI's --include-deprecated, the console's deprecated switch.
      warnings.push(say('chart-deprecated', { chart }));
      continue;
    }
    const candidates = refs.filter((ref) => selection.includeDeprecated || !ref.deprecated);
    let picked: ChartVersionRef[];
    switch (selection.versions.kind) {
      case 'all':
        picked = candidates;
        break;
      case 'latest':
        picked = candidates.filter(isStable).slice(0, 1);
        break;
      case 'newest':
        picked = candidates.filter(isStable).slice(0, selection.versions.count);
        break;
    }
    if (picked.length === 0) {
      warnings.push(say('chart-no-stable-version', { chart }));
      continue;
    }
    charts.push({ chart, versions: [...picked].reverse() });
  }
  return { charts, missingCharts, warnings };
}
