// The real KubeSphere Helm repositories from ../shared/fixtures, served on 127.0.0.1.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

import {
  compareChartVersions,
  createChartRepository,
  parseChartVersion,
} from '../../src/engine/repo/index.js';
import type { ChartVersionRef } from '../../src/engine/repo/types.js';
import { FIXTURE_REPOS, copyFixtureRepo, hasFixtures, helmReposDir } from '../support/fixtures.js';
import { type TestServer, staticHandler, startServer } from '../support/servers.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function serveFixture(
  repo: string,
  mode: 'absolute' | 'relative',
): Promise<{ server: TestServer; base: string }> {
  const holder: { dir?: string } = {};
  const server = await startServer((req, res, self) => {
    staticHandler(holder.dir ?? '/nonexistent')(req, res, self);
  });
  const base = `${server.origin}/`;
  holder.dir = copyFixtureRepo(repo, mode, base);
  const dir = holder.dir;
  cleanup.push(
    () => server.close(),
    () => {
      rmSync(dir, { recursive: true, force: true });
    },
  );
  return { server, base };
}

function compare(a: string, b: string): number {
  const x = parseChartVersion(a);
  const y = parseChartVersion(b);
  if (!x || !y) throw new Error(`not a version: ${a} ${b}`);
  return compareChartVersions(x, y);
}

function allVersions(entries: Map<string, ChartVersionRef[]>): ChartVersionRef[] {
  return [...entries.values()].flat();
}

const title = hasFixtures
  ? 'fixture Helm repositories'
  : `fixture Helm repositories (skipped: ${helmReposDir} is absent)`;

describe.skipIf(!hasFixtures)(title, () => {
  it.each(FIXTURE_REPOS.flatMap((repo) => [[repo, 'absolute'] as const, [repo, 'relative'] as const]))(
    '%s with %s chart URLs: loads, and every package downloads',
    async (repo, mode) => {
      const { server, base } = await serveFixture(repo, mode);
      const warnings: string[] = [];
      const client = createChartRepository({ url: base }, { onWarning: (w) => warnings.push(w.message) });
      const index = await client.loadIndex();
      const versions = allVersions(index.entries);
      expect(versions.length).toBeGreaterThan(10);
      expect(index.warnings).toEqual([]);
      for (const version of versions) expect(version.urls[0]).toMatch(new RegExp(`^${base}[^/]+\\.tgz$`));
      for (const list of index.entries.values()) {
        const sorted = [...list].sort((a, b) => compare(b.version, a.version));
        expect(list.map((v) => v.version)).toEqual(sorted.map((v) => v.version));
      }
      const stale: string[] = [];
      for (const version of versions) {
        const fetched = await client.fetchPackage(version);
        expect(fetched.bytes.subarray(0, 2).toString('hex')).toBe('1f8b');
        if (fetched.digestWarning !== undefined) stale.push(`${version.name}-${version.version}`);
      }
      expect(stale).toEqual(repo === 'kubesphere-main' ? ['harbor-1.9.3'] : []);
      expect(warnings).toHaveLength(stale.length);
      expect(server.requests.length).toBe(versions.length + 1);
    },
  );

  it('kubesphere-main: keeps the metadata of its versions', async () => {
    const { base } = await serveFixture('kubesphere-main', 'absolute');
    const index = await createChartRepository({ url: base }).loadIndex();
    const apisix = index.entries.get('apisix')?.[0];
    expect(apisix).toMatchObject({
      name: 'apisix',
      version: '0.7.2',
      apiVersion: 'v2',
      appVersion: '2.10.0',
      description: 'A Helm chart for Apache APISIX',
      icon: 'https://apache.org/logos/res/apisix/apisix.png',
      digest: 'fed38a11c0fb54d385144767227e43cb2961d1b50d36ea207fdd122bddd3de28',
      maintainers: [{ name: 'tao12345666333', email: 'zhangjintao@apache.org' }],
      created: '2021-11-15T08:23:00.343234584Z',
      urls: [`${base}apisix-0.7.2.tgz`],
    });
    expect(apisix).not.toHaveProperty('dependencies');
    const harbor = index.entries.get('harbor')?.map((v) => v.version);
    expect(harbor?.[0]).toBe('1.9.3');
  });
});
