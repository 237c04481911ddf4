// Restarts: what recoverInterrupted does with jobs left behind, and what shutdown writes.
import { describe, expect, it } from 'vitest';

import { INTERRUPTED } from '../../src/service/jobs/recovery.js';
import type { JobRecord, JobStatus } from '../../src/service/jobs/types.js';
import { stateOf } from '../support/emulator.js';
import { POD, jobOf, useServiceHarness } from './support.js';

function record(id: string, runAs: JobRecord['runAs'], status: Partial<JobStatus>, url: string): JobRecord {
  return {
    id,
    spec: {
      source: { url },
      versions: 'all',
      includeDeprecated: false,
      publish: 'active',
      dryRun: false,
      concurrency: 2,
    },
    requestedBy: 'someone',
    runAs,
    createdAt: new Date().toISOString(),
    status: {
      phase: 'Running',
      progress: { done: 1, total: 3 },
      summary: { created: 1, exists: 0, failed: 0, planned: 0 },
      failures: [],
      warnings: [],
      ...status,
    },
  };
}

describe('job recovery', () => {
  const h = useServiceHarness();

  it('fails interrupted user jobs, resumes service jobs, leaves live ones of other replicas', async () => {
    const fresh = new Date().toISOString();
    const stale = new Date(Date.now() - 120_000).toISOString();
    const jobs = [
      record('imp-mine-user', 'user', { owner: POD, heartbeatTime: fresh }, h.repo.url),
      record('imp-stale-user', 'user', { owner: 'pod-b', heartbeatTime: stale }, h.repo.url),
      record('imp-live-user', 'user', { owner: 'pod-b', heartbeatTime: fresh }, h.repo.url),
      record('imp-ownerless-svc', 'service', { phase: 'Pending', owner: undefined }, h.repo.url),
      record('imp-done', 'user', { phase: 'Succeeded' }, h.repo.url),
    ];
    for (const job of jobs) await h.stores.jobs.create(job);

    const result = await h.jobs.recoverInterrupted();
    expect(result.failed.sort()).toEqual(['imp-mine-user', 'imp-stale-user']);
    expect(result.resumed).toEqual(['imp-ownerless-svc']);

    for (const id of result.failed) {
      const job = await h.stores.jobs.get(id);
      expect(job?.status).toMatchObject({
        phase: 'Failed',
        message: INTERRUPTED.message,
        detail: INTERRUPTED,
      });
      expect(job?.status.owner).toBeUndefined();
    }
    expect((await h.stores.jobs.get('imp-live-user'))?.status.phase).toBe('Running');
    expect((await h.stores.jobs.get('imp-done'))?.status.phase).toBe('Succeeded');

    const resumed = await h.waitForJob('imp-ownerless-svc');
    expect(resumed.status.phase).toBe('Succeeded');
    expect(resumed.status.summary.created).toBe(3);
    expect(resumed.status.warnings).toContainEqual({
      code: 'job-resumed',
      params: {},
      message: 'resumed after an interruption of the service',
    });
    expect(stateOf(h.emulator).apps).toHaveLength(2);
    // Calling it again changes nothing.
    expect(await h.jobs.recoverInterrupted()).toEqual({ failed: [], resumed: [] });
  });

  it('on shutdown: user jobs end Failed, service jobs wait ownerless and the next replica finishes them', async () => {
    h.emulator.setFaults({ latencyMs: 150 });
    const user = await h.api('POST', '/jobs', {
      body: { source: { url: h.repo.url }, versions: 'all', concurrency: 1 },
    });
    expect(user.status).toBe(202);
    await h.api('POST', '/syncs', {
      body: { name: 'svc', schedule: '0 3 * * *', source: { url: h.repo.url }, versions: 'all' },
    });
    const service = await h.api('POST', '/syncs/svc/run');
    expect(service.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));

    await h.jobs.shutdown();
    const refused = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url } } });
    expect(refused.status).toBe(503);
    expect((await h.api('GET', '/readyz', { token: null })).status).toBe(503);

    const userJob = await h.stores.jobs.get(jobOf(user.body).id);
    expect(userJob?.status).toMatchObject({
      phase: 'Failed',
      message: INTERRUPTED.message,
      detail: INTERRUPTED,
    });
    const serviceJob = await h.stores.jobs.get(jobOf(service.body).id);
    expect(serviceJob?.status.phase).toBe('Pending');
    expect(serviceJob?.status.owner).toBeUndefined();
    expect(serviceJob?.status).toMatchObject({
      message: 'interrupted by a restart of the service; the next replica to start resumes it',
      detail: {
        code: 'job-waiting-for-replica',
        params: {},
        message: 'interrupted by a restart of the service; the next replica to start resumes it',
      },
    });

    h.emulator.clearFaults();
    const next = h.newJobManager('pod-b');
    try {
      expect(await next.recoverInterrupted()).toEqual({ failed: [], resumed: [jobOf(service.body).id] });
      for (let i = 0; i < 300; i += 1) {
        const job = await h.stores.jobs.get(jobOf(service.body).id);
        if (job?.status.phase === 'Succeeded') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const done = await h.stores.jobs.get(jobOf(service.body).id);
      expect(done?.status.phase).toBe('Succeeded');
      expect(done?.status.summary.failed).toBe(0);
      // The wait is over: neither its sentence nor its message is left.
      expect(done?.status).not.toHaveProperty('message');
      expect(done?.status).not.toHaveProperty('detail');
      expect(stateOf(h.emulator).versions).toHaveLength(3);
    } finally {
      await next.shutdown();
    }
  });
});
