// The real published KubeSphere chart repositories (../shared/fixtures), served on 127.0.0.1,
// imported end to end: relative chart URLs, absolute ones on the serving host with the base
// URL's query string kept, every version, stale digests.
import { rm } from 'node:fs/promises';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { parseReport, runCli } from '../support/cli.js';
import { ksVersionFromEnv, stateOf } from '../support/emulator.js';
import { FIXTURE_REPOS, copyFixtureRepo, hasFixtures, SKIP_NO_FIXTURES } from '../support/fixtures.js';
import { startRepoServer, type RepoServer } from '../support/repo-server.js';

describe.skipIf(!hasFixtures)(
  `the real KubeSphere chart repositories${hasFixtures ? '' : ` (${SKIP_NO_FIXTURES})`}`,
  () => {
    let emulator: RunningEmulator;
    const servers = new Map<string, RepoServer>();
    const dirs: string[] = [];

    beforeAll(async () => {
      emulator = await startEmulator({ ksVersion: ksVersionFromEnv() });
      for (const name of FIXTURE_REPOS) {
        const dir = copyFixtureRepo(name, 'relative');
        dirs.push(dir);
        servers.set(name, await startRepoServer(dir));
      }
    });

    afterAll(async () => {
      await emulator.close();
      for (const server of servers.values()) await server.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    beforeEach(() => {
      emulator.reset();
    });

    const importRepo = (url: string, ...extra: string[]) =>
      runCli(['--server', emulator.url, '--token', emulator.adminToken, '--repo', url, '--json', ...extra]);

    it.each(FIXTURE_REPOS)(
      '%s: every version of every chart, then a re-run that creates nothing',
      async (name) => {
        const server = servers.get(name);
        if (!server) throw new Error(`no server for ${name}`);
        const index = await readFile(join(server.dir, 'index.yaml'), 'utf8');
        const versionCount = index.match(/^ {4}version: /gm)?.length ?? 0;

        const first = await importRepo(
          server.url,
          '--versions',
          'all',
          '--include-deprecated',
          '--concurrency',
          '8',
        );
        expect(first.code, first.stderr).toBe(0);
        const report = parseReport(first);
        expect(report.summary.created).toBe(versionCount);
        expect(report.summary.failed).toBe(0);

        const state = stateOf(emulator);
        expect(state.versions).toHaveLength(versionCount);
        for (const app of state.apps) expect(app.status?.state).toBe('active');
        // One app per chart name; two names that differ only in case stay apart.
        const charts = new Set(report.items.map((item) => item.chart));
        expect(state.apps).toHaveLength(charts.size);

        const again = parseReport(await importRepo(server.url, '--versions', 'all', '--include-deprecated'));
        expect(again.summary).toEqual({ created: 0, exists: versionCount, failed: 0, planned: 0 });
      },
    );

    it('kubesphere-main: the stale index digest of harbor-1.9.3 is a warning, not a failure', async () => {
      const server = servers.get('kubesphere-main');
      if (!server) throw new Error('no server');
      const result = await importRepo(server.url, '--charts', 'harbor', '--versions', 'all');
      expect(result.code, result.stderr).toBe(0);
      const harbor = parseReport(result).items.find((item) => item.version === '1.9.3');
      expect(harbor?.status).toBe('created');
      expect(harbor?.reason).toMatch(/digest/i);
    });

    it('categories come from the app.kubesphere.io/category annotation', async () => {
      const server = servers.get('kubesphere-test');
      if (!server) throw new Error('no server');
      expect((await importRepo(server.url)).code).toBe(0);
      const state = stateOf(emulator);
      const displayNames = state.categories.map((c) => c.metadata.annotations?.['kubesphere.io/alias-name']);
      expect(displayNames).toEqual(expect.arrayContaining(['Database & Cache', 'Networking']));
      const categorized = state.apps.filter(
        (app) =>
          app.metadata.labels?.['application.kubesphere.io/app-category-name'] !==
          'kubesphere-app-uncategorized',
      );
      expect(categorized.length).toBeGreaterThan(5);
    });

    it('absolute chart URLs on a host that needs the base query string (a signed URL) on every request', async () => {
      const dir = copyFixtureRepo('kubesphere-experimental', 'relative');
      dirs.push(dir);
      const server = await startRepoServer(dir, { requireQuery: 'sig=abc123' });
      try {
        const index = await readFile(join(dir, 'index.yaml'), 'utf8');
        // Absolute URLs on the same host, without the query: Helm adds the repo URL's query only to relative URLs.
        await writeFile(
          join(dir, 'index.yaml'),
          index.replace(/(- )([a-z-]+-[0-9.]+\.tgz)/g, `$1${server.url}/$2?sig=abc123`),
        );
        const absolute = await importRepo(`${server.url}/?sig=abc123`);
        expect(absolute.code, absolute.stderr).toBe(0);

        emulator.reset();
        await writeFile(join(dir, 'index.yaml'), index);
        const relative = await importRepo(`${server.url}/?sig=abc123`);
        expect(relative.code, relative.stderr).toBe(0);
        expect(parseReport(relative).summary.created).toBeGreaterThan(0);
        expect(
          server.requests.every((request) => new URL(request.url, 'http://x').search === '?sig=abc123'),
        ).toBe(true);
      } finally {
        await server.close();
      }
    });
  },
);
