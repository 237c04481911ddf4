import { describe, expect, it } from 'vitest';

import type { ChartVersionRef } from '../repo/types.js';
import { appNameFor } from '../store/names.js';
import { categoryOf, planImport } from './plan.js';

function ref(name: string, version: string, annotations: Record<string, string> = {}): ChartVersionRef {
  return { name, version, keywords: [], maintainers: [], annotations, deprecated: false, urls: [] };
}

const context = { repoUrl: 'http://repo.example', workspace: undefined };
const appName = appNameFor({ repoUrl: context.repoUrl, chartName: 'nginx', workspace: undefined });

describe('planImport', () => {
  const selection = {
    charts: [
      {
        chart: 'nginx',
        versions: [
          ref('nginx', '1.0.0'),
          ref('nginx', '1.1.0'),
          ref('nginx', '1.2.0', { 'app.kubesphere.io/category': 'Web' }),
        ],
      },
    ],
    missingCharts: [],
    warnings: [],
  };

  it('creates everything in an empty store', () => {
    const plan = planImport(selection, { apps: new Map(), versions: new Map() }, context);
    expect(plan.charts[0]?.appName).toBe(appName);
    expect(plan.charts[0]?.versions.map((v) => v.action)).toEqual(['create', 'create', 'create']);
    expect(plan.charts[0]?.category).toBe('Web');
  });

  it('keeps what exists, resumes drafts and creates only the new version', () => {
    const app = { name: appName, state: 'active', workspace: '', categoryName: '', originalName: 'nginx' };
    const versions = [
      { name: `${appName}-1.0.0`, versionName: '1.0.0', state: 'active' },
      { name: `${appName}-1.1.0`, versionName: '1.1.0', state: 'draft' },
    ];
    const plan = planImport(
      selection,
      { apps: new Map([[appName, app]]), versions: new Map([[appName, versions]]) },
      context,
    );
    expect(plan.charts[0]?.versions.map((v) => v.action)).toEqual(['exists', 'resume', 'create']);
    expect(plan.charts[0]?.storeVersions).toEqual(versions);
  });

  it('resumes a version with no state: ks-core leaves that when the package upload fails', () => {
    const app = { name: appName, state: 'draft', workspace: '', categoryName: '', originalName: 'nginx' };
    const versions = [{ name: `${appName}-1.0.0`, versionName: '1.0.0', state: '' }];
    const plan = planImport(
      selection,
      { apps: new Map([[appName, app]]), versions: new Map([[appName, versions]]) },
      context,
    );
    expect(plan.charts[0]?.versions.map((v) => v.action)).toEqual(['resume', 'create', 'create']);
  });

  it("sends a chart to the caller's category over its annotation; other charts keep theirs", () => {
    const categories = new Map([['nginx', 'Web Servers']]);
    const mapped = planImport(
      selection,
      { apps: new Map(), versions: new Map() },
      { ...context, categories },
    );
    expect(mapped.charts[0]?.category).toBe('Web Servers');
    const other = planImport(
      selection,
      { apps: new Map(), versions: new Map() },
      {
        ...context,
        categories: new Map([
          ['redis', 'Database'],
          ['constructor', 'X'],
        ]),
      },
    );
    expect(other.charts[0]?.category).toBe('Web');
  });

  it('blocks a chart whose app name is held by another chart', () => {
    const app = { name: appName, state: 'active', workspace: '', categoryName: '', originalName: 'other' };
    const plan = planImport(selection, { apps: new Map([[appName, app]]), versions: new Map() }, context);
    expect(plan.charts[0]?.blocked).toMatch(/holds chart "other"/);
  });
});

describe('categoryOf', () => {
  it.each([
    [{ 'app.kubesphere.io/category': 'Database' }, 'Database'],
    [{ category: 'Networking' }, 'Networking'],
    [{ 'app.kubesphere.io/category': ' ', category: 'CI' }, 'CI'],
    [{}, undefined],
  ])('%j -> %s', (annotations, expected) => {
    expect(categoryOf(annotations)).toBe(expected);
  });
});
