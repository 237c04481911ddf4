// What is already in the store: apps uploaded by hand, suspended apps, versions in review.
// The importer leaves what it does not own alone and never duplicates what it does.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { buildChart, buildRepo, indexRepo } from '../support/charts.js';
import { parseReport } from '../support/cli.js';
import { stateOf, writesOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

const h = useImportHarness([
  { name: 'alpha', version: '1.0.0' },
  { name: 'alpha', version: '1.1.0' },
]);
const cli = (...args: string[]) => h.cli(...args);

const storeApi = (method: string, path: string, body?: unknown) => h.storeApi(method, path, body);

describe('an app uploaded by hand with the same chart', () => {
  it('is left untouched; the import makes its own app once, and finds it again', async () => {
    const pkg = await readFile(join(h.repoDir, 'alpha-1.0.0.tgz'));
    const upload = await storeApi('POST', '/apps', { appType: 'helm', package: pkg.toString('base64') });
    expect(upload.status).toBe(200);
    const handMade = stateOf(h.emulator).apps[0]?.metadata.name;

    expect((await cli()).code).toBe(0);
    expect((await cli()).code).toBe(0);
    const apps = stateOf(h.emulator).apps;
    expect(apps).toHaveLength(2);
    const manual = apps.find((app) => app.metadata.name === handMade);
    expect(manual?.status?.state).toBe('draft');
    expect(
      stateOf(h.emulator).versions.filter(
        (v) => v.metadata.labels?.['application.kubesphere.io/app-id'] === handMade,
      ),
    ).toHaveLength(1);
  });
});

describe('a suspended app', () => {
  it('gets the new version but stays suspended, with a warning', async () => {
    const first = parseReport(await cli('--versions', '1', '--charts', 'alpha'));
    const app = first.items[0]?.app ?? '';
    expect((await storeApi('POST', `/apps/${app}/action`, { state: 'suspended' })).status).toBe(200);

    await buildChart(h.repoDir, { name: 'alpha', version: '1.2.0' });
    await indexRepo(h.repoDir);
    try {
      const result = await cli('--charts', 'alpha');
      expect(result.code, result.stderr).toBe(0);
      expect(parseReport(result).items).toEqual([
        expect.objectContaining({ version: '1.2.0', status: 'created' }),
      ]);
      expect(result.stderr).toMatch(/is suspended in the store/);
      const state = stateOf(h.emulator);
      expect(state.apps[0]?.status?.state).toBe('suspended');
      expect(state.versions.map((v) => v.spec?.versionName).sort()).toEqual(['1.1.0', '1.2.0']);
    } finally {
      await rm(join(h.repoDir, 'alpha-1.2.0.tgz'));
      await indexRepo(h.repoDir);
    }
  });
});

describe('versions in review', () => {
  it('stay in review when a later run asks to release', async () => {
    expect((await cli('--publish', 'review', '--versions', 'all')).code).toBe(0);
    const again = await cli('--publish', 'active', '--versions', 'all');
    expect(again.code).toBe(0);
    expect(parseReport(again).summary).toEqual({ created: 0, exists: 2, failed: 0, planned: 0 });
    for (const version of stateOf(h.emulator).versions) expect(version.status?.state).toBe('submitted');
    expect(stateOf(h.emulator).apps[0]?.status?.state).toBe('draft');
  });

  it('released versions stay released when a later run asks for review (nothing is written)', async () => {
    // ks-core 4.1.3's ApplicationRelease webhook refuses installs and upgrades of a version that is
    // not active (apprelease_webhook.go): a version in use must never be moved back.
    expect((await cli('--versions', 'all')).code).toBe(0);
    const writes = writesOf(h.emulator).length;
    const review = await cli('--publish', 'review', '--versions', 'all');
    expect(parseReport(review).summary).toEqual({ created: 0, exists: 2, failed: 0, planned: 0 });
    expect(writesOf(h.emulator)).toHaveLength(writes);
    for (const version of stateOf(h.emulator).versions) expect(version.status?.state).toBe('active');
  });

  it('a draft import released later: the drafts are published and the app released', async () => {
    expect((await cli('--publish', 'draft')).code).toBe(0);
    const release = await cli('--publish', 'active');
    expect(parseReport(release).items).toEqual([
      expect.objectContaining({
        version: '1.1.0',
        status: 'created',
        reason: 'completed a draft left by an earlier run',
      }),
    ]);
    expect(stateOf(h.emulator).apps[0]?.status?.state).toBe('active');
  });
});

describe('an app name taken by another chart', () => {
  it('fails that chart with a reason and touches nothing', async () => {
    const name = parseReport(await cli('--dry-run')).items[0]?.app ?? '';
    // Someone uploaded a different chart under exactly that name.
    const other = await buildRepo([{ name: 'alpha', version: '9.9.9' }]);
    try {
      const chart = await readFile(join(other, 'alpha-9.9.9.tgz'));
      const upload = await storeApi('POST', '/apps', {
        appName: name,
        originalName: 'not-alpha',
        appType: 'helm',
        package: chart.toString('base64'),
      });
      expect(upload.status).toBe(200);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    const result = await cli();
    expect(result.code).toBe(1);
    expect(parseReport(result).items[0]?.reason).toMatch(/holds chart "not-alpha", not "alpha"/);
    expect(stateOf(h.emulator).versions).toHaveLength(1);
  });
});
