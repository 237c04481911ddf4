// Adopting apps uploaded by hand, end to end: a package uploaded the way the console does (no app
// name, no digest), then the CLI importing the repository with and without --adopt.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { parseReport } from '../support/cli.js';
import { stateOf, writesOf } from '../support/emulator.js';
import { uploadByHand } from '../support/hand-upload.js';
import { useImportHarness } from '../support/harness.js';

const h = useImportHarness(
  [
    { name: 'nginx', version: '1.0.0' },
    { name: 'nginx', version: '1.1.0' },
    { name: 'redis', version: '2.0.0' },
  ],
  { emulator: { workspaces: ['ws1'] } },
);
const nginx100 = () => join(h.repoDir, 'nginx-1.0.0.tgz');
const cli = (...args: string[]) => h.cli('--versions', 'all', ...args);

/** The store's nginx apps: name, category, display name, and their versions' names and states. */
function nginxApps() {
  const state = stateOf(h.emulator);
  return state.apps
    .filter(({ metadata }) => metadata.name.startsWith('nginx-'))
    .map(({ metadata }) => ({
      name: metadata.name,
      category: metadata.labels?.['application.kubesphere.io/app-category-name'],
      alias: metadata.annotations?.['kubesphere.io/alias-name'],
      versions: state.versions
        .filter((v) => v.metadata.labels?.['application.kubesphere.io/app-id'] === metadata.name)
        .map((v) => `${v.spec?.versionName ?? ''} ${v.status?.state ?? ''}`)
        .sort(),
    }));
}

describe('an app uploaded by hand', () => {
  it('is adopted with --adopt: no second app, the missing versions go to it, its own version exists', async () => {
    const hand = await uploadByHand(h.emulator, nginx100());
    expect(hand).toMatch(/^nginx-[a-z0-9]{5}$/);

    const result = await cli('--adopt');
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result);
    const nginx = report.items.filter(({ chart }) => chart === 'nginx');
    expect(nginx.map(({ version, status, app }) => `${version} ${status} ${app}`)).toEqual([
      `1.0.0 exists ${hand}`,
      `1.1.0 created ${hand}`,
    ]);
    for (const item of nginx)
      expect(item.reason).toBe(`in app ${hand}, uploaded by hand and adopted by this import`);
    // The other chart gets its own app as always
    expect(report.items.find(({ chart }) => chart === 'redis')?.status).toBe('created');

    // The hand version stays the admin's draft; the app keeps its category and display name.
    expect(nginxApps()).toEqual([
      {
        name: hand,
        category: 'kubesphere-app-uncategorized',
        alias: 'nginx',
        versions: ['1.0.0 draft', '1.1.0 active'],
      },
    ]);
    expect(result.stderr).not.toContain('uploaded by hand for this chart');
  });

  it('without --adopt gets a second app beside it, with a warning', async () => {
    const hand = await uploadByHand(h.emulator, nginx100());
    const result = await cli();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `warning: nginx: app ${hand} was uploaded by hand for this chart; a new app is created beside it. To add the chart's versions to that app instead, adopt it (--adopt,`,
    );
    const apps = nginxApps();
    expect(apps).toHaveLength(2);
    const own = parseReport(result).items.find(({ chart }) => chart === 'nginx')?.app;
    expect(own).not.toBe(hand);
    expect(apps.find(({ name }) => name === own)?.versions).toEqual(['1.0.0 active', '1.1.0 active']);
    // Once the chart has its own app, runs say no more about the hand upload
    const again = await cli();
    expect(again.stderr).not.toContain('uploaded by hand');
  });

  it('warns in a dry run, before anything is written', async () => {
    const hand = await uploadByHand(h.emulator, nginx100());
    const writes = writesOf(h.emulator).length;
    const result = await cli('--dry-run');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`app ${hand} was uploaded by hand for this chart`);
    expect(writesOf(h.emulator)).toHaveLength(writes);
    const adopting = parseReport(await cli('--dry-run', '--adopt'));
    expect(
      adopting.items.filter(({ chart }) => chart === 'nginx').map(({ status, app }) => `${status} ${app}`),
    ).toEqual(['exists ' + hand, 'planned ' + hand]);
    expect(writesOf(h.emulator)).toHaveLength(writes);
  });

  it('is found again by a later run without --adopt, which creates nothing', async () => {
    const hand = await uploadByHand(h.emulator, nginx100());
    expect((await cli('--adopt')).code).toBe(0);
    const writes = writesOf(h.emulator).length;

    const result = await cli();
    expect(result.code, result.stderr).toBe(0);
    const report = parseReport(result);
    expect(report.summary).toEqual({ created: 0, exists: 3, failed: 0, planned: 0 });
    expect(
      report.items.filter(({ chart }) => chart === 'nginx').map(({ app, reason }) => [app, reason]),
    ).toEqual([
      [hand, ''],
      [hand, ''],
    ]);
    expect(result.stderr).not.toContain('uploaded by hand');
    expect(writesOf(h.emulator)).toHaveLength(writes);
    expect(nginxApps()).toHaveLength(1);
  });

  it('of several, none is adopted and no app is created: the chart fails, naming them', async () => {
    const [first, second] = [
      await uploadByHand(h.emulator, nginx100()),
      await uploadByHand(h.emulator, nginx100()),
    ].sort();
    const result = await cli('--adopt');
    expect(result.code).toBe(1);
    const nginx = parseReport(result).items.filter(({ chart }) => chart === 'nginx');
    expect(nginx.map(({ status, app }) => `${status} ${app}`)).toEqual(['failed ', 'failed ']);
    expect(nginx[0]?.reason).toBe(
      `several apps uploaded by hand hold chart "nginx" (${first}, ${second}): none was adopted and no app was created; delete the ones not to keep, or import without adopting to create a new app`,
    );
    expect(
      nginxApps()
        .map(({ name }) => name)
        .sort(),
    ).toEqual([first, second]);
  });

  it("is adopted only into its own workspace's import", async () => {
    const hand = await uploadByHand(h.emulator, nginx100(), 'ws1');
    const global = parseReport(await cli('--adopt', '--charts', 'nginx'));
    expect(global.items.map(({ app }) => app)).not.toContain(hand);
    const inWorkspace = parseReport(await cli('--adopt', '--charts', 'nginx', '--workspace', 'ws1'));
    expect(inWorkspace.items.map(({ status, app }) => `${status} ${app}`)).toEqual([
      `exists ${hand}`,
      `created ${hand}`,
    ]);
  });
});
