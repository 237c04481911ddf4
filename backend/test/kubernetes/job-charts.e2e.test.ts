// A job's per-chart outcome, its notes and its category mapping kept in Kubernetes: a job run with
// the ImportJob store (the Kubernetes API emulator with the product's CRDs, which prunes what their
// schemas do not name) reads back whole from another replica, as after a page reload.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createChartRepository } from '../../src/engine/repo/index.js';
import { appNameFor } from '../../src/engine/store/names.js';
import { createKubeSphereGateway } from '../../src/service/jobs/kubesphere.js';
import { JobManager } from '../../src/service/jobs/manager.js';
import { type JobRecord, isTerminalPhase } from '../../src/service/jobs/types.js';
import { createLogger } from '../../src/service/logger.js';
import { createKubernetesStores } from '../../src/service/state/kubernetes.js';
import { useImportHarness } from '../support/harness.js';
import { NAMESPACE, startKubernetes } from './support.js';

const h = useImportHarness([
  { name: 'alpha', version: '1.0.0' },
  { name: 'alpha', version: '1.1.0' },
  { name: 'beta', version: '2.0.0' },
  // Over ks-core's 1 MiB package limit with docs no template reads: slimmed, which is a note.
  { name: 'bulky', version: '1.0.0', files: { 'docs/manual.bin': randomBytes(1.5 * 1024 * 1024) } },
]);

let kube: Awaited<ReturnType<typeof startKubernetes>>;
beforeAll(async () => {
  kube = await startKubernetes();
});
afterAll(async () => {
  await kube.server.close();
});

function manager(podName: string): JobManager {
  const kubesphere = createKubeSphereGateway({ server: h.emulator.url, timeoutMs: 10_000 });
  return new JobManager({
    stores: createKubernetesStores({ namespace: NAMESPACE, kubeConfig: kube.kubeConfig }),
    kubesphere,
    repos: {
      factory: createChartRepository,
      outbound: {},
      maxIndexBytes: 1024 * 1024,
      maxPackageBytes: 8 * 1024 * 1024,
    },
    logger: createLogger('silent'),
    podName,
    maxRunningJobs: 1,
    maxJobConcurrency: 4,
    serviceAccountTokenFile: '/nonexistent',
    storePackageLimitBytes: 1_048_576,
    checkpointMs: 100,
  });
}

async function ended(jobs: JobManager, id: string): Promise<JobRecord> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = await jobs.get(id);
    if (job && isTerminalPhase(job.status.phase) && !jobs.isLocal(id)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not end`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('ImportJob status.charts and status.notes in Kubernetes', () => {
  it('reads back whole on another replica after the job ended', async () => {
    const running = manager('pod-a');
    const started = await running.start(
      {
        source: { url: h.repo.url },
        versions: 'all',
        includeDeprecated: false,
        publish: 'active',
        dryRun: false,
        concurrency: 2,
        categories: { alpha: 'Web' },
      },
      { identity: { token: h.emulator.adminToken }, requestedBy: 'admin' },
    );
    const job = await ended(running, started.id);
    expect(job.status.phase).toBe('Succeeded');

    const reloaded = await manager('pod-b').get(started.id);
    const app = (chart: string) =>
      appNameFor({ repoUrl: h.repo.url, chartName: chart, workspace: undefined });
    expect(reloaded?.spec.categories).toEqual({ alpha: 'Web' });
    expect(reloaded?.status.charts).toEqual([
      { chart: 'alpha', app: app('alpha'), total: 2, created: 2, exists: 0, failed: 0, planned: 0 },
      { chart: 'beta', app: app('beta'), total: 1, created: 1, exists: 0, failed: 0, planned: 0 },
      { chart: 'bulky', app: app('bulky'), total: 1, created: 1, exists: 0, failed: 0, planned: 0 },
    ]);
    expect(reloaded?.status.failures).toEqual([]);
    expect(reloaded?.status.notes).toMatchObject([
      { chart: 'bulky', version: '1.0.0', status: 'created', app: app('bulky') },
    ]);
    expect(reloaded?.status.notes?.[0]?.reason).toMatch(
      /^slimmed from \d+ to \d+ bytes, removed .*docs\/manual\.bin/,
    );
    expect(reloaded?.status.notes).toEqual(job.status.notes);
    await running.shutdown();
  });
});
