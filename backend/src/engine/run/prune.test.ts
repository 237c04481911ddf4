import { describe, expect, it } from 'vitest';

import type { StoreSnapshot } from '../plan/plan.js';
import type { ChartRepository, ChartVersionRef, RepoIndex } from '../repo/types.js';
import { versionObjectName } from '../store/dialect.js';
import { appNameFor } from '../store/names.js';
import { removedUpstreamOf } from './prune.js';

const context = { repoUrl: 'http://repo.example', workspace: undefined, rules: 'v4.1.3' as const };
const app = appNameFor({ ...context, chartName: 'nginx' });
const snapshot: StoreSnapshot = {
  apps: new Map([
    [app, { name: app, state: 'active', workspace: '', categoryName: '', originalName: 'nginx' }],
  ]),
  versions: new Map([
    [
      app,
      ['1.0.0', '2.0.0'].map((version) => ({
        name: versionObjectName('v4.1.3', app, version),
        versionName: version,
        state: 'active',
      })),
    ],
  ]),
};
const ref = (version: string): ChartVersionRef => ({
  name: 'nginx',
  version,
  keywords: [],
  maintainers: [],
  annotations: {},
  deprecated: false,
  urls: [],
});
const indexOf = (entries: Map<string, ChartVersionRef[]>): RepoIndex => ({
  url: context.repoUrl,
  entries,
  warnings: [],
});
// Only what removedUpstreamOf reads of a repository.
const repository = (partialIndex: boolean) => ({ partialIndex }) as unknown as ChartRepository;

describe('removedUpstreamOf', () => {
  const listsNewest = indexOf(new Map([['nginx', [ref('2.0.0')]]]));

  it('finds the versions a full index no longer lists', () => {
    const removed = removedUpstreamOf(repository(false), listsNewest, snapshot, context);
    expect(removed.flatMap((chart) => chart.removed.map((v) => v.versionName))).toEqual(['1.0.0']);
  });

  it('finds none in a bundle, whose index is a selection', () => {
    expect(removedUpstreamOf(repository(true), listsNewest, snapshot, context)).toEqual([]);
  });

  it('finds none in an index without a chart: a stub is likelier than a repository emptied', () => {
    expect(removedUpstreamOf(repository(false), indexOf(new Map()), snapshot, context)).toEqual([]);
  });
});
