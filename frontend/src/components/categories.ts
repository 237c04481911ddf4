// Category mapping: which store category each selected chart goes to. The default is the chart's
// own (its annotation); only the charts the admin changed are sent. Shared by the wizard and the
// sync form.
import type { CategoryMapping, CategorySource } from '../api';

/** A chart as the mapping needs it: its name and its own category (undefined: it names none). */
export interface CategoryRow {
  name: string;
  category?: string;
  /** What decided `category` (an annotation, a rule), when known. */
  categorySource?: CategorySource;
}

/** KubeSphere's category for charts that name none. */
export const UNCATEGORIZED = 'kubesphere-app-uncategorized';

/** The category a chart goes to with these overrides: the override, else its own, else uncategorized. */
export function effectiveCategory(row: CategoryRow, overrides: Readonly<Record<string, string>>): string {
  const override = overrides[row.name]?.trim();
  return override !== undefined && override !== '' ? override : (row.category ?? UNCATEGORIZED);
}

/** Does the chart go to another category than its own (an override that changes something)? */
export function isRecategorized(row: CategoryRow, overrides: Readonly<Record<string, string>>): boolean {
  return effectiveCategory(row, overrides) !== (row.category ?? UNCATEGORIZED);
}

/** The `categories` of a request: selected charts whose category differs from their own; undefined when none. */
export function categoryMapping(
  overrides: Readonly<Record<string, string>>,
  rows: readonly CategoryRow[],
  selected: ReadonlySet<string>,
): CategoryMapping | undefined {
  const mapping: CategoryMapping = {};
  for (const row of rows) {
    if (!selected.has(row.name)) continue;
    if (isRecategorized(row, overrides)) mapping[row.name] = effectiveCategory(row, overrides);
  }
  return Object.keys(mapping).length === 0 ? undefined : mapping;
}

/** Sets one category for every chart in `names` (the bulk action). */
export function setCategory(
  overrides: Readonly<Record<string, string>>,
  names: Iterable<string>,
  category: string,
): Record<string, string> {
  const next = { ...overrides };
  for (const name of names) next[name] = category;
  return next;
}
