// Load, for correctness only (timings belong to backend/bench/load.bench.ts, never asserted here):
// 20 users preview at once while 5 imports of 5 repositories run at once on one replica, all
// through the real service app against the KubeSphere emulator. Every request succeeds, every
// job succeeds, and the store holds each repository's import exactly once.
import { describe, expect, it } from 'vitest';

import type { EmulatorUser } from '@store-importer/kubesphere-emulator';
import type { JobRecord } from '../../src/service/jobs/types.js';
import type { ChartSpec } from '../support/charts.js';
import { stateOf } from '../support/emulator.js';
import { startRepoServer, type RepoServer } from '../support/repo-server.js';
import { SA_TOKEN, jobOf, useServiceHarness } from '../service/support.js';
import { duplicatesIn, startReplica } from './support.js';

const USERS = 20;
const IMPORTS = 5;
const CHARTS: ChartSpec[] = ['alpha', 'beta', 'gamma', 'delta'].flatMap((name) => [
  { name, version: '1.0.0' },
  { name, version: '1.1.0' },
]);
const users: EmulatorUser[] = Array.from({ length: USERS }, (_, i) => ({
  username: `user-${i}`,
  password: 'P@88w0rd',
  role: i % 4 === 0 ? ('viewer' as const) : ('platform-admin' as const),
  tokens: [`load-token-${i}`],
}));

describe('load: 20 users previewing while 5 imports run', () => {
  const h = useServiceHarness({
    charts: CHARTS,
    emulator: {
      users: [
        { username: 'admin', password: 'P@88w0rd', role: 'platform-admin', tokens: ['emulator-admin-token'] },
        {
          username: 'store-importer-sa',
          password: 'unused-Pw-1',
          role: 'platform-admin',
          tokens: [SA_TOKEN],
        },
        ...users,
      ],
    },
  });

  it('every preview and every import succeeds; each repository is imported once', async () => {
    // Five repositories: the same charts on five URLs, so five distinct sets of store apps.
    const repos: RepoServer[] = [h.repo];
    for (let i = 1; i < IMPORTS; i += 1) repos.push(await startRepoServer(h.repo.dir));
    const replica = await startReplica(h, { podName: 'pod-load', maxRunningJobs: IMPORTS });
    h.emulator.setFaults({ latencyMs: 5 });
    try {
      const importers = users.filter((user) => user.role === 'platform-admin').slice(0, IMPORTS);
      const started = await Promise.all(
        repos.map((repo, i) =>
          replica.api('POST', '/jobs', importers[i]?.tokens?.[0] ?? '', {
            source: { url: repo.url },
            versions: 'all',
          }),
        ),
      );
      for (const response of started) expect(response.status, JSON.stringify(response.body)).toBe(202);
      const ids = started.map((response) => jobOf(response.body).id);

      // Meanwhile, every user previews a repository, three times, and polls a job.
      const previews = await Promise.all(
        users.flatMap((user, i) =>
          [0, 1, 2].map(async (round) => {
            const token = user.tokens?.[0] ?? '';
            const preview = await replica.api('POST', '/previews', token, {
              source: { url: repos[(i + round) % repos.length]?.url },
              versions: 'all',
            });
            const status = await replica.api('GET', `/jobs/${ids[i % ids.length] ?? ''}`, token);
            return { user: user.username, preview, status };
          }),
        ),
      );
      for (const { user, preview, status } of previews) {
        expect(preview.status, `${user}: ${JSON.stringify(preview.body)}`).toBe(200);
        const body = preview.body as { totals: { versions: number } };
        expect(body.totals.versions).toBe(CHARTS.length);
        // Job reads need the right to read the store's categories: viewers have it too.
        expect(status.status, `${user}: ${JSON.stringify(status.body)}`).toBe(200);
      }

      const jobs: JobRecord[] = await Promise.all(ids.map((id) => replica.waitForJob(id)));
      for (const job of jobs) {
        expect(job.status.phase, JSON.stringify(job.status)).toBe('Succeeded');
        expect(job.status.summary).toEqual({ created: CHARTS.length, exists: 0, failed: 0, planned: 0 });
      }
      h.emulator.clearFaults();
      const state = stateOf(h.emulator);
      expect(duplicatesIn(h.emulator)).toEqual([]);
      expect(state.apps).toHaveLength(IMPORTS * 4);
      expect(state.versions).toHaveLength(IMPORTS * CHARTS.length);
      for (const version of state.versions) {
        expect(version.status?.state).toBe('active');
        expect(version.package).not.toBeNull();
      }
    } finally {
      await replica.close();
      for (const repo of repos.slice(1)) await repo.close();
    }
  });
});
