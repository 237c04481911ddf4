// Versions the repository no longer lists, end to end: a helm-built repository on 127.0.0.1 whose
// index loses versions (and a whole chart) between two runs, the KubeSphere emulator, the CLI as a
// child process. Without --prune they stay and a warning counts them; --dry-run --prune lists
// them; --prune removes them but an app's last version and a version an installed app uses.
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { indexRepo } from '../support/charts.js';
import { parseReport, runCli, targetArgs, type CliJsonReport } from '../support/cli.js';
import { stateOf, writesOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

const h = useImportHarness(
  [
    { name: 'alpha', version: '1.0.0' },
    { name: 'alpha', version: '1.1.0' },
    { name: 'alpha', version: '1.2.0' },
    { name: 'beta', version: '0.1.0' },
    { name: 'beta', version: '0.2.0' },
    { name: 'gamma', version: '1.0.0' },
  ],
  { emulator: { workspaces: ['ws1'] } },
);

interface PrunedEntry {
  chart: string;
  version: string;
  app: string;
  status: string;
  reason: string;
}
type PruneReport = CliJsonReport & { pruned?: PrunedEntry[] };

const report = (result: Awaited<ReturnType<typeof h.cli>>): PruneReport => parseReport(result);

/** The store's versions (spec.versionName) of a chart's app, sorted. */
function storeVersions(chart: string): string[] {
  const state = stateOf(h.emulator);
  const app = state.apps.find(
    (a) => a.metadata.annotations?.['application.kubesphere.io/app-originalName'] === chart,
  )?.metadata.name;
  return state.versions
    .filter((v) => v.metadata.labels?.['application.kubesphere.io/app-id'] === app)
    .map((v) => v.spec?.versionName ?? '')
    .sort();
}

/** The version object of a chart version in the store. */
function versionObject(chart: string, version: string): { app: string; name: string } {
  const state = stateOf(h.emulator);
  const app =
    state.apps.find((a) => a.metadata.annotations?.['application.kubesphere.io/app-originalName'] === chart)
      ?.metadata.name ?? '';
  const found = state.versions.find(
    (v) => v.metadata.labels?.['application.kubesphere.io/app-id'] === app && v.spec?.versionName === version,
  );
  if (!found) throw new Error(`${chart} ${version} is not in the store`);
  return { app, name: found.metadata.name };
}

/** Runs `body` while the repository's index lacks these packages (`<chart>-<version>.tgz`). */
async function withoutPackages(packages: string[], body: () => Promise<void>): Promise<void> {
  const aside = await mkdtemp(join(tmpdir(), 'pruned-packages-'));
  for (const name of packages) await rename(join(h.repoDir, name), join(aside, name));
  await indexRepo(h.repoDir);
  try {
    await body();
  } finally {
    for (const name of packages) await rename(join(aside, name), join(h.repoDir, name));
    await indexRepo(h.repoDir);
    await rm(aside, { recursive: true, force: true });
  }
}

const deletes = (): { method: string; path: string }[] =>
  writesOf(h.emulator).filter((write) => write.method === 'DELETE');

describe('versions the repository no longer lists', () => {
  it('stay without --prune, counted in a warning against the whole index, not the selection', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    await withoutPackages(['alpha-1.0.0.tgz', 'gamma-1.0.0.tgz'], async () => {
      // `latest` selects one version per chart: the older ones still listed are not "removed".
      const result = await h.cli();
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(
        'warning: 2 store versions of 2 charts are no longer listed by the repository; they stay. --prune removes them.\n',
      );
      expect(report(result)).not.toHaveProperty('pruned');
      expect(storeVersions('alpha')).toEqual(['1.0.0', '1.1.0', '1.2.0']);
      expect(storeVersions('gamma')).toEqual(['1.0.0']);
      expect(deletes()).toEqual([]);
    });
  });

  it('an unchanged re-run repeats the count of the full run it stands for', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    const cache = await mkdtemp(join(tmpdir(), 'prune-cache-'));
    try {
      await withoutPackages(['alpha-1.0.0.tgz'], async () => {
        const run = () => runCli([...h.baseArgs(), '--json'], { env: { STORE_IMPORTER_CACHE_DIR: cache } });
        const full = await run();
        expect(full.stderr).toContain(
          'warning: 1 store version of 1 chart is no longer listed by the repository',
        );
        const unchanged = await run();
        expect(unchanged.stdout).toContain('"unchanged":true');
        expect(unchanged.stderr).toContain(
          'warning: 1 store version of 1 chart is no longer listed by the repository; it stays. --prune removes it.',
        );
      });
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('--dry-run --prune lists what would go and what stays, and changes nothing', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    await withoutPackages(['alpha-1.0.0.tgz', 'beta-0.1.0.tgz', 'beta-0.2.0.tgz'], async () => {
      const result = await h.cli('--dry-run', '--prune');
      expect(result.code, result.stderr).toBe(0);
      expect(report(result).pruned?.map((p) => `${p.chart} ${p.version} ${p.status}`)).toEqual([
        'alpha 1.0.0 planned',
        'beta 0.2.0 kept',
        'beta 0.1.0 planned',
      ]);
      expect(report(result).pruned?.[1]?.reason).toMatch(/app's last version/);
      expect(result.stderr).not.toContain('--prune removes them');
      expect(storeVersions('alpha')).toEqual(['1.0.0', '1.1.0', '1.2.0']);
      expect(storeVersions('beta')).toEqual(['0.1.0', '0.2.0']);
      expect(deletes()).toEqual([]);
    });
  });

  it('--prune removes them, but never the last version of an app nor one an installed app uses', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    const used = versionObject('alpha', '1.1.0');
    h.emulator.seedRelease({
      name: 'my-alpha',
      app: used.app,
      version: used.name,
      workspace: 'ws1',
      namespace: 'demo',
    });
    await withoutPackages(
      ['alpha-1.0.0.tgz', 'alpha-1.1.0.tgz', 'beta-0.1.0.tgz', 'beta-0.2.0.tgz'],
      async () => {
        const result = await h.cli('--prune');
        expect(result.code, result.stderr).toBe(0);
        const pruned = report(result).pruned ?? [];
        expect(pruned.map((p) => `${p.chart} ${p.version} ${p.status}`)).toEqual([
          'alpha 1.1.0 kept',
          'alpha 1.0.0 removed',
          'beta 0.2.0 kept',
          'beta 0.1.0 removed',
        ]);
        expect(pruned[0]?.reason).toBe(
          'kept: KubeSphere reports it in use by 1 installed application; uninstall or upgrade it first',
        );
        expect(pruned[0]?.app).toBe(used.app);
        expect(storeVersions('alpha')).toEqual(['1.1.0', '1.2.0']);
        expect(storeVersions('beta')).toEqual(['0.2.0']);
        expect(storeVersions('gamma')).toEqual(['1.0.0']);
        expect(deletes().map((d) => d.path)).toHaveLength(2);

        // Again: what is left is kept for the same reasons, nothing more is removed.
        const again = await h.cli('--prune');
        expect(report(again).pruned?.map((p) => `${p.chart} ${p.version} ${p.status}`)).toEqual([
          'alpha 1.1.0 kept',
          'beta 0.2.0 kept',
        ]);
        expect(deletes()).toHaveLength(2);
      },
    );
  });

  it('--prune with --charts looks at those charts only', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    await withoutPackages(['alpha-1.0.0.tgz', 'beta-0.1.0.tgz', 'gamma-1.0.0.tgz'], async () => {
      const result = await h.cli('--prune', '--charts', 'alpha,gamma');
      expect(result.code, result.stderr).toBe(1); // gamma is not in the repository any more
      expect(report(result).pruned?.map((p) => `${p.chart} ${p.version} ${p.status}`)).toEqual([
        'alpha 1.0.0 removed',
        'gamma 1.0.0 kept',
      ]);
      expect(storeVersions('beta')).toEqual(['0.1.0', '0.2.0']);
      expect(storeVersions('alpha')).toEqual(['1.1.0', '1.2.0']);
    });
  });

  it('removes nothing when KubeSphere cannot say which versions are in use', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    await withoutPackages(['alpha-1.0.0.tgz'], async () => {
      h.emulator.setFaults({
        failNext: 1,
        errorStatus: 403,
        pathIncludes: '/applications',
        methods: ['GET'],
      });
      const result = await h.cli('--prune');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(
        'warning: nothing was removed: KubeSphere could not tell which versions are in use',
      );
      expect(report(result).pruned).toEqual([
        expect.objectContaining({
          chart: 'alpha',
          version: '1.0.0',
          status: 'kept',
          reason: 'kept: whether it is in use could not be checked',
        }),
      ]);
      expect(storeVersions('alpha')).toEqual(['1.0.0', '1.1.0', '1.2.0']);
      expect(deletes()).toEqual([]);
    });
  });

  it('a run again after a prune that could not check what is in use prunes, not "unchanged"', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    const cache = await mkdtemp(join(tmpdir(), 'prune-cache-'));
    try {
      await withoutPackages(['alpha-1.0.0.tgz'], async () => {
        const run = () =>
          runCli([...h.baseArgs(), '--json', '--prune'], { env: { STORE_IMPORTER_CACHE_DIR: cache } });
        h.emulator.setFaults({
          failNext: 1,
          errorStatus: 403,
          pathIncludes: '/applications',
          methods: ['GET'],
        });
        const first = await run();
        expect(first.stderr).toContain('warning: nothing was removed');
        expect(storeVersions('alpha')).toEqual(['1.0.0', '1.1.0', '1.2.0']);
        const again = await run();
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).not.toContain('"unchanged":true');
        expect(storeVersions('alpha')).toEqual(['1.1.0', '1.2.0']);
        // Pruned in full: now a run with the same index is unchanged.
        expect((await run()).stdout).toContain('"unchanged":true');
      });
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('an offline bundle, which carries some versions only, never counts the others as removed', async () => {
    expect((await h.cli('--versions', 'all')).code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'prune-bundle-'));
    try {
      const file = join(dir, 'charts.tgz');
      const made = await runCli(['bundle', '--repo', h.repo.url, '--output', file, '--charts', 'alpha']);
      expect(made.code, made.stderr).toBe(0);
      const fromBundle = (...args: string[]) =>
        runCli([...targetArgs(h.emulator, h.repo.url).slice(0, 4), '--bundle', file, '--json', ...args]);
      const plain = await fromBundle();
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stderr).not.toContain('no longer listed');
      const pruning = await fromBundle('--prune');
      expect(pruning.code, pruning.stderr).toBe(0);
      expect(report(pruning).pruned).toEqual([]);
      expect(pruning.stderr).toContain('warning: nothing was removed: an offline bundle carries some');
      expect(storeVersions('alpha')).toEqual(['1.0.0', '1.1.0', '1.2.0']);
      expect(deletes()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--prune into a workspace deletes through the workspace routes and asks about releases everywhere', async () => {
    expect((await h.cli('--versions', 'all', '--workspace', 'ws1', '--charts', 'alpha')).code).toBe(0);
    // Released to the store, a workspace's app can be installed from another workspace.
    const used = versionObject('alpha', '1.1.0');
    h.emulator.seedRelease({
      name: 'from-ws2',
      app: used.app,
      version: used.name,
      workspace: 'ws2',
      namespace: 'b',
    });
    await withoutPackages(['alpha-1.0.0.tgz', 'alpha-1.1.0.tgz'], async () => {
      const result = await h.cli('--prune', '--workspace', 'ws1', '--charts', 'alpha');
      expect(result.code, result.stderr).toBe(0);
      expect(report(result).pruned?.map((p) => `${p.version} ${p.status}`)).toEqual([
        '1.1.0 kept',
        '1.0.0 removed',
      ]);
      expect(deletes().map((d) => d.path)).toEqual([
        expect.stringMatching(
          /^\/kapis\/application\.kubesphere\.io\/v2\/workspaces\/ws1\/apps\/alpha-[a-z0-9]{5}\/versions\//,
        ),
      ]);
      const asked = stateOf(h.emulator).requestLog.filter((r) => r.path.includes('/applications'));
      expect(asked.map((r) => r.path.split('?')[0])).toEqual([
        '/kapis/application.kubesphere.io/v2/applications',
      ]);
      expect(storeVersions('alpha')).toEqual(['1.1.0', '1.2.0']);
    });
  });
});
