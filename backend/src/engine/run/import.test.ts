// runImport's schedule against an in-memory store whose calls take a few milliseconds: the bound
// on calls in flight, the order of charts and of a chart's versions, the report's order, cancel.

import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { minimalChartPackage } from '../../../test/support/tarballs.js';
import { CancelledError } from '../errors.js';
import { say, type Message } from '../messages/index.js';
import type { ChartRepository, ChartVersionRef, RepoIndex } from '../repo/types.js';
import { dialectFor } from '../store/dialect.js';
import type { AppStore, StoreApp, StoreCategory, StoreVersion, UploadRequest } from '../store/types.js';
import { runImport } from './import.js';
import type { ImportOptions } from './types.js';

function ref(name: string, version: string): ChartVersionRef {
  return { name, version, keywords: [], maintainers: [], annotations: {}, deprecated: false, urls: [] };
}

/** A repository of charts with `versions` versions each (1.0.0, 1.1.0, ...). */
function fakeRepo(charts: Record<string, number>, warnings: Message[] = []): ChartRepository {
  const entries = new Map<string, ChartVersionRef[]>();
  for (const [name, count] of Object.entries(charts)) {
    // Newest first, as an index lists them.
    entries.set(name, Array.from({ length: count }, (_, minor) => ref(name, `1.${minor}.0`)).reverse());
  }
  const index: RepoIndex = { url: 'http://repo.test', entries, warnings };
  return {
    loadIndex: () => Promise.resolve(index),
    fetchPackage: (version) => Promise.resolve({ bytes: minimalChartPackage(version.name, version.version) }),
  };
}

interface Call {
  method: string;
  /** `<app> <version>` for version calls, `<app>` for app calls. */
  target: string;
  start: number;
  end: number;
}

/** An App Store in memory whose every call takes `callMs` and is logged with its start and end. */
class TimedStore implements AppStore {
  readonly workspace = undefined;
  readonly calls: Call[] = [];
  readonly uploaded: UploadRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly apps = new Map<string, StoreApp>();
  private readonly versions = new Map<string, StoreVersion[]>();
  private clock = 0;

  constructor(private readonly callMs = 2) {}

  private async timed<T>(method: string, target: string, work: () => T): Promise<T> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const start = (this.clock += 1);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.callMs));
      return work();
    } finally {
      this.inFlight -= 1;
      this.calls.push({ method, target, start, end: (this.clock += 1) });
    }
  }

  private addVersion(request: UploadRequest): void {
    const versions = this.versions.get(request.appName) ?? [];
    const name = `${request.appName}-${request.versionName}`;
    this.uploaded.push(request);
    versions.push({ name, versionName: request.versionName, state: 'draft', digest: request.digest });
    this.versions.set(request.appName, versions);
  }

  serverDialect = () => Promise.resolve(dialectFor('v4.1.3'));
  listApps = () => this.timed('listApps', '', () => [...this.apps.values()]);
  listVersions = (app: string) => this.timed('listVersions', app, () => this.versions.get(app) ?? []);
  createApp = (request: UploadRequest) =>
    this.timed('createApp', `${request.appName} ${request.versionName}`, () => {
      this.apps.set(request.appName, {
        name: request.appName,
        state: 'draft',
        workspace: '',
        categoryName: '',
        originalName: request.originalName,
      });
      this.addVersion(request);
    });
  createVersion = (app: string, request: UploadRequest) =>
    this.timed('createVersion', `${app} ${request.versionName}`, () => {
      if (!this.apps.has(app)) throw new Error(`no app ${app}`);
      this.addVersion(request);
    });
  hasVersionPackage = (app: string, version: string) =>
    this.timed('hasVersionPackage', `${app} ${version}`, () => true);
  deleteVersion = (app: string, version: string) =>
    this.timed('deleteVersion', `${app} ${version}`, () => undefined);
  deleteApp = (app: string) => this.timed('deleteApp', app, () => undefined);
  setVersionState = (app: string, version: string, state: string) =>
    this.timed('setVersionState', `${app} ${version}`, () => {
      const found = this.versions.get(app)?.find(({ name }) => name === version);
      if (found) found.state = state;
    });
  setAppState = (app: string) => this.timed('setAppState', app, () => undefined);
  listCategories = () => this.timed('listCategories', '', (): StoreCategory[] => []);
  createCategory = (category: StoreCategory) => this.timed('createCategory', category.name, () => undefined);
  listRepos = () => Promise.resolve([]);

  /** The calls of one chart's app (its app name starts with the chart's name). */
  callsOf(chart: string): Call[] {
    return this.calls.filter(({ target }) => target.startsWith(`${chart}-`));
  }
}

function options(concurrency: number, more: Partial<ImportOptions> = {}): ImportOptions {
  return {
    repoUrl: 'http://repo.test',
    selection: { versions: { kind: 'all' }, includeDeprecated: false },
    publish: 'active',
    dryRun: false,
    concurrency,
    ...more,
  };
}

const uploads = (calls: Call[]): Call[] =>
  calls.filter(({ method }) => method === 'createApp' || method === 'createVersion');

describe('runImport schedule', () => {
  it('one chart of 50 versions at concurrency 8: 8 calls in flight, never more', async () => {
    const store = new TimedStore();
    const report = await runImport(fakeRepo({ long: 50 }), store, options(8));
    expect(report.summary).toEqual({ created: 50, exists: 0, failed: 0, planned: 0 });
    expect(store.maxInFlight).toBe(8);
  });

  it('many one-version charts: the same bound, whatever the shape', async () => {
    const store = new TimedStore();
    const charts = Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`c${n}`, 1]));
    const report = await runImport(fakeRepo(charts), store, options(3));
    expect(report.summary.created).toBe(40);
    expect(store.maxInFlight).toBe(3);
  });

  it('creates the app with the first version, the newest version after all others, then releases the app', async () => {
    const store = new TimedStore();
    await runImport(fakeRepo({ long: 12 }), store, options(4));
    const calls = store.callsOf('long');
    const [first, ...others] = uploads(calls);
    expect(first?.method).toBe('createApp');
    expect(first?.target).toMatch(/ 1\.0\.0$/);
    expect(others.every(({ method }) => method === 'createVersion')).toBe(true);
    // The app's first version is in (uploaded and its action done) before any other upload starts.
    const firstAction = calls.find(
      ({ method, target }) => method === 'setVersionState' && target.endsWith('1.0.0'),
    );
    expect(Math.min(...others.map(({ start }) => start))).toBeGreaterThan(firstAction?.end ?? Infinity);
    // The others went at once, not one after another.
    const overlapping = others.filter((call) =>
      others.some((other) => other !== call && other.start < call.end && call.start < other.end),
    );
    expect(overlapping.length).toBeGreaterThan(0);
    // The newest starts after every other version's calls ended.
    const newest = calls.find(
      ({ method, target }) => method === 'createVersion' && target.endsWith('1.11.0'),
    );
    const beforeNewest = calls.filter(
      (call) => call.method !== 'setAppState' && !call.target.endsWith('1.11.0'),
    );
    expect(newest?.start).toBeGreaterThan(Math.max(...beforeNewest.map(({ end }) => end)));
    // The release comes last.
    expect(calls.at(-1)?.method).toBe('setAppState');
    expect(calls.filter(({ method }) => method === 'setAppState')).toHaveLength(1);
  });

  it('starts the chart with the most versions first, whatever the plan order', async () => {
    const store = new TimedStore();
    await runImport(fakeRepo({ a: 1, b: 2, c: 6, d: 3 }), store, options(1));
    const firstUploads = uploads(store.calls)
      .filter(({ method }) => method === 'createApp')
      .map(({ target }) => target.split('-')[0]);
    expect(firstUploads).toEqual(['c', 'd', 'b', 'a']);
  });

  it('reports items in plan order, oldest version first, whatever order they finished in', async () => {
    const store = new TimedStore();
    // b's one version is in long before a's last.
    const report = await runImport(fakeRepo({ a: 3, b: 1 }), store, options(4));
    expect(report.items.map(({ chart, version }) => `${chart} ${version}`)).toEqual([
      'a 1.0.0',
      'a 1.1.0',
      'a 1.2.0',
      'b 1.0.0',
    ]);
  });

  it('a cancel lets the versions being written finish, starts nothing more, and releases what is active', async () => {
    const store = new TimedStore(5);
    const cancel = new AbortController();
    let items = 0;
    const run = runImport(
      fakeRepo({ long: 30 }),
      store,
      options(4, {
        cancel: cancel.signal,
        onEvent: (event) => {
          if (event.type === 'item' && (items += 1) === 3) cancel.abort();
        },
      }),
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const writes = uploads(store.calls);
    // Every upload that started was followed by its version action: no half-written version.
    const actions = store.calls.filter(({ method }) => method === 'setVersionState');
    expect(actions).toHaveLength(writes.length);
    expect(writes.length).toBeLessThan(30);
    expect(store.calls.at(-1)?.method).toBe('setAppState');
    // Nothing ran after the run ended.
    const settled = store.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.calls).toHaveLength(settled);
    expect(store.inFlight).toBe(0);
  });
});

describe('runImport digests', () => {
  const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

  it("sends the index's digest, or the package's sha256 hex when the index gives none", async () => {
    const store = new TimedStore(0);
    const repo = fakeRepo({ bare: 1, listed: 1 });
    const index = await repo.loadIndex();
    for (const version of index.entries.get('listed') ?? []) version.digest = 'c'.repeat(64);
    const packages = new Map<string, Buffer>();
    const fetching: ChartRepository = {
      loadIndex: () => Promise.resolve(index),
      fetchPackage: async (version, signal) => {
        const fetched = await repo.fetchPackage(version, signal);
        packages.set(version.name, fetched.bytes);
        return fetched;
      },
    };
    expect((await runImport(fetching, store, options(2))).summary.created).toBe(2);
    const sent = new Map(store.uploaded.map(({ originalName, digest }) => [originalName, digest]));
    expect(sent.get('listed')).toBe('c'.repeat(64));
    expect(sent.get('bare')).toBe(sha256(packages.get('bare') ?? Buffer.alloc(0)));
    expect(sent.get('bare')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a re-run of a repository without digests creates nothing and downloads nothing', async () => {
    const store = new TimedStore(0);
    const repo = fakeRepo({ bare: 3 });
    expect((await runImport(repo, store, options(2))).summary.created).toBe(3);
    const before = store.calls.length;
    let downloads = 0;
    const counting: ChartRepository = {
      loadIndex: () => repo.loadIndex(),
      fetchPackage: (version, signal) => {
        downloads += 1;
        return repo.fetchPackage(version, signal);
      },
    };
    const again = await runImport(counting, store, options(2));
    expect(again.summary).toEqual({ created: 0, exists: 3, failed: 0, planned: 0 });
    expect(uploads(store.calls.slice(before))).toEqual([]);
    expect(downloads).toBe(0);
  });
});

describe('runImport warnings', () => {
  const warnings = [
    say('index-entry-no-url', { chart: 'web', version: '0.9.0' }),
    say('index-entry-no-url', { chart: 'other', version: '0.1.0' }),
    say('warnings-left-out', { count: 3 }),
  ];

  it("keeps the index's warnings about the charts asked for and about no chart, not those about others", async () => {
    const repo = fakeRepo({ web: 1, other: 1 }, warnings);
    const heard: Message[] = [];
    const report = await runImport(repo, new TimedStore(0), {
      ...options(2, { onEvent: (event) => event.type === 'warning' && heard.push(event.warning) }),
      selection: { versions: { kind: 'all' }, includeDeprecated: false, charts: ['web'] },
    });
    const codes = (list: Message[]) => list.map(({ code, params }) => [code, params.chart ?? '']);
    expect(codes(report.warnings)).toEqual([
      ['index-entry-no-url', 'web'],
      ['warnings-left-out', ''],
    ]);
    expect(heard).toEqual(report.warnings);
  });

  it('keeps every warning of an import of the whole repository', async () => {
    const report = await runImport(fakeRepo({ web: 1, other: 1 }, warnings), new TimedStore(0), options(2));
    expect(report.warnings).toEqual(warnings);
  });
});
