// A sync's chart names, checked against its repository when the sync is saved: a name the index
// does not have would import nothing at every run, silently. The index is read with the engine's
// repository client, as a preview reads it; the names it lacks come back with the nearest ones.
import { distance } from 'fastest-levenshtein';

import type { ChartRepository } from '../../engine/index.js';
import type { UnknownChart } from '../../contract/index.js';
import { UnknownChartsError } from '../errors.js';

/** At most this many suggestions per unknown name. */
const MAX_NEAREST = 3;

/**
 * Refuses (UnknownChartsError) names the repository's index does not list. The repository's own
 * failures (unreadable, refused...) pass through as they are: the caller is there to fix them.
 */
export async function checkChartNames(
  repo: ChartRepository,
  charts: readonly string[],
  signal?: AbortSignal,
): Promise<void> {
  if (charts.length === 0) return;
  const index = await repo.loadIndex(signal);
  const known = [...index.entries.keys()];
  const unknown = unknownCharts(charts, known);
  if (unknown.length === 0) return;
  const named = unknown
    .map(({ name, nearest }) => (nearest.length > 0 ? `${name} (did you mean ${nearest.join(', ')}?)` : name))
    .join('; ');
  throw new UnknownChartsError(
    `body.charts names charts the repository does not have: ${named}. Fix or remove them`,
    unknown,
  );
}

/** The names not in `known`, each with the known names nearest to it (by edit distance). */
export function unknownCharts(charts: readonly string[], known: readonly string[]): UnknownChart[] {
  const have = new Set(known);
  return charts.filter((name) => !have.has(name)).map((name) => ({ name, nearest: nearest(name, known) }));
}

/** Known names close enough to be a typo of `name`: a third of its length in edits, at least 2. */
function nearest(name: string, known: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  return known
    .map((candidate) => ({ candidate, edits: distance(lower, candidate.toLowerCase()) }))
    .filter(({ edits }) => edits <= limit)
    .sort((a, b) => a.edits - b.edits || a.candidate.localeCompare(b.candidate))
    .slice(0, MAX_NEAREST)
    .map(({ candidate }) => candidate);
}
