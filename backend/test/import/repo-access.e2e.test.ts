// Private repositories through the CLI: basic auth by flag or env, a clear exit 2 when refused,
// and OCI registries (a real distribution registry, charts pushed by the real helm).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { findRegistryBinary, startRegistry, type TestRegistry } from '../support/registry.js';
import { buildChart, buildRepo, helmBin } from '../support/charts.js';
import { parseReport, runCli } from '../support/cli.js';
import { ksVersionFromEnv, stateOf } from '../support/emulator.js';
import { startRepoServer, type RepoServer } from '../support/repo-server.js';

const SECRET = 'repo-secret-9f3a';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ ksVersion: ksVersionFromEnv() });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

describe('a repository behind basic auth', () => {
  let repo: RepoServer;
  let repoDir: string;

  beforeAll(async () => {
    repoDir = await buildRepo([{ name: 'private', version: '1.0.0' }]);
    repo = await startRepoServer(repoDir, { basicAuth: { username: 'reader', password: SECRET } });
  }, 60_000);
  afterAll(async () => {
    await repo.close();
    await rm(repoDir, { recursive: true, force: true });
  });

  const base = () => ['--server', emulator.url, '--token', emulator.adminToken, '--repo', repo.url];

  it('imports with --repo-username and REPO_PASSWORD', async () => {
    const result = await runCli([...base(), '--repo-username', 'reader', '--json'], {
      env: { REPO_PASSWORD: SECRET },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(parseReport(result).summary.created).toBe(1);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
  });

  it('without credentials: exit 2 saying authentication is required', async () => {
    const result = await runCli(base());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read the repository: .*authentication required \(401/);
    expect(stateOf(emulator).apps).toHaveLength(0);
  });

  it('with a wrong password: exit 2 saying the credentials were rejected, without echoing them', async () => {
    const result = await runCli([...base(), '--repo-username', 'reader', '--repo-password', 'wrong-7c1e']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/credentials rejected \(401/);
    expect(result.stderr).not.toContain('wrong-7c1e');
  });
});

const registryBinary = findRegistryBinary();
describe.skipIf(!registryBinary)(
  `an OCI registry${registryBinary ? '' : ' (skipped: needs the docker-registry binary, Debian package docker-registry)'}`,
  () => {
    let registry: TestRegistry;
    let work: string;

    beforeAll(async () => {
      if (!registryBinary) return;
      registry = await startRegistry(registryBinary);
      work = await mkdtemp(join(tmpdir(), 'oci-push-'));
      const env = {
        ...process.env,
        HELM_CONFIG_HOME: join(work, 'config'),
        HELM_CACHE_HOME: join(work, 'cache'),
      };
      for (const version of ['1.0.0', '1.1.0']) {
        const pkg = await buildChart(work, { name: 'ocidemo', version });
        execFileSync(helmBin(), ['push', pkg, `oci://${registry.host}/charts`, '--plain-http'], {
          env,
          stdio: 'pipe',
        });
      }
    }, 120_000);
    afterAll(async () => {
      await registry.stop();
      await rm(work, { recursive: true, force: true });
    });

    it('imports the newest version of oci://host/charts/ocidemo, and a re-run creates nothing', async () => {
      const args = [
        '--server',
        emulator.url,
        '--token',
        emulator.adminToken,
        '--repo',
        `oci://${registry.host}/charts/ocidemo`,
        '--plain-http',
        '--json',
      ];
      const result = await runCli(args);
      expect(result.code, result.stderr).toBe(0);
      expect(parseReport(result).items).toEqual([
        expect.objectContaining({ chart: 'ocidemo', version: '1.1.0', status: 'created' }),
      ]);
      expect(parseReport(await runCli(args)).summary).toEqual({
        created: 0,
        exists: 1,
        failed: 0,
        planned: 0,
      });
    });
  },
);
