// Nothing waits forever, and one slow repository does not block everyone: a repository (or a
// KubeSphere) that accepts connections and never answers, against the real CLI (--timeout,
// --deadline, what it says while KubeSphere is silent) and the service's job queue (a job
// deadline, fair turns across users). Every run ends with a store holding no half-written version.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { watchedKubeSphere } from '../../src/cli/main.js';
import { createChartRepository } from '../../src/engine/repo/index.js';
import { createKubeSphereGateway } from '../../src/service/jobs/kubesphere.js';
import { JobManager } from '../../src/service/jobs/manager.js';
import type { ImportSpec, JobRecord } from '../../src/service/jobs/types.js';
import { createLogger } from '../../src/service/logger.js';
import { createMemoryStores } from '../../src/service/state/memory.js';
import { waitForJobEnd } from '../service/support.js';
import { parseReport } from '../support/cli.js';
import { stateOf, storeFingerprint } from '../support/emulator.js';
import { startServer, type TestServer } from '../support/servers.js';
import { duplicatesIn, sleep, useFaultyImport } from './support.js';

const CHARTS = ['alpha', 'beta', 'gamma'].flatMap((name) => [
  { name, version: '1.0.0' },
  { name, version: '1.1.0' },
]);

const h = useFaultyImport(CHARTS);
/** Accepts connections, never answers. */
let silent: TestServer;

/** Only whole versions: each is active with its package, none twice (nothing half-written). */
function expectOnlyWholeVersions(): void {
  for (const version of stateOf(h.emulator).versions) {
    expect(version.status?.state, version.metadata.name).toBe('active');
    expect(version.package, version.metadata.name).not.toBeNull();
  }
  expect(duplicatesIn(h.emulator)).toEqual([]);
}

beforeAll(async () => {
  silent = await startServer(() => undefined);
});

afterAll(async () => {
  await silent.close();
});

describe('the CLI and a repository that never answers', () => {
  it('--timeout 1: each silent request gives up after 1 s per attempt; the item fails saying so', async () => {
    h.repo.setFaults([
      { pathEndsWith: '/index.yaml', fault: 'hang', times: 1 },
      { pathEndsWith: 'beta-1.1.0.tgz', fault: 'hang' },
    ]);
    const started = performance.now();
    const result = await h.cli('--timeout', '1');
    // Without --timeout: 4 attempts of 120 s for the index, again for the package.
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/warning: retrying .*index\.yaml \(attempt 2\): timeout/);
    const failed = parseReport(result).items.filter((item) => item.status === 'failed');
    expect(failed.map((item) => `${item.chart}-${item.version}`)).toEqual(['beta-1.1.0']);
    expect(failed[0]?.reason).toMatch(/no answer within 1 s after 4 attempts/);
    expectOnlyWholeVersions();
    await h.expectRerunCompletes();
  }, 120_000);

  it('--deadline 4: stops starting versions, exits 2 naming the deadline, leaves nothing half-written', async () => {
    // With the default --timeout (120 s) only the deadline can end this run in time.
    h.repo.setFaults([
      { pathEndsWith: 'beta-1.1.0.tgz', fault: 'hang' },
      { pathEndsWith: 'gamma-1.0.0.tgz', fault: 'hang' },
    ]);
    const started = performance.now();
    const result = await h.cli('--deadline', '4');
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /warning: --deadline 4 s has passed: stopping after the versions being uploaded now/,
    );
    expect(result.stderr).toMatch(
      /^error: stopped at --deadline 4 s: the versions being uploaded finished, the others were not started; run the same command again/m,
    );
    // As after a Ctrl-C: no report on stdout, a re-run completes.
    expect(result.stdout).toBe('');
    expectOnlyWholeVersions();
    const versions = stateOf(h.emulator).versions.map((version) => version.spec?.versionName);
    expect(versions.length).toBeLessThan(6);
    await h.expectRerunCompletes();
  }, 120_000);
});

describe('the CLI while KubeSphere does not answer', () => {
  it('says it is waiting, every interval of silence, and when KubeSphere answers again', async () => {
    const lines: string[] = [];
    let answerAfterMs = 2500;
    const slow = await startServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
      }, answerAfterMs);
    });
    try {
      const kubesphere = watchedKubeSphere(slow.origin, (line) => lines.push(line), 1000);
      const store = kubesphere.store('a-token', undefined);
      expect(await store.listCategories()).toEqual([]);
      const where = `KubeSphere at ${slow.origin}/`;
      // One line a second while it waits (how many depends on the timers), then one when it answers.
      expect(lines[0]).toBe(`waiting for ${where}: no answer for 1 s, still trying`);
      expect(lines.at(-1)).toBe(`${where} answers again`);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      for (const line of lines.slice(1, -1))
        expect(line).toMatch(/^waiting for KubeSphere at .*: no answer for [23] s, still trying$/);
      // An answer in time: nothing to say.
      lines.length = 0;
      answerAfterMs = 0;
      await store.listCategories();
      await sleep(1200);
      expect(lines).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('says so when a KubeSphere call is retried', async () => {
    const lines: string[] = [];
    let failures = 2;
    const flaky = await startServer((_req, res) => {
      if (failures-- > 0) res.writeHead(503).end('overloaded');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
    });
    try {
      const store = watchedKubeSphere(flaky.origin, (line) => lines.push(line), 60_000).store('t', undefined);
      await store.listCategories();
      expect(lines).toEqual([
        `KubeSphere at ${flaky.origin}/: GET /categories failed (overloaded (503)), retrying (attempt 2)`,
        `KubeSphere at ${flaky.origin}/: GET /categories failed (overloaded (503)), retrying (attempt 3)`,
      ]);
    } finally {
      await flaky.close();
    }
  });
});

describe('service jobs and repositories that never answer', () => {
  const logger = createLogger('silent');
  let jobs: JobManager;

  const manager = (options: {
    maxRunningJobs: number;
    maxRunningJobsPerUser?: number;
    jobDeadlineMs?: number;
  }): JobManager =>
    new JobManager({
      stores: createMemoryStores(),
      kubesphere: createKubeSphereGateway({ server: h.emulator.url, timeoutMs: 20_000 }),
      repos: {
        factory: createChartRepository,
        outbound: {},
        maxIndexBytes: 1 << 20,
        maxPackageBytes: 1 << 20,
      },
      logger,
      podName: 'pod-a',
      maxJobConcurrency: 4,
      serviceAccountTokenFile: '/nonexistent',
      storePackageLimitBytes: 1_048_576,
      checkpointMs: 100,
      ...options,
    });
  const spec = (url: string): ImportSpec => ({
    source: { url },
    versions: 'all',
    includeDeprecated: false,
    publish: 'active',
    dryRun: false,
    concurrency: 4,
  });
  const start = (url: string, user: string): Promise<JobRecord> =>
    jobs.start(spec(url), { identity: { token: h.emulator.adminToken }, requestedBy: user });
  const phaseOf = async (id: string): Promise<string | undefined> => (await jobs.get(id))?.status.phase;
  const waitForEnd = (id: string): Promise<JobRecord> => waitForJobEnd(jobs, id);

  afterEach(async () => {
    await jobs.shutdown();
  });

  it("one user's stuck jobs hold one slot: another user's job starts and completes", async () => {
    jobs = manager({ maxRunningJobs: 2, maxRunningJobsPerUser: 1 });
    const stuck = await start(silent.origin, 'alice');
    const queued = await start(silent.origin, 'alice');
    const other = await start(h.repo.url, 'bob');
    const done = await waitForEnd(other.id);
    expect(done.status.phase).toBe('Succeeded');
    expect(done.status.summary.created).toBe(6);
    // Alice's second job waited for her first, not the other way round.
    expect(await phaseOf(stuck.id)).toBe('Running');
    expect(await phaseOf(queued.id)).toBe('Pending');
    await jobs.cancel(queued.id);
    await jobs.cancel(stuck.id);
    expect((await waitForEnd(queued.id)).status.phase).toBe('Cancelled');
    expect((await waitForEnd(stuck.id)).status.phase).toBe('Cancelled');
  });

  it('the next job to start belongs to the user with the fewest running', async () => {
    jobs = manager({ maxRunningJobs: 3, maxRunningJobsPerUser: 2 });
    const alice = [await start(silent.origin, 'alice'), await start(silent.origin, 'alice')];
    const aliceThird = await start(silent.origin, 'alice');
    const bob = await start(silent.origin, 'bob');
    expect(await Promise.all(alice.map((job) => phaseOf(job.id)))).toEqual(['Running', 'Running']);
    // Alice is at her limit: Bob's job, queued after hers, takes the free slot.
    expect(await phaseOf(bob.id)).toBe('Running');
    expect(await phaseOf(aliceThird.id)).toBe('Pending');
    for (const job of [aliceThird, ...alice, bob]) await jobs.cancel(job.id);
  });

  it('a job past its deadline ends Failed naming it, with only whole versions in the store', async () => {
    jobs = manager({ maxRunningJobs: 2, jobDeadlineMs: 3000 });
    h.repo.setFaults([
      { pathEndsWith: 'beta-1.1.0.tgz', fault: 'hang' },
      { pathEndsWith: 'gamma-1.0.0.tgz', fault: 'hang' },
    ]);
    const started = performance.now();
    const job = await waitForEnd((await start(h.repo.url, 'alice')).id);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(job.status.phase).toBe('Failed');
    expect(job.status.message).toBe(
      'stopped at the job deadline of 3 s: the versions being written finished, the others were not started; start it again to finish them (nothing will be duplicated)',
    );
    expect(job.status.detail).toEqual({
      code: 'job-deadline-stopped',
      params: { deadline: '3 s' },
      message: job.status.message,
    });
    expect(job.status.warnings).toContainEqual({
      code: 'job-deadline-passed',
      params: { deadline: '3 s' },
      message: 'the job deadline of 3 s has passed: the versions being written finish, no other starts',
    });
    // The counts are what the store got; the versions never started count nowhere.
    expectOnlyWholeVersions();
    expect(job.status.summary).toMatchObject({ created: stateOf(h.emulator).versions.length, failed: 0 });
    expect(job.status.progress.done).toBeLessThan(job.status.progress.total);

    h.repo.clearFaults();
    const again = await waitForEnd((await start(h.repo.url, 'alice')).id);
    expect(again.status.phase).toBe('Succeeded');
    expect(storeFingerprint(h.emulator)).toEqual(h.cleanStore);
  });
});
