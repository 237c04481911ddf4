// A sync's runs against an unchanged repository: the second run reads the index and the store's
// app list once and ends Succeeded saying so; a run after the index changed is a full one.
// User jobs always run in full.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { JobRecord } from '../../src/service/jobs/types.js';
import { buildChart, indexRepo } from '../support/charts.js';
import { stateOf } from '../support/emulator.js';
import { jobOf, useServiceHarness } from './support.js';

describe('sync runs against an unchanged repository', () => {
  const h = useServiceHarness();

  const runSync = async (): Promise<JobRecord> => {
    const run = await h.api('POST', '/syncs/nightly/run');
    expect(run.status).toBe(202);
    return h.waitForJob(jobOf(run.body).id);
  };
  const appStoreCallsSince = (from: number): string[] =>
    stateOf(h.emulator)
      .requestLog.slice(from)
      .filter((entry) => entry.path.startsWith('/kapis/application.kubesphere.io/'))
      .map((entry) => `${entry.method} ${entry.path}`);

  it('reads nothing per chart on the second run, and runs in full after the index changed', async () => {
    const created = await h.api('POST', '/syncs', {
      body: { name: 'nightly', schedule: '0 3 * * *', source: { url: h.repo.url }, versions: 'all' },
    });
    expect(created.status).toBe(201);

    const first = await runSync();
    expect(first.status).toMatchObject({ phase: 'Succeeded', summary: { created: 3 } });
    expect((await h.stores.syncs.get('nightly'))?.status.runRecord).toEqual(expect.any(String));

    const from = stateOf(h.emulator).requestLog.length;
    const second = await runSync();
    expect(second.status.phase).toBe('Succeeded');
    expect(second.status.summary).toEqual({ created: 0, exists: 3, failed: 0, planned: 0 });
    expect(second.status.progress).toEqual({ done: 3, total: 3 });
    expect(second.status.message).toMatch(/^the repository has not changed since the full run of /);
    expect(second.status.detail).toEqual({
      code: 'run-unchanged',
      params: { fullRunAt: expect.any(String) as string, versions: 3, charts: 2 },
      message: second.status.message,
    });
    expect(appStoreCallsSince(from)).toEqual([
      expect.stringMatching(/^GET \/kapis\/application\.kubesphere\.io\/v2\/apps\?/),
    ]);
    const sync = await h.api('GET', '/syncs/nightly');
    expect(sync.body).toMatchObject({
      status: { lastResult: 'Succeeded', lastUnchanged: true, lastSummary: { exists: 3 } },
    });
    expect(sync.text).not.toContain('runRecord');
    expect(
      (sync.body as { status: { conditions: { message: string }[] } }).status.conditions[0]?.message,
    ).toMatch(/has not changed/);

    const indexPath = join(h.repo.dir, 'index.yaml');
    const originalIndex = await readFile(indexPath, 'utf8');
    const added = await buildChart(h.repo.dir, { name: 'beta', version: '1.1.0' });
    try {
      await indexRepo(h.repo.dir);
      const third = await runSync();
      expect(third.status).toMatchObject({ phase: 'Succeeded', summary: { created: 1, exists: 3 } });
      expect(third.status.message).toBeUndefined();
      expect(third.status).not.toHaveProperty('detail');
      const after = await h.api('GET', '/syncs/nightly');
      expect(after.body).toMatchObject({ status: { lastResult: 'Succeeded', lastSummary: { created: 1 } } });
      expect((after.body as { status: object }).status).not.toHaveProperty('lastUnchanged');
    } finally {
      await unlink(added);
      await writeFile(indexPath, originalIndex);
    }
  });

  it('drops the record after a failed run, and keeps user jobs in full', async () => {
    const created = await h.api('POST', '/syncs', {
      body: { name: 'nightly', schedule: '0 3 * * *', source: { url: h.repo.url }, versions: 'all' },
    });
    expect(created.status).toBe(201);
    expect((await runSync()).status.phase).toBe('Succeeded');

    // Every KubeSphere call fails: the run fails and its record is gone.
    h.emulator.setFaults({ errorRate: 1, errorStatus: 403 });
    const failed = (await runSync()).status;
    expect(failed.phase).toBe('Failed');
    // Why, as a message: KubeSphere's refusal, which running again does not get past.
    expect(failed.detail).toMatchObject({
      code: 'store-failed',
      params: { kind: 'forbidden', status: 403 },
      message: 'GET /apps: emulator: injected fault (403)',
    });
    // The status's text is the service's fuller wording of the same failure.
    expect(failed.message).toBe(`KubeSphere refused access: ${failed.detail?.message ?? ''}`);
    h.emulator.clearFaults();
    expect((await h.stores.syncs.get('nightly'))?.status.runRecord).toBeUndefined();
    const full = await runSync();
    expect(full.status.message).toBeUndefined();
    expect(full.status.summary).toMatchObject({ exists: 3 });

    const from = stateOf(h.emulator).requestLog.length;
    const userJob = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url }, versions: 'all' } });
    expect(userJob.status).toBe(202);
    const job = await h.waitForJob(jobOf(userJob.body).id);
    expect(job.status).toMatchObject({ phase: 'Succeeded', summary: { exists: 3 } });
    expect(job.status.message).toBeUndefined();
    expect(appStoreCallsSince(from).some((call) => call.includes('/versions'))).toBe(true);
  });
});
