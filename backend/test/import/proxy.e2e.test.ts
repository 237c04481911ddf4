// The CLI behind a forward proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as a child process: an https
// repository with a test CA and basic auth through a CONNECT tunnel (the proxy never sees the
// credentials), an http one in absolute form, proxy credentials, and clear exits when the proxy
// refuses or is down. The repository is named charts.example.test, which only the test proxy
// resolves (to 127.0.0.1); KubeSphere (the emulator on 127.0.0.1) is loopback, so it is reached
// directly, as Go's rules (and Helm's) say.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { buildRepo } from '../support/charts.js';
import { parseReport, runCli } from '../support/cli.js';
import { ksVersionFromEnv, stateOf } from '../support/emulator.js';
import { type TestProxy, type TestProxyOptions, startProxy } from '../support/proxy.js';
import { startRepoServer, type RepoServer } from '../support/repo-server.js';
import { closedPort, makeCertificates } from '../support/servers.js';

const HOST = 'charts.example.test';
const SECRET = 'repo-secret-e2e-4b7d';
const BASIC = `Basic ${Buffer.from(`reader:${SECRET}`).toString('base64')}`;
const certs = makeCertificates([HOST]);

let emulator: RunningEmulator;
let repoDir: string;
let work: string;
let httpsRepo: RepoServer | undefined;
let httpRepo: RepoServer;
const proxies: TestProxy[] = [];

beforeAll(async () => {
  repoDir = await buildRepo([{ name: 'proxied', version: '1.0.0' }]);
  work = await mkdtemp(join(tmpdir(), 'proxy-e2e-'));
  if (certs) {
    httpsRepo = await startRepoServer(repoDir, {
      basicAuth: { username: 'reader', password: SECRET },
      tls: certs,
    });
    await writeFile(join(work, 'ca.pem'), certs.caPem);
  }
  httpRepo = await startRepoServer(repoDir);
  emulator = await startEmulator({ ksVersion: ksVersionFromEnv() });
}, 120_000);
afterAll(async () => {
  await emulator.close();
  await httpsRepo?.close();
  await httpRepo.close();
  await rm(repoDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  emulator.reset();
});
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});

async function proxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const started = await startProxy({ hosts: { [HOST]: '127.0.0.1' }, ...options });
  proxies.push(started);
  return started;
}

function portOf(url: string): string {
  return new URL(url).port;
}

const args = (repoUrl: string) => [
  '--server',
  emulator.url,
  '--token',
  emulator.adminToken,
  '--repo',
  repoUrl,
  '--timeout',
  '10',
];

describe('the CLI through a proxy', () => {
  it.skipIf(!certs)(
    'imports an https repository through HTTPS_PROXY: CONNECT, test CA, credentials only inside the tunnel',
    async () => {
      if (!httpsRepo) return;
      const seen = await proxy();
      const port = portOf(httpsRepo.url);
      const result = await runCli(
        [
          ...args(`https://${HOST}:${port}`),
          '--ca-file',
          join(work, 'ca.pem'),
          '--repo-username',
          'reader',
          '--json',
        ],
        { env: { REPO_PASSWORD: SECRET, HTTPS_PROXY: seen.url } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(parseReport(result).summary.created).toBe(1);
      expect(seen.seen.length).toBeGreaterThan(0);
      expect(
        seen.seen.every((entry) => entry.method === 'CONNECT' && entry.target === `${HOST}:${port}`),
      ).toBe(true);
      expect(seen.received()).not.toContain(SECRET);
      expect(seen.received()).not.toContain(BASIC);
      expect(httpsRepo.requests.every((request) => request.headers.authorization === BASIC)).toBe(true);
      // KubeSphere (loopback) was reached directly.
      expect(seen.received()).not.toContain('/kapis/');
    },
  );

  it('imports an http repository through http_proxy in absolute form', async () => {
    const seen = await proxy();
    const port = portOf(httpRepo.url);
    const result = await runCli([...args(`http://${HOST}:${port}`), '--json'], {
      env: { http_proxy: seen.url },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(parseReport(result).summary.created).toBe(1);
    expect(seen.seen.map((entry) => entry.target)).toContain(`http://${HOST}:${port}/index.yaml`);
    expect(stateOf(emulator).apps).toHaveLength(1);
  });

  it('sends the proxy URL credentials; wrong ones exit 2 naming the proxy, without the password', async () => {
    const seen = await proxy({ auth: { username: 'puser', password: 'ppass-19' } });
    const port = portOf(httpRepo.url);
    const ok = await runCli([...args(`http://${HOST}:${port}`), '--json'], {
      env: { HTTP_PROXY: `http://puser:ppass-19@127.0.0.1:${seen.port}` },
    });
    expect(ok.code, ok.stderr).toBe(0);

    const wrong = await runCli(args(`http://${HOST}:${port}`), {
      env: { HTTP_PROXY: `http://puser:bad-pass-88@127.0.0.1:${seen.port}` },
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /cannot read the repository: Cannot fetch the repository index from http:\/\/charts\.example\.test:\d+\/index\.yaml: /,
    );
    expect(wrong.stderr).toContain(
      `the proxy http://127.0.0.1:${seen.port} (from HTTP_PROXY) did not accept the user and password of its URL (HTTP 407)`,
    );
    expect(`${wrong.stdout}${wrong.stderr}`).not.toContain('bad-pass-88');
  });

  it('a proxy that is down: exit 2 naming it and what to do', async () => {
    const port = await closedPort();
    const result = await runCli(args(`https://${HOST}/`), {
      env: { HTTPS_PROXY: `http://someone:pw-secret-5@127.0.0.1:${port}` },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `the proxy http://127\\.0\\.0\\.1:${port} \\(from HTTPS_PROXY\\) refused the connection; check HTTPS_PROXY/HTTP_PROXY, or list the host in NO_PROXY`,
      ),
    );
    expect(result.stderr).not.toContain('pw-secret-5');
  });

  it('NO_PROXY bypasses the proxy (here the direct connection cannot resolve the test name)', async () => {
    const seen = await proxy();
    const result = await runCli(args(`http://${HOST}:${portOf(httpRepo.url)}`), {
      env: { HTTP_PROXY: seen.url, NO_PROXY: '.example.test' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`the host ${HOST.replace(/\./g, '\\.')} was not found \\(DNS\\)`),
    );
    expect(seen.seen).toHaveLength(0);
  });

  it('--help documents the proxy variables', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toMatch(/HTTPS_PROXY/);
    expect(result.stdout).toMatch(/NO_PROXY/);
  });
});
