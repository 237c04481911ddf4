import { describe, expect, it } from 'vitest';

import type { ChartVersionRef } from '../repo/types.js';
import { dialectFor } from '../store/dialect.js';
import { appNameFor } from '../store/names.js';
import { planImport } from './plan.js';

function ref(name: string, version: string, annotations: Record<string, string> = {}): ChartVersionRef {
  return { name, version, keywords: [], maintainers: [], annotations, deprecated: false, urls: [] };
}

const context = { repoUrl: 'http://repo.example', workspace: undefined, dialect: dialectFor('v4.1.3') };
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
    expect(plan.charts[0]?.categorySource).toEqual({ kind: 'annotation', key: 'app.kubesphere.io/category' });
  });

  it("decides from the newest selected version, with the context's rules after the annotations", () => {
    const plain = { ...selection, charts: [{ chart: 'nginx', versions: [ref('nginx', '1.0.0')] }] };
    const rules = [{ category: 'Web Servers', names: ['ng*'] }];
    const plan = planImport(
      plain,
      { apps: new Map(), versions: new Map() },
      { ...context, categoryRules: rules },
    );
    expect(plan.charts[0]?.category).toBe('Web Servers');
    expect(plan.charts[0]?.categorySource).toEqual({ kind: 'rule', rule: 0, match: 'ng*' });
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
    expect(plan.charts[0]?.blocked).toEqual({
      code: 'chart-held-by-other',
      params: { app: appName, held: 'other', chart: 'nginx' },
      message: `store app ${appName} holds chart "other", not "nginx"; rename or delete that app`,
    });
  });
});

describe('planImport before ks-core 4.1.3 (dash-formatted version names)', () => {
  const old = { ...context, dialect: dialectFor('v4.1.2') };
  const plus = {
    charts: [
      {
        chart: 'nginx',
        versions: [ref('nginx', '1.0.0-build.1'), ref('nginx', '1.0.0+build.1'), ref('nginx', '2.0.0-RC.1')],
      },
    ],
    missingCharts: [],
    warnings: [],
  };
  const app = { name: appName, state: 'active', workspace: '', categoryName: '', originalName: 'nginx' };

  it('refuses a version whose name stays invalid, and the second of two versions named alike', () => {
    const plan = planImport(plus, { apps: new Map(), versions: new Map() }, old);
    const [first, second, rc] = plan.charts[0]?.versions ?? [];
    expect(first?.refused).toBeUndefined();
    expect(second?.refused).toEqual({
      code: 'version-name-clash',
      params: {
        server: 'v4.1.2',
        holder: '1.0.0-build.1',
        version: '1.0.0+build.1',
        name: `${appName}-1.0.0-build.1`,
      },
      message: `KubeSphere v4.1.2 names versions 1.0.0-build.1 and 1.0.0+build.1 alike (${appName}-1.0.0-build.1); only 1.0.0-build.1 is imported`,
    });
    expect(rc?.refused).toEqual({
      code: 'version-unstorable',
      params: { server: 'v4.1.2', version: '2.0.0-RC.1', name: `${appName}-2.0.0---.1` },
      message: expect.stringMatching(
        /^KubeSphere v4\.1\.2 cannot store version 2\.0\.0-RC\.1: it names it .*-2\.0\.0---\.1/,
      ) as string,
    });
    // 4.1.3 stores all three
    const now = planImport(plus, { apps: new Map(), versions: new Map() }, context);
    expect(now.charts[0]?.versions.map((v) => v.refused)).toEqual([undefined, undefined, undefined]);
  });

  it('finds a version by the name the server gave it, whose versionName is the formatted one', () => {
    const single = { ...plus, charts: [{ chart: 'nginx', versions: [ref('nginx', '1.0.0+build.1')] }] };
    const stored = [{ name: `${appName}-1.0.0-build.1`, versionName: '1.0.0-build.1', state: 'active' }];
    const snapshot = { apps: new Map([[appName, app]]), versions: new Map([[appName, stored]]) };
    expect(planImport(single, snapshot, old).charts[0]?.versions[0]?.action).toBe('exists');
    // 4.1.3 would have named it by its SHA-1: a different version
    expect(planImport(single, snapshot, context).charts[0]?.versions[0]?.action).toBe('create');
  });

  it("after an upgrade to 4.1.3, finds a version stored under 4.1.2's name when the digest matches", () => {
    const withDigest = { ...ref('nginx', '1.0.0+build.1'), digest: 'abc' };
    const single = { ...plus, charts: [{ chart: 'nginx', versions: [withDigest] }] };
    const stored = [
      { name: `${appName}-1.0.0-build.1`, versionName: '1.0.0-build.1', state: 'active', digest: 'abc' },
    ];
    const snapshot = { apps: new Map([[appName, app]]), versions: new Map([[appName, stored]]) };
    expect(planImport(single, snapshot, context).charts[0]?.versions[0]?.action).toBe('exists');
    const otherPackage = [
      {
        ...stored[0],
        name: `${appName}-1.0.0-build.1`,
        versionName: '1.0.0-build.1',
        state: 'active',
        digest: 'def',
      },
    ];
    expect(
      planImport(single, { ...snapshot, versions: new Map([[appName, otherPackage]]) }, context).charts[0]
        ?.versions[0]?.action,
    ).toBe('create');
  });
});
