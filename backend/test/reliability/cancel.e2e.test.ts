// A cancel stops between versions: the versions being written when it comes finish (upload,
// version action, app action), none starts after it, and once the run has ended the store holds
// exactly what it reported, with nothing half-published and no write arriving later. The same for
// the service's cancel and the CLI's Ctrl-C; a second Ctrl-C stops at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

import type { RunningEmulator } from '@store-importer/kubesphere-emulator';
import { runCli } from '../support/cli.js';
import { stateOf, writesOf } from '../support/emulator.js';
import { jobOf, useServiceHarness } from '../service/support.js';

const ADMIN = 'emulator-admin-token';
const CHARTS = ['alpha', 'beta', 'gamma', 'delta'];
const VERSIONS = ['1.0.0', '1.1.0', '1.2.0'];
const LATENCY_MS = 250;

const h = useServiceHarness({
  charts: CHARTS.flatMap((name) => VERSIONS.map((version) => ({ name, version }))),
});

/** `app version` of every version in the store, checking each is whole: package, active, app active. */
function storeVersions(emulator: RunningEmulator): string[] {
  const state = stateOf(emulator);
  const appState = new Map(state.apps.map((app) => [app.metadata.name, app.status?.state]));
  return state.versions
    .map((version) => {
      const app = version.metadata.labels?.['application.kubesphere.io/app-id'] ?? '';
      const where = version.metadata.name;
      expect(version.package, `${where} has its package`).not.toBeNull();
      expect(version.status?.state, `${where} is published`).toBe('active');
      expect(appState.get(app), `the app of ${where} is released`).toBe('active');
      return `${app} ${version.spec?.versionName ?? ''}`;
    })
    .sort();
}

/** Resolves once the store has answered `count` writes of an import (not the service's access check). */
async function writesSeen(count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  const imports = () => writesOf(h.emulator).filter((entry) => !entry.path.includes('validate=true'));
  while (imports().length < count) {
    if (Date.now() > deadline) throw new Error(`the store saw fewer than ${count} writes`);
    await sleep(5);
  }
}

/** Waits out what a write sent before the end could still take, then reads the write log. */
async function writesAfter(end: string): Promise<string[]> {
  await sleep(4 * LATENCY_MS);
  return stateOf(h.emulator)
    .requestLog.filter((e) => e.method !== 'GET' && e.time > end)
    .map((e) => `${e.method} ${e.path}`);
}

describe('a cancelled job', () => {
  // After the first upload, mid-way through the first versions, and later on.
  it.each([1, 3, 6])(
    'cancelled after %i store writes ends with exactly the store it reports',
    async (writes) => {
      h.emulator.setFaults({ latencyMs: LATENCY_MS, methods: ['POST'] });
      const started = await h.api('POST', '/jobs', {
        token: ADMIN,
        body: { source: { url: h.repo.url }, versions: 'all', concurrency: 2 },
      });
      expect(started.status).toBe(202);
      const { id } = jobOf(started.body);
      await writesSeen(writes);
      expect((await h.api('POST', `/jobs/${id}/cancel`, { token: ADMIN })).status).toBe(202);

      const job = await h.waitForJob(id);
      expect(job.status.phase).toBe('Cancelled');
      const { summary, progress } = job.status;
      expect(progress.total).toBe(12);
      expect(progress.done).toBeLessThan(12);
      expect(summary).toMatchObject({ exists: 0, failed: 0 });
      expect(progress.done).toBe(summary.created);
      expect(summary.created).toBeGreaterThanOrEqual(1);

      const completion = job.status.completionTime ?? '';
      expect(await writesAfter(completion)).toEqual([]);
      const created = (job.status.charts ?? []).flatMap((chart) =>
        VERSIONS.slice(0, chart.created).map((version) => `${chart.app} ${version}`),
      );
      expect(storeVersions(h.emulator)).toEqual(created.sort());
    },
  );

  it('cancelled before its plan is known: nothing written, nothing reported', async () => {
    h.emulator.setFaults({ latencyMs: 1_000, methods: ['GET'] });
    const started = await h.api('POST', '/jobs', {
      token: ADMIN,
      body: { source: { url: h.repo.url }, versions: 'all' },
    });
    const { id } = jobOf(started.body);
    await sleep(300);
    const cancelledAt = Date.now();
    await h.api('POST', `/jobs/${id}/cancel`, { token: ADMIN });
    const job = await h.waitForJob(id);
    // Reads are aborted at once, without waiting for the slow store.
    expect(Date.now() - cancelledAt).toBeLessThan(900);
    expect(job.status).toMatchObject({ phase: 'Cancelled', progress: { done: 0 } });
    expect(job.status.charts).toBeUndefined();
    await sleep(1_000);
    const state = stateOf(h.emulator);
    expect([state.apps, state.versions]).toEqual([[], []]);
  });
});

describe('the CLI interrupted', () => {
  const args = (): string[] => [
    '--server',
    h.emulator.url,
    '--token',
    ADMIN,
    '--repo',
    h.repo.url,
    '--versions',
    'all',
    '--concurrency',
    '2',
    '--json',
  ];

  it('by Ctrl-C: finishes the versions being uploaded, exits 2, and the store is what it reported', async () => {
    h.emulator.setFaults({ latencyMs: LATENCY_MS, methods: ['POST'] });
    const child = runCli(args());
    await writesSeen(3);
    process.kill(child.pid ?? 0, 'SIGINT');
    const result = await child;
    const exitedAt = new Date().toISOString();

    expect(result.code).toBe(2);
    // The --json contract: a report on stdout only for a run that ended.
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('stopping after the versions being uploaded now');
    expect(result.stderr).toMatch(/error: interrupted; run the same command again to finish/);
    const created = [...result.stderr.matchAll(/^\[\d+\/12\] created +(\S+) (\S+)$/gm)].map(
      ([, chart, version]) => `${chart ?? ''} ${version ?? ''}`,
    );
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(created.length).toBeLessThan(12);

    expect(await writesAfter(exitedAt)).toEqual([]);
    const chartOf = new Map(
      stateOf(h.emulator).apps.map((app) => [
        app.metadata.name,
        app.metadata.annotations?.['application.kubesphere.io/app-originalName'] ?? '',
      ]),
    );
    const stored = storeVersions(h.emulator).map((line) => {
      const [app = '', version = ''] = line.split(' ');
      return `${chartOf.get(app) ?? app} ${version}`;
    });
    expect(stored).toEqual(created.sort());
  });

  it('by Ctrl-C twice: stops at once, without waiting for the store', async () => {
    h.emulator.setFaults({ latencyMs: 3_000, methods: ['POST'] });
    let planned: () => void = () => undefined;
    const plan = new Promise<void>((resolve) => (planned = resolve));
    const child = runCli(args(), {
      onStderr: (stderr) => {
        if (stderr.includes('plan: ')) planned();
      },
    });
    const pid = child.pid ?? 0;
    await plan;
    // The first uploads are under way, each for 3 s.
    await sleep(500);
    process.kill(pid, 'SIGINT');
    await sleep(100);
    const secondAt = Date.now();
    process.kill(pid, 'SIGINT');
    const result = await child;
    expect(Date.now() - secondAt).toBeLessThan(2_000);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/error: interrupted; run the same command again to finish/);
  });
});
