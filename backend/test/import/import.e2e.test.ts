// The CLI end to end: a real helm-built repository on 127.0.0.1, the KubeSphere emulator, the CLI
// as a child process. Covers first import, re-runs, new versions, version policies, publish
// modes, categories, workspaces and dry runs.
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

import { buildChart, indexRepo } from '../support/charts.js';
import { parseReport } from '../support/cli.js';
import { stateOf, storeFingerprint, writesOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

const h = useImportHarness(
  [
    { name: 'alpha', version: '1.0.0' },
    { name: 'alpha', version: '1.1.0' },
    { name: 'alpha', version: '2.0.0-rc.1' },
    { name: 'beta', version: '0.1.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
    { name: 'delta', version: '3.0.0', annotations: { category: 'Networking' } },
    { name: 'gamma', version: '1.0.0', deprecated: true },
  ],
  { emulator: { workspaces: ['ws1', 'ws2'] } },
);
const cli = (...args: string[]) => h.cli(...args);

describe('a first import', () => {
  it('creates one released app per chart with its newest stable version, and exits 0', async () => {
    const result = await cli();
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result);
    expect(report.repo).toBe(h.repo.url);
    expect(report.items.map((i) => `${i.chart} ${i.version} ${i.status}`).sort()).toEqual([
      'alpha 1.1.0 created',
      'beta 0.1.0 created',
      'delta 3.0.0 created',
    ]);
    expect(report.summary).toEqual({ created: 3, exists: 0, failed: 0, planned: 0 });
    expect(result.stderr).toContain(
      'warning: gamma: skipped, the chart is deprecated (include deprecated charts to import it)\n',
    );

    const state = stateOf(h.emulator);
    expect(state.apps).toHaveLength(3);
    for (const app of state.apps) {
      expect(app.status?.state).toBe('active');
      expect(app.metadata.labels?.['application.kubesphere.io/app-store']).toBe('true');
      expect(app.metadata.labels?.['application.kubesphere.io/repo-name']).toBe('upload');
      const item = report.items.find((i) => i.app === app.metadata.name);
      expect(item, `app ${app.metadata.name} is in the report`).toBeDefined();
    }
    for (const version of state.versions) expect(version.status?.state).toBe('active');
  });

  it('files charts under their categories, creating missing ones, and the rest as uncategorized', async () => {
    await cli();
    const state = stateOf(h.emulator);
    const categoryOf = (chart: string) =>
      state.apps.find((a) => a.metadata.annotations?.['application.kubesphere.io/app-originalName'] === chart)
        ?.metadata.labels?.['application.kubesphere.io/app-category-name'];
    const displayName = (name: string | undefined) =>
      state.categories.find((c) => c.metadata.name === name)?.metadata.annotations?.[
        'kubesphere.io/alias-name'
      ];
    expect(displayName(categoryOf('beta'))).toBe('Database');
    expect(displayName(categoryOf('delta'))).toBe('Networking');
    expect(categoryOf('alpha')).toBe('kubesphere-app-uncategorized');
  });

  it('reuses an existing category whose display name matches, whatever its case', async () => {
    const response = await h.storeApi('POST', '/categories', {
      metadata: { name: 'my-db', annotations: { 'kubesphere.io/alias-name': 'database' } },
      spec: {},
    });
    expect(response.status).toBe(200);
    await cli('--charts', 'beta');
    const state = stateOf(h.emulator);
    expect(state.apps[0]?.metadata.labels?.['application.kubesphere.io/app-category-name']).toBe('my-db');
    expect(
      state.categories.filter((c) => c.metadata.annotations?.['kubesphere.io/alias-name'] === 'Database'),
    ).toHaveLength(0);
  });
});

describe('re-runs', () => {
  it('create nothing and write nothing when nothing changed', async () => {
    expect((await cli()).code).toBe(0);
    const before = storeFingerprint(h.emulator);
    const writesBefore = writesOf(h.emulator).length;
    const again = await cli();
    expect(again.code).toBe(0);
    expect(parseReport(again).summary).toEqual({ created: 0, exists: 3, failed: 0, planned: 0 });
    expect(storeFingerprint(h.emulator)).toEqual(before);
    expect(writesOf(h.emulator)).toHaveLength(writesBefore);
  });

  it('upload only the version the repository gained', async () => {
    await cli('--charts', 'alpha');
    await buildChart(h.repoDir, { name: 'alpha', version: '1.2.0' });
    await indexRepo(h.repoDir);
    try {
      const report = parseReport(await cli('--charts', 'alpha'));
      expect(report.items).toEqual([
        expect.objectContaining({ chart: 'alpha', version: '1.2.0', status: 'created' }),
      ]);
      const state = stateOf(h.emulator);
      expect(state.apps).toHaveLength(1);
      expect(state.versions.map((v) => v.spec?.versionName).sort()).toEqual(['1.1.0', '1.2.0']);
      expect(state.apps[0]?.metadata.annotations?.['application.kubesphere.io/latest-app-version']).toBe(
        '1.2.0',
      );
    } finally {
      await rm(`${h.repoDir}/alpha-1.2.0.tgz`);
      await indexRepo(h.repoDir);
    }
  });
});

describe('version policies', () => {
  it('--versions all uploads every version oldest first, so latest-app-version is the highest', async () => {
    const report = parseReport(await cli('--versions', 'all', '--charts', 'alpha'));
    expect(report.items.map((i) => i.version)).toEqual(['1.0.0', '1.1.0', '2.0.0-rc.1']);
    const uploads = writesOf(h.emulator).filter(
      (w) => w.method === 'POST' && /\/apps(\/[^/]+\/versions)?$/.test(w.path),
    );
    expect(uploads).toHaveLength(3);
    expect(
      stateOf(h.emulator).apps[0]?.metadata.annotations?.['application.kubesphere.io/latest-app-version'],
    ).toBe('2.0.0-rc.1');
  });

  it('--versions 2 takes the two newest stable versions', async () => {
    const report = parseReport(await cli('--versions', '2', '--charts', 'alpha'));
    expect(report.items.map((i) => i.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('--include-deprecated imports deprecated charts', async () => {
    const report = parseReport(await cli('--include-deprecated', '--charts', 'gamma'));
    expect(report.items).toEqual([
      expect.objectContaining({ chart: 'gamma', version: '1.0.0', status: 'created' }),
    ]);
  });

  it('--charts reports a chart the repository lacks as failed, exit 1', async () => {
    const result = await cli('--charts', 'alpha,nope');
    expect(result.code).toBe(1);
    expect(parseReport(result).items).toContainEqual(
      expect.objectContaining({
        chart: 'nope',
        status: 'failed',
        reason: 'no chart of this name in the repository',
      }),
    );
    // The --json items keep their five fields: no messages, no remedy.
    for (const item of parseReport(result).items)
      expect(Object.keys(item)).toEqual(['chart', 'version', 'status', 'app', 'reason']);
  });
});

describe('publish modes and targets', () => {
  it('--publish review submits the versions and leaves the app in draft', async () => {
    expect((await cli('--publish', 'review', '--charts', 'alpha')).code).toBe(0);
    const state = stateOf(h.emulator);
    expect(state.apps[0]?.status?.state).toBe('draft');
    expect(state.versions[0]?.status?.state).toBe('submitted');
  });

  it('--publish draft only uploads', async () => {
    expect((await cli('--publish', 'draft', '--charts', 'alpha')).code).toBe(0);
    const state = stateOf(h.emulator);
    expect(state.apps[0]?.status?.state).toBe('draft');
    expect(state.versions[0]?.status?.state).toBe('draft');
  });

  it('--workspace puts the apps in that workspace, apart from the global ones', async () => {
    await cli('--charts', 'alpha');
    expect((await cli('--charts', 'alpha', '--workspace', 'ws1')).code).toBe(0);
    const state = stateOf(h.emulator);
    expect(state.apps.map((a) => a.metadata.labels?.['kubesphere.io/workspace']).sort()).toEqual(['', 'ws1']);
    expect(new Set(state.apps.map((a) => a.metadata.name)).size).toBe(2);
  });

  it('--workspace that does not exist exits 2 naming it, before the repository is read, writing nothing', async () => {
    const seen = h.repo.requests.length;
    for (const dryRun of [[], ['--dry-run']]) {
      const result = await cli('--workspace', 'ws9', ...dryRun);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(
        'workspace "ws9" does not exist in KubeSphere, or you cannot see it: pick one of the workspaces you can see (ws1, ws2), or import into the global App Store (no workspace)',
      );
      expect(result.stdout).not.toContain('"items"');
    }
    expect(h.repo.requests.slice(seen)).toEqual([]);
    expect(writesOf(h.emulator)).toEqual([]);
    expect(stateOf(h.emulator).apps).toEqual([]);
  });

  it('--dry-run plans without writing anything', async () => {
    const result = await cli('--dry-run');
    expect(result.code).toBe(0);
    expect(parseReport(result).summary).toEqual({ created: 0, exists: 0, failed: 0, planned: 3 });
    expect(writesOf(h.emulator)).toHaveLength(0);
    expect(stateOf(h.emulator).apps).toHaveLength(0);
  });
});
