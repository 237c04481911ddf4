import { describe, expect, it } from 'vitest';

import type { ChartVersionRef, RepoIndex } from '../repo/types.js';
import { selectVersions } from './select.js';

function ref(name: string, version: string, extra: Partial<ChartVersionRef> = {}): ChartVersionRef {
  return {
    name,
    version,
    keywords: [],
    maintainers: [],
    annotations: {},
    deprecated: false,
    urls: [],
    ...extra,
  };
}

function index(entries: Record<string, ChartVersionRef[]>): RepoIndex {
  return { url: 'http://repo', entries: new Map(Object.entries(entries)), warnings: [] };
}

const repo = index({
  // newest first, as the repo layer sorts
  nginx: [ref('nginx', '2.0.0-rc.1'), ref('nginx', '1.2.0'), ref('nginx', '1.1.0'), ref('nginx', '1.0.0')],
  old: [ref('old', '3.0.0', { deprecated: true }), ref('old', '2.0.0')],
  beta: [ref('beta', '0.1.0-alpha')],
  mixed: [
    ref('mixed', '2.0.0', { deprecated: false }),
    ref('mixed', '1.5.0', { deprecated: true }),
    ref('mixed', '1.0.0'),
  ],
});

const versionsOf = (result: ReturnType<typeof selectVersions>, chart: string): string[] | undefined =>
  result.charts.find((c) => c.chart === chart)?.versions.map((v) => v.version);

describe('selectVersions', () => {
  it('latest takes the newest stable, non-deprecated version', () => {
    const result = selectVersions(repo, { versions: { kind: 'latest' }, includeDeprecated: false });
    expect(versionsOf(result, 'nginx')).toEqual(['1.2.0']);
    expect(versionsOf(result, 'mixed')).toEqual(['2.0.0']);
  });

  it('skips deprecated charts and charts without a stable version, with warnings', () => {
    const result = selectVersions(repo, { versions: { kind: 'latest' }, includeDeprecated: false });
    expect(versionsOf(result, 'old')).toBeUndefined();
    expect(versionsOf(result, 'beta')).toBeUndefined();
    expect(result.warnings).toContainEqual({
      code: 'chart-deprecated',
      params: { chart: 'old' },
      message: 'old: skipped, the chart is deprecated (include deprecated charts to import it)',
    });
    expect(result.warnings).toContainEqual({
      code: 'chart-no-stable-version',
      params: { chart: 'beta' },
      message: 'beta: skipped, it has no stable version (import all versions to include prereleases)',
    });
  });

  it('newest N returns them oldest first, so uploads keep latest-app-version right', () => {
    const result = selectVersions(repo, { versions: { kind: 'newest', count: 2 }, includeDeprecated: false });
    expect(versionsOf(result, 'nginx')).toEqual(['1.1.0', '1.2.0']);
    expect(versionsOf(result, 'mixed')).toEqual(['1.0.0', '2.0.0']);
  });

  it('all takes prereleases too, but not deprecated versions unless asked', () => {
    const result = selectVersions(repo, { versions: { kind: 'all' }, includeDeprecated: false });
    expect(versionsOf(result, 'nginx')).toEqual(['1.0.0', '1.1.0', '1.2.0', '2.0.0-rc.1']);
    expect(versionsOf(result, 'mixed')).toEqual(['1.0.0', '2.0.0']);
    const withDeprecated = selectVersions(repo, { versions: { kind: 'all' }, includeDeprecated: true });
    expect(versionsOf(withDeprecated, 'old')).toEqual(['2.0.0', '3.0.0']);
  });

  it('--charts limits the charts and reports the missing ones', () => {
    const result = selectVersions(repo, {
      versions: { kind: 'latest' },
      charts: ['nginx', 'nope'],
      includeDeprecated: false,
    });
    expect(result.charts.map((c) => c.chart)).toEqual(['nginx']);
    expect(result.missingCharts).toEqual(['nope']);
  });
});
