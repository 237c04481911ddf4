// Two imports of the same repository at the same time, three ways: two CLI processes, two jobs of
// one service replica, and one job on each of two replicas sharing their state. Each ends with the
// store ONE clean import makes: every app and every version once (names unique), the same
// fingerprint, and every item of both runs created or exists.
import { describe, expect, it } from 'vitest';

import type { RunningEmulator } from '@store-importer/kubesphere-emulator';
import type { ChartSpec } from '../support/charts.js';
import { importAllArgs, parseReport, runCli } from '../support/cli.js';
import { stateOf, storeFingerprint } from '../support/emulator.js';
import { jobOf, useServiceHarness } from '../service/support.js';
import { duplicatesIn, startReplica } from './support.js';

const CHARTS: ChartSpec[] = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].flatMap((name) => [
  { name, version: '1.0.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
  { name, version: '1.1.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
  { name, version: '1.2.0', annotations: { 'app.kubesphere.io/category': 'Tools' } },
]);
const VERSIONS = CHARTS.length;

/** The store after one clean import of every version, as a fingerprint. */
async function cleanFingerprint(emulator: RunningEmulator, repoUrl: string): Promise<string[]> {
  emulator.reset();
  const clean = await runCli(importAllArgs(emulator, repoUrl));
  expect(clean.code, clean.stderr).toBe(0);
  const fingerprint = storeFingerprint(emulator);
  expect(fingerprint.filter((line) => line.startsWith('version '))).toHaveLength(VERSIONS);
  emulator.reset();
  return fingerprint;
}

function expectOneImportsWorth(emulator: RunningEmulator, clean: string[]): void {
  expect(duplicatesIn(emulator)).toEqual([]);
  const state = stateOf(emulator);
  expect(state.apps).toHaveLength(5);
  expect(state.versions).toHaveLength(VERSIONS);
  expect(
    state.categories.filter(
      (category) => category.metadata.annotations?.['kubesphere.io/alias-name'] === 'Tools',
    ),
  ).toHaveLength(1);
  expect(storeFingerprint(emulator)).toEqual(clean);
}

describe('two CLI processes importing the same repository at once', () => {
  const h = useServiceHarness({ charts: CHARTS });

  it.each([0, 15, 60])('with %i ms of store latency: one import’s worth of store', async (latencyMs) => {
    const clean = await cleanFingerprint(h.emulator, h.repo.url);
    h.emulator.setFaults({ latencyMs });
    const args = importAllArgs(h.emulator, h.repo.url);
    const runs = await Promise.all([runCli(args), runCli([...args, '--concurrency', '8'])]);
    h.emulator.clearFaults();
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      const report = parseReport(run);
      expect(report.summary.failed).toBe(0);
      expect(report.summary.created + report.summary.exists).toBe(VERSIONS);
    }
    expectOneImportsWorth(h.emulator, clean);
  });
});

describe('two service jobs of the same repository at once', () => {
  const h = useServiceHarness({ charts: CHARTS });

  it('on one replica (two POST /jobs at once): both succeed, one import’s worth of store', async () => {
    const clean = await cleanFingerprint(h.emulator, h.repo.url);
    h.emulator.setFaults({ latencyMs: 20 });
    const body = { source: { url: h.repo.url }, versions: 'all' };
    const started = await Promise.all([h.api('POST', '/jobs', { body }), h.api('POST', '/jobs', { body })]);
    for (const response of started) expect(response.status, response.text).toBe(202);
    const jobs = await Promise.all(started.map((response) => h.waitForJob(jobOf(response.body).id)));
    h.emulator.clearFaults();
    for (const job of jobs) {
      expect(job.status.phase, JSON.stringify(job.status)).toBe('Succeeded');
      expect(job.status.summary.failed).toBe(0);
      expect(job.status.summary.created + job.status.summary.exists).toBe(VERSIONS);
    }
    expectOneImportsWorth(h.emulator, clean);
  });

  it('on two replicas sharing their state (one POST /jobs each, at once): one import’s worth of store', async () => {
    const clean = await cleanFingerprint(h.emulator, h.repo.url);
    // Replica B: its own app, job manager and KubeSphere client, over the same state stores.
    const replicaB = await startReplica(h, { podName: 'pod-b' });
    try {
      h.emulator.setFaults({ latencyMs: 20 });
      const body = { source: { url: h.repo.url }, versions: 'all' };
      const [onA, onB] = await Promise.all([
        h.api('POST', '/jobs', { body }),
        replicaB.api('POST', '/jobs', h.emulator.adminToken, body),
      ]);
      expect(onA.status, onA.text).toBe(202);
      expect(onB.status, JSON.stringify(onB.body)).toBe(202);
      const idA = jobOf(onA.body).id;
      const idB = jobOf(onB.body).id;
      expect(idA).not.toBe(idB);
      const jobs = await Promise.all([h.waitForJob(idA), replicaB.waitForJob(idB)]);
      h.emulator.clearFaults();
      for (const job of jobs) {
        expect(job.status.phase, JSON.stringify(job.status)).toBe('Succeeded');
        expect(job.status.summary.failed).toBe(0);
        expect(job.status.summary.created + job.status.summary.exists).toBe(VERSIONS);
      }
      expectOneImportsWorth(h.emulator, clean);
    } finally {
      await replicaB.close();
    }
  });
});
