import { describe, expect, it } from 'vitest';

import type { ChartVersionRef } from '../repo/types.js';
import { versionObjectName } from '../store/dialect.js';
import { appNameFor } from '../store/names.js';
import type { StoreApp, StoreVersion } from '../store/types.js';
import type { StoreSnapshot } from './plan.js';
import { say } from '../messages/index.js';
import {
  countRemoved,
  decidePrune,
  findRemovedUpstream,
  removedUpstreamWarning,
  unreadEntries,
} from './removed.js';

const context = { repoUrl: 'http://repo.example', workspace: undefined, rules: 'v4.1.3' as const };
const appOf = (chart: string): string => appNameFor({ ...context, chartName: chart });

function ref(name: string, version: string): ChartVersionRef {
  return { name, version, keywords: [], maintainers: [], annotations: {}, deprecated: false, urls: [] };
}

function stored(chart: string, version: string): StoreVersion {
  return { name: versionObjectName('v4.1.3', appOf(chart), version), versionName: version, state: 'active' };
}

function app(chart: string, name = appOf(chart)): StoreApp {
  return { name, state: 'active', workspace: '', categoryName: '', originalName: chart };
}

/** A store with these charts' apps and versions. */
function storeWith(versions: Record<string, string[]>, extra: StoreApp[] = []): StoreSnapshot {
  const snapshot: StoreSnapshot = { apps: new Map(), versions: new Map() };
  for (const [chart, list] of Object.entries(versions)) {
    snapshot.apps.set(appOf(chart), app(chart));
    snapshot.versions.set(
      appOf(chart),
      list.map((version) => stored(chart, version)),
    );
  }
  for (const other of extra) {
    snapshot.apps.set(other.name, other);
    snapshot.versions.set(other.name, [stored(other.originalName, '0.1.0')]);
  }
  return snapshot;
}

const index = (entries: Record<string, string[]>): Map<string, ChartVersionRef[]> =>
  new Map(Object.entries(entries).map(([chart, versions]) => [chart, versions.map((v) => ref(chart, v))]));

describe('findRemovedUpstream', () => {
  it('compares with the whole index entry, newest first, and ignores apps of others', () => {
    const snapshot = storeWith(
      { nginx: ['1.0.0', '1.1.0', '1.2.0', '2.0.0'] },
      // Same chart, but a name this importer would not give it (another repository, by hand).
      [app('nginx', 'nginx-abcde'), { ...app('redis'), originalName: '' }],
    );
    const removed = findRemovedUpstream(index({ nginx: ['1.2.0', '2.0.0'] }), snapshot, context);
    expect(removed).toHaveLength(1);
    expect(removed[0]?.app).toBe(appOf('nginx'));
    expect(removed[0]?.removed.map((v) => v.versionName)).toEqual(['1.1.0', '1.0.0']);
    expect(removed[0]?.chartGone).toBe(false);
    expect(countRemoved(removed)).toBe(2);
    expect(removedUpstreamWarning(removed)).toMatchObject({
      code: 'versions-removed-upstream',
      params: { count: 2, charts: 1 },
    });
  });

  it('finds every version of a chart gone from the index; a chart list limits what is looked at', () => {
    const snapshot = storeWith({ nginx: ['1.0.0'], redis: ['7.0.0', '7.1.0'] });
    const all = findRemovedUpstream(index({ nginx: ['1.0.0'] }), snapshot, context);
    expect(all.map((c) => [c.chart, c.chartGone, c.removed.length])).toEqual([['redis', true, 2]]);
    expect(findRemovedUpstream(index({ nginx: ['1.0.0'] }), snapshot, context, ['nginx'])).toEqual([]);
    expect(findRemovedUpstream(index({}), snapshot, context, ['redis']).map((c) => c.chart)).toEqual([
      'redis',
    ]);
  });

  it('finds nothing when the index lists every stored version; no warning then', () => {
    const snapshot = storeWith({ nginx: ['1.0.0', '1.1.0'] });
    const removed = findRemovedUpstream(index({ nginx: ['1.0.0', '1.1.0', '1.2.0'] }), snapshot, context);
    expect(removed).toEqual([]);
    expect(removedUpstreamWarning(removed)).toBeUndefined();
  });
});

describe('decidePrune', () => {
  it('removes what the index no longer lists but keeps versions in use', () => {
    const snapshot = storeWith({ nginx: ['1.0.0', '1.1.0', '2.0.0'] });
    const removed = findRemovedUpstream(index({ nginx: ['2.0.0'] }), snapshot, context);
    const inUse = new Map([[stored('nginx', '1.0.0').name, 2]]);
    const decisions = decidePrune(removed, inUse);
    expect(decisions.map((d) => [d.version, d.action, d.reason.code])).toEqual([
      ['1.1.0', 'remove', 'prune-removed'],
      ['1.0.0', 'keep', 'prune-kept-in-use'],
    ]);
    expect(decisions[1]?.reason.params).toEqual({ releases: 2 });
    expect(decisions[0]?.name).toBe(stored('nginx', '1.1.0').name);
  });

  it('keeps the newest version when every version of the app would go', () => {
    const snapshot = storeWith({ redis: ['7.0.0', '7.10.0', '7.2.0'] });
    const decisions = decidePrune(findRemovedUpstream(index({}), snapshot, context), new Map());
    expect(decisions.map((d) => [d.version, d.action, d.reason.code])).toEqual([
      ['7.10.0', 'keep', 'prune-kept-last-version'],
      ['7.2.0', 'remove', 'prune-removed'],
      ['7.0.0', 'remove', 'prune-removed'],
    ]);
  });

  it('keeps the newest active version when only drafts or rejected versions would stay', () => {
    const snapshot = storeWith({ redis: ['7.0.0', '7.1.0', '8.0.0', '8.1.0'] });
    const versions = snapshot.versions.get(appOf('redis')) ?? [];
    // The index lists only 8.x, whose store versions are a broken draft and a rejected one.
    for (const version of versions)
      if (version.versionName === '8.0.0') version.state = 'draft';
      else if (version.versionName === '8.1.0') version.state = 'rejected';
    const removed = findRemovedUpstream(index({ redis: ['8.0.0', '8.1.0'] }), snapshot, context);
    expect(decidePrune(removed, new Map()).map((d) => [d.version, d.action, d.reason.code])).toEqual([
      ['7.1.0', 'keep', 'prune-kept-last-version'],
      ['7.0.0', 'remove', 'prune-removed'],
    ]);
  });

  it('keeps the newest active version over newer drafts when every version would go', () => {
    const snapshot = storeWith({ redis: ['7.0.0', '7.1.0', '7.2.0'] });
    const versions = snapshot.versions.get(appOf('redis')) ?? [];
    for (const version of versions) if (version.versionName === '7.2.0') version.state = 'draft';
    const decisions = decidePrune(findRemovedUpstream(index({}), snapshot, context), new Map());
    expect(decisions.map((d) => [d.version, d.action])).toEqual([
      ['7.2.0', 'remove'],
      ['7.1.0', 'keep'],
      ['7.0.0', 'remove'],
    ]);
  });

  it('keeps nothing extra when an active listed version stays, and the newest when none is active', () => {
    const listedActive = storeWith({ redis: ['7.0.0', '7.1.0'] });
    const kept = decidePrune(
      findRemovedUpstream(index({ redis: ['7.1.0'] }), listedActive, context),
      new Map(),
    );
    expect(kept.map((d) => [d.version, d.action])).toEqual([['7.0.0', 'remove']]);
    const drafts = storeWith({ redis: ['7.0.0', '7.1.0'] });
    for (const version of drafts.versions.get(appOf('redis')) ?? []) version.state = 'draft';
    const decisions = decidePrune(findRemovedUpstream(index({}), drafts, context), new Map());
    expect(decisions.map((d) => [d.version, d.action])).toEqual([
      ['7.1.0', 'keep'],
      ['7.0.0', 'remove'],
    ]);
  });

  it('keeps no extra version when one in use stays anyway', () => {
    const snapshot = storeWith({ redis: ['7.0.0', '7.1.0'] });
    const inUse = new Map([[stored('redis', '7.0.0').name, 1]]);
    const decisions = decidePrune(findRemovedUpstream(index({}), snapshot, context), inUse);
    expect(decisions.map((d) => [d.version, d.action])).toEqual([
      ['7.1.0', 'remove'],
      ['7.0.0', 'keep'],
    ]);
  });
});

describe('entries the importer could not read', () => {
  it('are not removed upstream: a skipped version, or a whole chart when no version is named', () => {
    const snapshot = storeWith({ nginx: ['1.0.0', '1.1.0', '2.0.0'], redis: ['6.0.0', '7.0.0'] });
    const warnings = [
      say('index-entry-no-url', { chart: 'nginx', version: '1.1.0' }),
      say('index-versions-not-list', { chart: 'redis' }),
    ];
    const removed = findRemovedUpstream(
      index({ nginx: ['2.0.0'] }),
      snapshot,
      context,
      undefined,
      unreadEntries(warnings),
    );
    expect(removed.map((chart) => [chart.chart, chart.removed.map((v) => v.versionName)])).toEqual([
      ['nginx', ['1.0.0']],
    ]);
    // Without the warnings, both charts lose versions.
    expect(findRemovedUpstream(index({ nginx: ['2.0.0'] }), snapshot, context)).toHaveLength(2);
  });
});
