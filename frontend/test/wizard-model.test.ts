import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../src/components/format';
import type { PreviewChart, PreviewVersion } from '../src/api';
import {
  categoriesOf,
  chartsForRequest,
  DEFAULT_FILTER,
  defaultSelection,
  filterRows,
  MAX_CHART_NAMES,
  nextSort,
  selectionProblem,
  selectionState,
  setRowsSelected,
  sortRows,
  toggle,
  toRows,
  totalsOf,
  UNCATEGORIZED_FILTER,
  withoutDeprecated,
  type ChartRow,
} from '../src/pages/ImportFromRepo/wizard/model';
import { previewOf } from './support/preview';
import { stubTranslate } from './support/translate';

beforeAll(() => {
  stubTranslate();
});

const version = (v: string, patch: Partial<PreviewVersion> = {}): PreviewVersion => ({
  version: v,
  deprecated: false,
  prerelease: false,
  action: 'skip',
  ...patch,
});

const chart = (name: string, patch: Partial<PreviewChart> = {}): PreviewChart => ({
  name,
  app: `${name}-abcde`,
  categorySource: { kind: 'none' },
  deprecated: false,
  versions: [version('1.0.0', { action: 'create' })],
  ...patch,
});

const preview = previewOf([
  chart('nginx', {
    description: 'Web server and reverse proxy',
    category: 'Networking',
    latestVersion: '2.0.0',
    size: 4096,
    versions: [
      version('2.1.0-rc.1', { prerelease: true }),
      version('2.0.0', { action: 'create' }),
      version('1.0.0'),
    ],
  }),
  chart('redis', {
    description: 'Key-value store',
    category: 'Database',
    appState: 'active',
    versions: [version('7.0.0', { action: 'exists', storeState: 'active' })],
  }),
  chart('postgres', {
    description: 'SQL database',
    category: 'Database',
    appState: 'active',
    overLimit: true,
    size: 3 * 1024 * 1024,
    versions: [version('16.0.0', { action: 'create' }), version('15.0.0', { action: 'exists' })],
  }),
  chart('old-thing', { deprecated: true, versions: [version('0.1.0', { deprecated: true })] }),
]);
const rows = toRows(preview);
const byName = (name: string): ChartRow => {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(name);
  return row;
};
const names = (list: readonly ChartRow[]) => list.map((row) => row.name);

describe('toRows', () => {
  it('computes each row once: latest version, counts, state, size', () => {
    expect(byName('nginx')).toMatchObject({
      latestVersion: '2.0.0',
      versionCount: 3,
      category: 'Networking',
      size: 4096,
      overLimit: false,
      state: 'new',
      toCreate: 1,
    });
    expect(byName('redis')).toMatchObject({ state: 'imported', toCreate: 0, size: undefined });
    expect(byName('postgres')).toMatchObject({ state: 'update', overLimit: true, toCreate: 1 });
    // No stable latest: the newest version stands in.
    expect(byName('old-thing')).toMatchObject({
      latestVersion: '0.1.0',
      deprecated: true,
      category: undefined,
    });
  });

  it('counts the totals of the header', () => {
    expect(totalsOf(rows, preview)).toEqual({
      charts: 4,
      versions: 7,
      inStore: 2,
      newCharts: 2,
      tooLarge: 1,
      deprecated: 1,
    });
  });
});

describe('filterRows', () => {
  it('hides deprecated charts unless asked', () => {
    expect(names(filterRows(rows, DEFAULT_FILTER))).toEqual(['nginx', 'redis', 'postgres']);
    expect(names(filterRows(rows, { ...DEFAULT_FILTER, showDeprecated: true }))).toHaveLength(4);
  });

  it('searches name, description and category, every word, any case', () => {
    expect(names(filterRows(rows, { ...DEFAULT_FILTER, search: 'DATABASE' }))).toEqual(['redis', 'postgres']);
    expect(names(filterRows(rows, { ...DEFAULT_FILTER, search: 'sql data' }))).toEqual(['postgres']);
    expect(names(filterRows(rows, { ...DEFAULT_FILTER, search: '  proxy  ' }))).toEqual(['nginx']);
    expect(filterRows(rows, { ...DEFAULT_FILTER, search: 'nothing-like-this' })).toEqual([]);
  });

  it('filters by state and category', () => {
    expect(names(filterRows(rows, { ...DEFAULT_FILTER, state: 'new' }))).toEqual(['nginx']);
    expect(names(filterRows(rows, { ...DEFAULT_FILTER, state: 'inStore' }))).toEqual(['redis', 'postgres']);
    expect(names(filterRows(rows, { ...DEFAULT_FILTER, state: 'tooLarge' }))).toEqual(['postgres']);
    expect(names(filterRows(rows, { ...DEFAULT_FILTER, category: 'Database', state: 'new' }))).toEqual([]);
    expect(
      names(filterRows(rows, { ...DEFAULT_FILTER, category: UNCATEGORIZED_FILTER, showDeprecated: true })),
    ).toEqual(['old-thing']);
  });

  it('lists the categories charts name, sorted', () => {
    expect(categoriesOf(rows)).toEqual(['Database', 'Networking']);
  });

  it('stays fast on a 1,000-chart, 15,000-version repository', () => {
    const big = toRows(
      previewOf(
        Array.from({ length: 1000 }, (_, i) =>
          chart(`chart-${i}`, {
            description: `Chart number ${i} for ${i % 2 ? 'databases' : 'web'}`,
            category: `Category ${i % 20}`,
            versions: Array.from({ length: 15 }, (_, v) => version(`1.${v}.0`)),
          }),
        ),
      ),
    );
    const started = performance.now();
    for (const search of ['c', 'ch', 'cha', 'chart-9', 'chart-99', 'databases 7']) {
      filterRows(big, { ...DEFAULT_FILTER, search });
    }
    const perFilter = (performance.now() - started) / 6;
    expect(filterRows(big, { ...DEFAULT_FILTER, search: 'chart-99' })).toHaveLength(11);
    // Generous for a shared CI core; in practice well under a millisecond.
    expect(perFilter).toBeLessThan(25);
  });
});

describe('selection', () => {
  it('starts with every chart but the deprecated ones', () => {
    expect([...defaultSelection(rows)]).toEqual(['nginx', 'redis', 'postgres']);
  });

  it('select-all applies to the filtered rows only', () => {
    const database = filterRows(rows, { ...DEFAULT_FILTER, category: 'Database' });
    const start = new Set(['nginx']);
    expect(selectionState(start, database)).toBe('none');
    const all = setRowsSelected(start, database, true);
    expect([...all].sort()).toEqual(['nginx', 'postgres', 'redis']);
    expect(selectionState(all, database)).toBe('all');
    expect(selectionState(toggle(all, 'redis'), database)).toBe('some');
    expect([...setRowsSelected(all, database, false)]).toEqual(['nginx']);
    expect(start).toEqual(new Set(['nginx'])); // never mutated
  });

  it('toggles one chart', () => {
    expect([...toggle(new Set(['a']), 'b')]).toEqual(['a', 'b']);
    expect([...toggle(new Set(['a', 'b']), 'a')]).toEqual(['b']);
  });

  it('drops deprecated charts', () => {
    expect([...withoutDeprecated(new Set(['nginx', 'old-thing']), rows)]).toEqual(['nginx']);
  });
});

describe('chartsForRequest', () => {
  it('sends no list when the selection is what the engine takes anyway', () => {
    expect(chartsForRequest(defaultSelection(rows), rows, false)).toBeUndefined();
    expect(chartsForRequest(new Set(names(rows)), rows, true)).toBeUndefined();
  });

  it('sends the names otherwise, in repository order', () => {
    expect(chartsForRequest(new Set(['postgres', 'nginx']), rows, false)).toEqual(['nginx', 'postgres']);
    // Every non-deprecated chart, but deprecated ones are included: the list is needed.
    expect(chartsForRequest(defaultSelection(rows), rows, true)).toEqual(['nginx', 'redis', 'postgres']);
  });

  it('refuses an empty selection and one over the API limit', () => {
    expect(selectionProblem(new Set(), rows, false)).toBe('Select at least one chart.');
    expect(selectionProblem(new Set(['nginx']), rows, false)).toBeUndefined();
    const many = toRows(previewOf(Array.from({ length: MAX_CHART_NAMES + 2 }, (_, i) => chart(`c${i}`))));
    const allButOne = new Set(names(many).slice(1));
    expect(selectionProblem(allButOne, many, false)).toMatch(
      `Select at most ${formatNumber(MAX_CHART_NAMES)} charts`,
    );
    expect(selectionProblem(new Set(names(many)), many, false)).toBeUndefined();
  });
});

describe('sorting the preview', () => {
  const rows = toRows(preview);
  const names = (sorted: readonly ChartRow[]): string[] => sorted.map((row) => row.name);

  it("keeps the repository's order until a column is chosen", () => {
    expect(sortRows(rows, undefined)).toBe(rows);
  });

  it('sorts by name, versions, versions to create, category and size, both ways', () => {
    expect(names(sortRows(rows, { key: 'name', order: 'asc' }))).toEqual([
      'nginx',
      'old-thing',
      'postgres',
      'redis',
    ]);
    expect(names(sortRows(rows, { key: 'name', order: 'desc' }))).toEqual([
      'redis',
      'postgres',
      'old-thing',
      'nginx',
    ]);
    // nginx 3 versions, postgres 2, the others 1 (ties by name)
    expect(names(sortRows(rows, { key: 'versions', order: 'desc' }))).toEqual([
      'nginx',
      'postgres',
      'old-thing',
      'redis',
    ]);
    expect(names(sortRows(rows, { key: 'toCreate', order: 'asc' }))).toEqual([
      'old-thing',
      'redis',
      'nginx',
      'postgres',
    ]);
  });

  it('puts charts without a category or a size last, whichever the direction', () => {
    expect(names(sortRows(rows, { key: 'category', order: 'asc' }))).toEqual([
      'postgres',
      'redis',
      'nginx',
      'old-thing',
    ]);
    expect(names(sortRows(rows, { key: 'category', order: 'desc' }))).toEqual([
      'nginx',
      'postgres',
      'redis',
      'old-thing',
    ]);
    expect(names(sortRows(rows, { key: 'size', order: 'desc' }))).toEqual([
      'postgres',
      'nginx',
      'old-thing',
      'redis',
    ]);
    expect(names(sortRows(rows, { key: 'size', order: 'asc' }))).toEqual([
      'nginx',
      'postgres',
      'old-thing',
      'redis',
    ]);
  });

  it('does not change the rows it is given', () => {
    const before = names(rows);
    sortRows(rows, { key: 'size', order: 'desc' });
    expect(names(rows)).toEqual(before);
  });

  it('goes ascending, then descending, on a header; another header starts ascending', () => {
    expect(nextSort(undefined, 'size')).toEqual({ key: 'size', order: 'asc' });
    expect(nextSort({ key: 'size', order: 'asc' }, 'size')).toEqual({ key: 'size', order: 'desc' });
    expect(nextSort({ key: 'size', order: 'desc' }, 'size')).toEqual({ key: 'size', order: 'asc' });
    expect(nextSort({ key: 'size', order: 'desc' }, 'name')).toEqual({ key: 'name', order: 'asc' });
  });
});
