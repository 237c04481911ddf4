// The import against every KubeSphere its users run: ks-core v4.1.1, v4.1.2, v4.1.3 and KSE 4.2,
// emulated (dev/kubesphere-emulator/src/releases.ts). One repository, one emulator per release, the
// core scenarios on each; the other suites run against v4.1.3 (EMULATOR_KS_VERSION changes that).
// The charts are chosen where the releases differ: `1.0.0+build.1` is named by its SHA-1 from 4.1.3
// and with '-' for '+' before (spec.versionName too), and POST /apps cannot name it as a first
// version before 4.1.3; `2.0.0-RC.1` has no valid name at all before 4.1.3.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  DEFAULT_PASSWORD,
  KS_VERSIONS,
  startEmulator,
  type KsVersion,
  type RunningEmulator,
} from '@store-importer/kubesphere-emulator';
import { StoreError } from '../../src/engine/errors.js';
import { KubeSphereStore } from '../../src/engine/store/index.js';
import { buildRepo } from '../support/charts.js';
import { parseReport, runCli, targetArgs } from '../support/cli.js';
import { stateOf, storeFingerprint, writesOf, type WireObject } from '../support/emulator.js';
import { startRepoServer, type RepoServer } from '../support/repo-server.js';

const WORKSPACE = 'kubesphere.io/workspace';
const OLD: readonly KsVersion[] = ['v4.1.1', 'v4.1.2'];
const sha12 = (version: string): string => createHash('sha1').update(version).digest('hex').slice(0, 12);
/** A user with App Store management only (the role template), who may not read /kapis/version on 4.1.3. */
const STORE_MANAGER = {
  username: 'store-manager',
  password: DEFAULT_PASSWORD,
  role: 'viewer' as const,
  tokens: ['store-manager-token'],
  roleTemplates: ['global-role-template-manage-app'],
};

let repoDir = '';
let repo: RepoServer;

beforeAll(async () => {
  repoDir = await buildRepo([
    { name: 'alpha', version: '1.0.0' },
    { name: 'alpha', version: '1.1.0' },
    { name: 'beta', version: '1.0.0+build.1' },
    { name: 'gamma', version: '2.0.0-RC.1' },
  ]);
  repo = await startRepoServer(repoDir);
}, 120_000);

afterAll(async () => {
  await repo.close();
  await rm(repoDir, { recursive: true, force: true });
});

function cli(emulator: RunningEmulator, ...args: string[]): ReturnType<typeof runCli> {
  return runCli([...targetArgs(emulator, repo.url), '--json', ...args]);
}

const appOf = (emulator: RunningEmulator, chart: string): WireObject | undefined =>
  stateOf(emulator).apps.find(
    (a) => a.metadata.annotations?.['application.kubesphere.io/app-originalName'] === chart,
  );
const versionsOf = (emulator: RunningEmulator, app: string | undefined): WireObject[] =>
  stateOf(emulator).versions.filter((v) => v.metadata.labels?.['application.kubesphere.io/app-id'] === app);

describe.each(KS_VERSIONS)('KubeSphere %s', (version) => {
  const old = OLD.includes(version);
  let emulator: RunningEmulator;

  beforeAll(async () => {
    const admin = {
      username: 'admin',
      password: DEFAULT_PASSWORD,
      role: 'platform-admin' as const,
      tokens: ['admin-token'],
    };
    emulator = await startEmulator({
      ksVersion: version,
      users: [admin, STORE_MANAGER],
      adminToken: 'admin-token',
      workspaces: ['ws1'],
    });
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
  });

  it('releases every version in the global store, named as the release names them; a re-run writes nothing', async () => {
    const result = await cli(emulator, '--versions', 'all');
    const report = parseReport(result);
    expect(report.items.map((i) => `${i.chart} ${i.version} ${i.status}`).sort()).toEqual([
      'alpha 1.0.0 created',
      'alpha 1.1.0 created',
      'beta 1.0.0+build.1 created',
      `gamma 2.0.0-RC.1 ${old ? 'failed' : 'created'}`,
    ]);
    expect(result.code, result.stderr).toBe(old ? 1 : 0);
    const gamma = report.items.find((i) => i.chart === 'gamma');
    if (old)
      expect(gamma?.reason).toMatch(
        /^KubeSphere v4\.1\.[12] cannot store version 2\.0\.0-RC\.1: it names it /,
      );

    const state = stateOf(emulator);
    expect(state.apps).toHaveLength(old ? 2 : 3);
    for (const app of state.apps) {
      expect(app.status?.state).toBe('active');
      expect(app.metadata.labels?.['application.kubesphere.io/app-store']).toBe('true');
      expect(app.metadata.labels?.[WORKSPACE]).toBe('');
    }
    for (const v of state.versions) expect(v.status?.state).toBe('active');
    // a later version is in system-workspace on every release (4.1.3 sets it, the importer sends it before)
    const alpha = appOf(emulator, 'alpha')?.metadata.name;
    expect(
      versionsOf(emulator, alpha).find((v) => v.spec?.versionName === '1.1.0')?.metadata.labels?.[WORKSPACE],
    ).toBe('system-workspace');
    const beta = appOf(emulator, 'beta')?.metadata.name ?? '';
    expect(versionsOf(emulator, beta).map((v) => `${v.metadata.name} ${v.spec?.versionName ?? ''}`)).toEqual([
      old ? `${beta}-1.0.0-build.1 1.0.0-build.1` : `${beta}-${sha12('1.0.0+build.1')} 1.0.0+build.1`,
    ]);

    const before = storeFingerprint(emulator);
    const writes = writesOf(emulator).length;
    const again = await cli(emulator, '--versions', 'all');
    expect(again.code).toBe(old ? 1 : 0);
    expect(parseReport(again).summary).toEqual({
      created: 0,
      exists: old ? 3 : 4,
      failed: old ? 1 : 0,
      planned: 0,
    });
    expect(storeFingerprint(emulator)).toEqual(before);
    expect(writesOf(emulator)).toHaveLength(writes);
  });

  it('puts a workspace import, every version of it, in the workspace', async () => {
    const result = await cli(emulator, '--versions', 'all', '--charts', 'alpha,beta', '--workspace', 'ws1');
    expect(result.code, result.stderr).toBe(0);
    const state = stateOf(emulator);
    expect(state.apps.map((a) => a.metadata.labels?.[WORKSPACE])).toEqual(['ws1', 'ws1']);
    expect(state.versions.map((v) => v.metadata.labels?.[WORKSPACE])).toEqual(['ws1', 'ws1', 'ws1']);
    // what the console's workspace pages list (handler_appversion.go ListAppVersions)
    const alpha = appOf(emulator, 'alpha')?.metadata.name ?? '';
    const listed = await fetch(
      `${emulator.url}/kapis/application.kubesphere.io/v2/workspaces/ws1/apps/${alpha}/versions`,
      { headers: { Authorization: `Bearer ${emulator.adminToken}` } },
    );
    expect(((await listed.json()) as { totalItems: number }).totalItems).toBe(2);
  });

  it('learns the release from /kapis/version, or from /version for a user 4.1.3 refuses /kapis/version', async () => {
    const admin = await new KubeSphereStore({
      server: emulator.url,
      token: emulator.adminToken,
    }).serverDialect();
    expect(admin).toEqual({ serverVersion: version, rules: old ? 'v4.1.2' : 'v4.1.3', warning: undefined });
    const manager = new KubeSphereStore({ server: emulator.url, token: 'store-manager-token' });
    expect((await manager.serverDialect()).rules).toBe(old ? 'v4.1.2' : 'v4.1.3');
    const kapis = stateOf(emulator)
      .requestLog.filter((r) => r.path === '/kapis/version')
      .map((r) => r.status);
    expect(kapis).toEqual(old ? [200, 200] : [200, 403]);
  });
});

describe('a server that does not tell its version', () => {
  let server: Server;
  let url = '';
  let answer: { status: number; body: string } = { status: 404, body: '404 page not found' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    [404, 'not found', /^GET \/kapis\/version: not found \(404\)$/],
    [200, '<html>console</html>', /^GET \/kapis\/version: no gitVersion/],
    [200, '{"gitVersion":"v0.0.0"}', /^it says "v0\.0\.0"$/],
  ])('answering %i %j: the newest rules, with a warning', async (status, body, problem) => {
    answer = { status, body };
    const dialect = await new KubeSphereStore({ server: url, token: 't', attempts: 1 }).serverDialect();
    expect(dialect.rules).toBe('v4.1.3');
    expect(dialect.warning).toMatchObject({ code: 'server-version-unknown', params: { rules: 'v4.1.3' } });
    expect(dialect.warning?.params.problem).toMatch(problem);
    expect(dialect.warning?.message).toBe(
      `could not learn the KubeSphere version (${String(dialect.warning?.params.problem)}); following ks-core v4.1.3's App Store rules`,
    );
  });

  it('fails on 401 as any call with a rejected token does', async () => {
    answer = { status: 401, body: '{"message":"token expired"}' };
    const learning = new KubeSphereStore({ server: url, token: 't', attempts: 1 }).serverDialect();
    await expect(learning).rejects.toBeInstanceOf(StoreError);
    await expect(learning).rejects.toMatchObject({ status: 401 });
  });
});
