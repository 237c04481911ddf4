// Versions the repository no longer lists, through the service: a preview lists them (and with
// `prune`, what an import would do), a job with `prune` removes them and keeps its outcome in its
// status, a sync saved with `prune` does so on every run. The real app, the emulator, a helm-built
// repository whose index loses a version after the first import.
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { RepoPreview } from '../../src/contract/index.js';
import { appNameFor } from '../../src/engine/store/names.js';
import type { JobRecord, SyncRecord } from '../../src/service/jobs/types.js';
import { schemaValidator } from '../../src/service/validation.js';
import { indexRepo } from '../support/charts.js';
import { stateOf } from '../support/emulator.js';
import { jobOf, useServiceHarness } from './support.js';

describe('versions the repository no longer lists', () => {
  const h = useServiceHarness();
  const alpha = () => appNameFor({ repoUrl: h.repo.url, chartName: 'alpha', workspace: undefined });

  /** spec.versionName of the store's alpha versions. */
  const alphaVersions = (): string[] =>
    stateOf(h.emulator)
      .versions.filter((v) => v.metadata.labels?.['application.kubesphere.io/app-id'] === alpha())
      .map((v) => v.spec?.versionName ?? '')
      .sort();

  /** Imports every version, then takes alpha 0.1.0 out of the repository for `body`. */
  async function afterAlphaLosesOldest(body: () => Promise<void>): Promise<void> {
    const first = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url }, versions: 'all' } });
    expect((await h.waitForJob(jobOf(first.body).id)).status.phase).toBe('Succeeded');
    const aside = await mkdtemp(join(tmpdir(), 'pruned-packages-'));
    await rename(join(h.repoDir, 'alpha-0.1.0.tgz'), join(aside, 'alpha-0.1.0.tgz'));
    await indexRepo(h.repoDir);
    try {
      await body();
    } finally {
      await rename(join(aside, 'alpha-0.1.0.tgz'), join(h.repoDir, 'alpha-0.1.0.tgz'));
      await indexRepo(h.repoDir);
      await rm(aside, { recursive: true, force: true });
    }
  }

  it('a preview lists them, and with prune what an import would do, removing nothing', async () => {
    await afterAlphaLosesOldest(async () => {
      const plain = await h.api('POST', '/previews', { body: { source: { url: h.repo.url } } });
      expect(plain.status).toBe(200);
      const preview = plain.body as RepoPreview;
      expect(schemaValidator('RepoPreview')(preview)).toBe(true);
      expect(preview.removedUpstream).toEqual([
        { chart: 'alpha', app: alpha(), versions: ['0.1.0'], chartGone: false },
      ]);
      expect(preview.pruned).toBeUndefined();
      expect(preview.warnings).toContainEqual(
        expect.objectContaining({ code: 'versions-removed-upstream', params: { count: 1, charts: 1 } }),
      );

      const pruning = await h.api('POST', '/previews', {
        body: { source: { url: h.repo.url }, prune: true },
      });
      const withPrune = pruning.body as RepoPreview;
      expect(schemaValidator('RepoPreview')(withPrune)).toBe(true);
      expect(withPrune.pruned).toEqual([
        expect.objectContaining({ chart: 'alpha', version: '0.1.0', app: alpha(), status: 'planned' }),
      ]);
      expect(withPrune.warnings.map((w) => w.code)).not.toContain('versions-removed-upstream');
      expect(alphaVersions()).toEqual(['0.1.0', '0.2.0']);
    });
  });

  it('a job with prune removes them and keeps what it did in its status', async () => {
    await afterAlphaLosesOldest(async () => {
      const started = await h.api('POST', '/jobs', {
        body: { source: { url: h.repo.url }, versions: 'all', prune: true },
      });
      expect(started.status).toBe(202);
      const job = await h.waitForJob(jobOf(started.body).id);
      expect(job.status.phase).toBe('Succeeded');
      expect(job.spec.prune).toBe(true);
      expect(job.status.pruned).toEqual([
        {
          chart: 'alpha',
          version: '0.1.0',
          app: alpha(),
          status: 'removed',
          reason: 'the repository no longer lists this version',
          reasons: [
            { code: 'prune-removed', params: {}, message: 'the repository no longer lists this version' },
          ],
        },
      ]);
      expect(schemaValidator('JobRecord')(job)).toBe(true);
      expect(alphaVersions()).toEqual(['0.2.0']);
    });
  });

  it('a job without prune leaves them and warns', async () => {
    await afterAlphaLosesOldest(async () => {
      const started = await h.api('POST', '/jobs', {
        body: { source: { url: h.repo.url }, versions: 'all' },
      });
      const job = await h.waitForJob(jobOf(started.body).id);
      expect(job.status.pruned).toBeUndefined();
      expect(job.status.warnings).toContainEqual(
        expect.objectContaining({ code: 'versions-removed-upstream', params: { count: 1, charts: 1 } }),
      );
      expect(alphaVersions()).toEqual(['0.1.0', '0.2.0']);
    });
  });

  it('a sync saved with prune removes them when it runs', async () => {
    const created = await h.api('POST', '/syncs', {
      body: {
        name: 'pruning',
        schedule: '0 3 * * *',
        source: { url: h.repo.url },
        versions: 'all',
        prune: true,
      },
    });
    expect(created.status).toBe(201);
    expect((created.body as SyncRecord).spec.prune).toBe(true);
    await afterAlphaLosesOldest(async () => {
      const run = await h.api('POST', '/syncs/pruning/run');
      expect(run.status).toBe(202);
      const job: JobRecord = await h.waitForJob(jobOf(run.body).id);
      expect(job.status.phase).toBe('Succeeded');
      expect(job.status.pruned?.map((p) => `${p.chart} ${p.version} ${p.status}`)).toEqual([
        'alpha 0.1.0 removed',
      ]);
      expect(alphaVersions()).toEqual(['0.2.0']);
    });
    // An edit without it turns it off.
    const current = (await h.api('GET', '/syncs/pruning')).body as SyncRecord & { resourceVersion: string };
    const updated = await h.api('PUT', '/syncs/pruning', {
      body: {
        resourceVersion: current.resourceVersion,
        schedule: '0 3 * * *',
        source: { url: h.repo.url },
        versions: 'all',
      },
    });
    expect(updated.status).toBe(200);
    expect((updated.body as SyncRecord).spec.prune).toBeUndefined();
  });
});
