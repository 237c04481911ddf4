// The preview table's data: one row per chart, computed once per preview, then filtered and
// selected many times. Pure functions, so a 1,000-chart repository filters in a few
// milliseconds and the logic is tested without a browser.
import type { CategorySource, PreviewChart, RepoPreview } from '../../../api';
import type { AdoptedApp } from '../../../components/Adoption';
import { asText } from '../../../i18n';

/** Where a chart stands against the store. */
export type ChartState =
  /** No store app yet. */
  | 'new'
  /** The app exists and the import would add versions. */
  | 'update'
  /** The app exists and has every version the import would pick. */
  | 'imported';

export interface ChartRow {
  name: string;
  description: string;
  icon?: string;
  latestVersion?: string;
  versionCount: number;
  /** The chart's category before the admin's choices (its annotations, the rules), undefined when none. */
  category?: string;
  /** What decided `category`. */
  categorySource?: CategorySource;
  size?: number;
  overLimit: boolean;
  deprecated: boolean;
  state: ChartState;
  /** Versions the previewed selection would upload. */
  toCreate: number;
  /** Lower-case name, description and category, for the search box. */
  searchText: string;
  /** The app uploaded by hand the chart goes to (Adoption.tsx); absent for the chart's own app. */
  adopts?: AdoptedApp;
}

function stateOf(chart: PreviewChart, toCreate: number): ChartState {
  if (chart.appState === undefined) return 'new';
  return toCreate > 0 ? 'update' : 'imported';
}

export function toRows(preview: RepoPreview): ChartRow[] {
  return preview.charts.map((chart) => {
    const toCreate = chart.versions.filter((v) => v.action === 'create' || v.action === 'resume').length;
    const description = chart.description ?? '';
    return {
      name: chart.name,
      description,
      icon: chart.icon,
      latestVersion: chart.latestVersion ?? chart.versions[0]?.version,
      versionCount: chart.versions.length,
      category: chart.category,
      categorySource: chart.categorySource,
      size: chart.size,
      overLimit: chart.overLimit === true,
      deprecated: chart.deprecated,
      state: stateOf(chart, toCreate),
      toCreate,
      searchText: `${chart.name}\n${description}\n${chart.category ?? ''}`.toLowerCase(),
      ...(chart.adoption ? { adopts: { app: chart.app, how: chart.adoption } } : {}),
    };
  });
}

export type StateFilter = 'all' | 'new' | 'inStore' | 'tooLarge';

export interface RowFilter {
  search: string;
  state: StateFilter;
  /** '' for every category; UNCATEGORIZED_FILTER for charts that name none. */
  category: string;
  showDeprecated: boolean;
}

export const UNCATEGORIZED_FILTER = '\u0000none';

export const DEFAULT_FILTER: RowFilter = { search: '', state: 'all', category: '', showDeprecated: false };

function matchesState(row: ChartRow, state: StateFilter): boolean {
  switch (state) {
    case 'all':
      return true;
    case 'new':
      return row.state === 'new';
    case 'inStore':
      return row.state !== 'new';
    case 'tooLarge':
      return row.overLimit;
  }
}

/** The rows the table shows; every word of the search must appear (in any order). */
export function filterRows(rows: readonly ChartRow[], filter: RowFilter): ChartRow[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (row) =>
      (filter.showDeprecated || !row.deprecated) &&
      matchesState(row, filter.state) &&
      (filter.category === '' ||
        (filter.category === UNCATEGORIZED_FILTER
          ? row.category === undefined
          : row.category === filter.category)) &&
      words.every((word) => row.searchText.includes(word)),
  );
}

/** The preview table's sortable columns. */
export type SortKey = 'name' | 'versions' | 'toCreate' | 'category' | 'size';

export type SortOrder = 'asc' | 'desc';

/** Undefined: the repository's order. */
export interface RowSort {
  key: SortKey;
  order: SortOrder;
}

/** A row's value for a sort key; undefined (no category, unknown size) sorts last either way. */
function sortValue(row: ChartRow, key: SortKey): string | number | undefined {
  switch (key) {
    case 'name':
      return row.name;
    case 'versions':
      return row.versionCount;
    case 'toCreate':
      return row.toCreate;
    case 'category':
      return row.category;
    case 'size':
      return row.size;
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** The rows in `sort`'s order; ties keep the chart name's order. */
export function sortRows(rows: readonly ChartRow[], sort: RowSort | undefined): readonly ChartRow[] {
  if (sort === undefined) return rows;
  const sign = sort.order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
    } else {
      const order = compareValues(x, y);
      if (order !== 0) return sign * order;
    }
    return compareValues(a.name, b.name);
  });
}

/** A click on a column's header: ascending first, then descending, then ascending again. */
export function nextSort(sort: RowSort | undefined, key: SortKey): RowSort {
  return sort?.key === key && sort.order === 'asc' ? { key, order: 'desc' } : { key, order: 'asc' };
}

/** The categories charts name, sorted, for the filter. */
export function categoriesOf(rows: readonly ChartRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) if (row.category !== undefined) names.add(row.category);
  return [...names].sort((a, b) => a.localeCompare(b));
}

export type SelectionState = 'none' | 'some' | 'all';

/** How many of `rows` are selected: drives the header checkbox (checked, indeterminate). */
export function selectionState(selected: ReadonlySet<string>, rows: readonly ChartRow[]): SelectionState {
  let count = 0;
  for (const row of rows) if (selected.has(row.name)) count += 1;
  if (count === 0) return 'none';
  return count === rows.length ? 'all' : 'some';
}

/** Selects or clears `rows` (the filtered ones), leaving the other selected charts as they are. */
export function setRowsSelected(
  selected: ReadonlySet<string>,
  rows: readonly ChartRow[],
  on: boolean,
): Set<string> {
  const next = new Set(selected);
  for (const row of rows) {
    if (on) next.add(row.name);
    else next.delete(row.name);
  }
  return next;
}

export function toggle(selected: ReadonlySet<string>, name: string): Set<string> {
  const next = new Set(selected);
  if (!next.delete(name)) next.add(name);
  return next;
}

/** What is selected at first: every chart the engine would import by default (not deprecated). */
export function defaultSelection(rows: readonly ChartRow[]): Set<string> {
  return new Set(rows.filter((row) => !row.deprecated).map((row) => row.name));
}

/** The API takes at most this many chart names (OpenAPI `Charts`). */
export const MAX_CHART_NAMES = 1000;

/**
 * The `charts` of a request: undefined when the selection is what the engine takes without a list
 * (every chart, or every chart but the deprecated ones when those are left out), which also keeps
 * big repositories under the API's limit of chart names.
 */
export function chartsForRequest(
  selected: ReadonlySet<string>,
  rows: readonly ChartRow[],
  includeDeprecated: boolean,
): string[] | undefined {
  const wanted = rows.filter((row) => selected.has(row.name));
  const whole = rows.filter((row) => includeDeprecated || !row.deprecated);
  if (wanted.length === whole.length && whole.every((row) => selected.has(row.name))) return undefined;
  return wanted.map((row) => row.name);
}

export interface Totals {
  charts: number;
  versions: number;
  inStore: number;
  newCharts: number;
  tooLarge: number;
  deprecated: number;
}

export function totalsOf(rows: readonly ChartRow[], preview: RepoPreview): Totals {
  return {
    charts: preview.totals.charts,
    versions: preview.totals.versions,
    inStore: rows.filter((row) => row.state !== 'new').length,
    newCharts: rows.filter((row) => row.state === 'new').length,
    tooLarge: rows.filter((row) => row.overLimit).length,
    deprecated: rows.filter((row) => row.deprecated).length,
  };
}

/** Why the selection cannot be sent, localized; undefined when it can. */
export function selectionProblem(
  selected: ReadonlySet<string>,
  rows: readonly ChartRow[],
  includeDeprecated: boolean,
): string | undefined {
  const charts = chartsForRequest(selected, rows, includeDeprecated);
  if (charts === undefined) return undefined;
  if (charts.length === 0) return t('WIZARD_SELECT_SOME');
  if (charts.length > MAX_CHART_NAMES) return t('WIZARD_SELECT_TOO_MANY', asText({ max: MAX_CHART_NAMES }));
  return undefined;
}

/** Drops the deprecated charts from a selection (when they are hidden or left out). */
export function withoutDeprecated(selected: ReadonlySet<string>, rows: readonly ChartRow[]): Set<string> {
  return setRowsSelected(
    selected,
    rows.filter((row) => row.deprecated),
    false,
  );
}
