// When a run may skip the per-chart reads, decided against fakes: the index digest, the
// settings, the record's age and what the store's app list shows. A full run is seen starting
// by the fake store's dialect call, which only runImport makes.
import { describe, expect, it, vi } from 'vitest';

import { parseIndex } from '../repo/parse-index.js';
import { indexContentDigest } from '../repo/index-digest.js';
import type { ChartRepository, ChartVersionRef, RepoIndex } from '../repo/types.js';
import type { ImportEvent, ImportOptions } from '../run/types.js';
import type { AppStore, StoreApp } from '../store/types.js';
import { importIncrementally, MAX_RECORD_AGE_MS } from './import-incrementally.js';
import { parseRunRecord, settingsDigest } from './record.js';
import type { RunRecord } from './types.js';

const INDEX = `apiVersion: v1
entries:
  nginx:
    - name: nginx
      version: 1.0.0
      digest: aaaa
      annotations: { b: "2", a: "1" }
      urls: [nginx-1.0.0.tgz]
generated: "2024-01-01T00:00:00Z"
`;

describe('indexContentDigest', () => {
  const digestOf = (text: string): string => indexContentDigest(parseIndex(text, 'http://repo.test').entries);

  it('ignores the generated time and the order of keys, and sees any change of an entry', () => {
    const base = digestOf(INDEX);
    expect(digestOf(INDEX.replace('2024-01-01T00:00:00Z', '2030-05-05T00:00:00Z'))).toBe(base);
    expect(digestOf(INDEX.replace('{ b: "2", a: "1" }', '{ a: "1", b: "2" }'))).toBe(base);
    expect(digestOf(INDEX.replace('digest: aaaa', 'digest: bbbb'))).not.toBe(base);
  });
});

const NOW = new Date('2025-06-01T12:00:00Z');
const APP: StoreApp = {
  name: 'nginx-abcde',
  state: 'active',
  workspace: '',
  categoryName: 'kubesphere-app-uncategorized',
  originalName: 'nginx',
  latestVersion: '1.0.0',
};
const OPTIONS: ImportOptions = {
  repoUrl: 'http://repo.test',
  selection: { versions: { kind: 'all' }, includeDeprecated: false },
  publish: 'active',
  dryRun: false,
  concurrency: 2,
};

function repoWith(contentDigest: string | undefined): ChartRepository {
  const ref: ChartVersionRef = {
    name: 'nginx',
    version: '1.0.0',
    keywords: [],
    maintainers: [],
    annotations: {},
    deprecated: false,
    urls: [],
  };
  const index: RepoIndex = {
    url: OPTIONS.repoUrl,
    entries: new Map([['nginx', [ref]]]),
    warnings: [],
    ...(contentDigest === undefined ? {} : { contentDigest }),
  };
  return {
    loadIndex: () => Promise.resolve(index),
    fetchPackage: () => Promise.reject(new Error('no download expected')),
  };
}

/** A store that lists `apps` and whose dialect call (a full run's first) fails with FULL_RUN. */
function storeListing(apps: StoreApp[]): AppStore & { listed: ReturnType<typeof vi.fn> } {
  const unexpected = (): Promise<never> => Promise.reject(new Error('unexpected store call'));
  const listed = vi.fn(() => Promise.resolve(apps));
  return {
    listed,
    workspace: undefined,
    serverDialect: () => Promise.reject(new Error(FULL_RUN)),
    listApps: listed,
    listVersions: unexpected,
    createApp: unexpected,
    createVersion: unexpected,
    hasVersionPackage: unexpected,
    deleteVersion: unexpected,
    deleteApp: unexpected,
    setVersionState: unexpected,
    setAppState: unexpected,
    listCategories: unexpected,
    createCategory: unexpected,
    listRepos: unexpected,
  };
}
const FULL_RUN = 'a full run started';

function record(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    indexDigest: 'digest-1',
    settings: settingsDigest(OPTIONS, undefined),
    apps: [
      {
        name: APP.name,
        state: APP.state,
        latestVersion: APP.latestVersion ?? '',
        categoryName: APP.categoryName,
      },
    ],
    items: [{ chart: 'nginx', version: '1.0.0', app: APP.name }],
    fullRunAt: new Date(NOW.getTime() - 60_000).toISOString(),
    ...overrides,
  };
}

describe('importIncrementally', () => {
  it('reports the recorded items as existing after one app list, as a run would', async () => {
    const store = storeListing([APP]);
    const events: ImportEvent[] = [];
    const result = await importIncrementally(
      repoWith('digest-1'),
      store,
      { ...OPTIONS, onEvent: (event) => events.push(event) },
      { previous: record(), now: () => NOW },
    );
    expect(result.unchanged).toBe(true);
    expect(store.listed).toHaveBeenCalledTimes(1);
    expect(result.report.items).toEqual([
      { chart: 'nginx', version: '1.0.0', status: 'exists', app: APP.name, reason: '' },
    ]);
    expect(result.report.summary).toEqual({ created: 0, exists: 1, failed: 0, planned: 0 });
    expect(result.message).toEqual({
      code: 'run-unchanged',
      params: { fullRunAt: '2025-06-01T11:59:00.000Z', versions: 1, charts: 1 },
      message:
        'the repository has not changed since the full run of 2025-06-01T11:59:00.000Z and the store still holds what that run recorded: ' +
        '1 version of 1 chart already in the store (nothing was read per chart)',
    });
    expect(events.map((event) => event.type)).toEqual(['index', 'plan', 'item']);
    expect(result.record).toEqual(record());
  });

  const beforeFullRun = vi.fn(() => Promise.resolve());
  it.each<
    [
      string,
      {
        contentDigest?: string;
        previous?: RunRecord;
        apps?: StoreApp[];
        options?: Partial<ImportOptions>;
        full?: boolean;
      },
    ]
  >([
    ['there is no record', { previous: undefined }],
    ['--full', { full: true }],
    ['the index changed', { contentDigest: 'digest-2' }],
    ['the repository has no index (OCI)', { contentDigest: undefined }],
    ['the publish mode changed', { options: { publish: 'review' } }],
    ['a category mapping was added', { options: { categories: new Map([['nginx', 'Web']]) } }],
    [
      'the record is a day old',
      { previous: record({ fullRunAt: new Date(NOW.getTime() - MAX_RECORD_AGE_MS).toISOString() }) },
    ],
    ['the record is from the future', { previous: record({ fullRunAt: '2030-01-01T00:00:00Z' }) }],
    ['the app is gone', { apps: [] }],
    ['the app was suspended', { apps: [{ ...APP, state: 'suspended' }] }],
    ['the app has another latest version', { apps: [{ ...APP, latestVersion: '0.9.0' }] }],
    ['the app has another category', { apps: [{ ...APP, categoryName: 'ctg-web' }] }],
  ])('runs in full when %s', async (_case, setup) => {
    beforeFullRun.mockClear();
    const run = importIncrementally(
      repoWith('contentDigest' in setup ? setup.contentDigest : 'digest-1'),
      storeListing(setup.apps ?? [APP]),
      { ...OPTIONS, ...setup.options },
      {
        previous: 'previous' in setup ? setup.previous : record(),
        full: setup.full ?? false,
        now: () => NOW,
        beforeFullRun,
      },
    );
    await expect(run).rejects.toThrow(FULL_RUN);
    expect(beforeFullRun).toHaveBeenCalledTimes(1);
  });

  it('plans a dry run in full and keeps the record', async () => {
    beforeFullRun.mockClear();
    const run = importIncrementally(
      repoWith('digest-1'),
      storeListing([APP]),
      { ...OPTIONS, dryRun: true },
      {
        previous: record(),
        now: () => NOW,
        beforeFullRun,
      },
    );
    await expect(run).rejects.toThrow(FULL_RUN);
    expect(beforeFullRun).not.toHaveBeenCalled();
  });
});

describe('parseRunRecord', () => {
  it('takes a record back field by field and refuses anything else', () => {
    const stored = { ...record(), secret: 'x', items: [{ chart: 'a', version: '1', app: 'a-1', extra: 1 }] };
    expect(parseRunRecord(JSON.parse(JSON.stringify(stored)))).toEqual({
      ...record(),
      items: [{ chart: 'a', version: '1', app: 'a-1' }],
    });
    expect(parseRunRecord({ ...record(), fullRunAt: 'yesterday' })).toBeUndefined();
    expect(parseRunRecord({ ...record(), apps: [{ name: 'a' }] })).toBeUndefined();
    expect(parseRunRecord('{}')).toBeUndefined();
    expect(parseRunRecord(null)).toBeUndefined();
  });
});
