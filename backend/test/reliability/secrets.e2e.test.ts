// Secrets never leak. The CLI and the service (a real process, state in Kubernetes through the
// Kubernetes API emulator with the product's CRDs, LOG_LEVEL=debug) run their flows, good and
// failing, with distinctive test secrets: a repository password (basic auth, flag, env and URL
// user info), a repository bearer token, a KubeSphere token, a KubeSphere password, the
// extension's ServiceAccount token. Then every byte they produced is scanned: CLI stdout/stderr,
// the service's log output, every API response body (SSE included), the ImportJob and RepoImport
// objects, and what the KubeSphere emulator stored. Only the Secret object holds a secret, in base64.
// Credentials are also never sent to another host than the repository's (chart hosts, an OCI
// token service) unless --pass-credentials, and a stray REPO_PASSWORD is never sent at all.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startKubeApiserverEmulator } from '@store-importer/kube-apiserver-emulator';
import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { buildRepo, indexRepo } from '../support/charts.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/fixtures.js';
import { NAMESPACE, productCrds } from '../kubernetes/support.js';
import { startServer, staticHandler, type TestServer } from '../support/servers.js';
import { startFaultyRepoServer, type FaultyRepoServer } from './support.js';

const REPO_USER = 'rel-repo-user';
const SECRETS = {
  repoPassword: 'Rel-repo-pass-5c81e0',
  repoEnvPassword: 'Rel-repo-envpass-88d1',
  repoUrlPassword: 'Rel-repo-urlpass-19f0',
  repoWrongPassword: 'Rel-wrong-pass-0a1b7',
  repoBearer: 'Rel-repo-bearer-7d42aa',
  ksToken: 'Rel-ks-token-3e9f12c',
  ksPassword: 'Rel-ks-Pass-91abX',
  saToken: 'Rel-sa-token-6b3e44',
  badKsToken: 'Rel-bad-ks-token-44ee',
} as const;

let repoDir: string;
let otherHostDir: string;
let basicRepo: FaultyRepoServer;
let urlRepo: FaultyRepoServer;
let bearerRepo: FaultyRepoServer;
/** The same packages on another host, named by absolute URLs in the basic-auth repo's index. */
let packageHost: TestServer;
let crossHostRepo: FaultyRepoServer;
let emulator: RunningEmulator;
/** Everything the flows produced, to be scanned. */
const produced: { what: string; text: string }[] = [];

function record(what: string, text: string): void {
  produced.push({ what, text });
}

function expectNoSecretIn(what: string, text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    expect(text.includes(secret), `${name} in ${what}`).toBe(false);
    expect(text.includes(Buffer.from(secret).toString('base64')), `base64 ${name} in ${what}`).toBe(false);
    expect(text.includes(encodeURIComponent(secret)), `url-encoded ${name} in ${what}`).toBe(false);
  }
  const basic = Buffer.from(`${REPO_USER}:${SECRETS.repoPassword}`).toString('base64');
  expect(text.includes(basic), `basic auth header in ${what}`).toBe(false);
}

beforeAll(async () => {
  repoDir = await buildRepo([
    { name: 'alpha', version: '1.0.0' },
    { name: 'beta', version: '1.0.0' },
  ]);
  basicRepo = await startFaultyRepoServer(repoDir, {
    basicAuth: { username: REPO_USER, password: SECRETS.repoPassword },
  });
  urlRepo = await startFaultyRepoServer(repoDir, {
    basicAuth: { username: REPO_USER, password: SECRETS.repoUrlPassword },
  });
  bearerRepo = await startFaultyRepoServer(repoDir, { bearerToken: SECRETS.repoBearer });
  // A private index whose chart URLs point at another host.
  otherHostDir = await buildRepo([{ name: 'gamma', version: '1.0.0' }]);
  packageHost = await startServer(staticHandler(otherHostDir));
  await indexRepo(otherHostDir, packageHost.origin);
  crossHostRepo = await startFaultyRepoServer(otherHostDir, {
    basicAuth: { username: REPO_USER, password: SECRETS.repoPassword },
  });
  emulator = await startEmulator({
    users: [
      {
        username: 'admin',
        password: SECRETS.ksPassword,
        role: 'platform-admin',
        tokens: [SECRETS.ksToken, SECRETS.saToken],
      },
    ],
  });
}, 120_000);

afterAll(async () => {
  await emulator.close();
  for (const server of [basicRepo, urlRepo, bearerRepo, crossHostRepo, packageHost]) await server.close();
  await rm(repoDir, { recursive: true, force: true });
  await rm(otherHostDir, { recursive: true, force: true });
});

describe('the CLI', () => {
  it('keeps every secret out of its output, good runs and failing ones', async () => {
    const ks = ['--server', emulator.url, '--json'];
    const runs: [string, string[], NodeJS.ProcessEnv | undefined, number][] = [
      [
        'token + --repo-password',
        [
          ...ks,
          '--token',
          SECRETS.ksToken,
          '--repo',
          basicRepo.url,
          '--repo-username',
          REPO_USER,
          '--repo-password',
          SECRETS.repoPassword,
        ],
        undefined,
        0,
      ],
      [
        'KS_TOKEN + REPO_PASSWORD env',
        [...ks, '--repo', basicRepo.url, '--repo-username', REPO_USER, '--dry-run'],
        { KS_TOKEN: SECRETS.ksToken, REPO_PASSWORD: SECRETS.repoPassword },
        0,
      ],
      [
        'password grant + credentials in the repo URL (refused)',
        [
          ...ks,
          '--username',
          'admin',
          '--password',
          SECRETS.ksPassword,
          '--repo',
          urlRepo.url.replace('http://', `http://${REPO_USER}:${SECRETS.repoUrlPassword}@`),
        ],
        undefined,
        2,
      ],
      [
        'password grant + --repo-password',
        [
          ...ks,
          '--username',
          'admin',
          '--password',
          SECRETS.ksPassword,
          '--repo',
          basicRepo.url,
          '--repo-username',
          REPO_USER,
          '--repo-password',
          SECRETS.repoPassword,
          '--dry-run',
        ],
        undefined,
        0,
      ],
      [
        'a wrong repository password',
        [
          ...ks,
          '--token',
          SECRETS.ksToken,
          '--repo',
          basicRepo.url,
          '--repo-username',
          REPO_USER,
          '--repo-password',
          SECRETS.repoWrongPassword,
        ],
        undefined,
        2,
      ],
      [
        'a wrong repository password from the env',
        [...ks, '--token', SECRETS.ksToken, '--repo', basicRepo.url, '--repo-username', REPO_USER],
        { REPO_PASSWORD: SECRETS.repoEnvPassword },
        2,
      ],
      [
        'a token KubeSphere rejects',
        [...ks, '--token', SECRETS.badKsToken, '--repo', basicRepo.url],
        undefined,
        2,
      ],
      [
        'a wrong KubeSphere password',
        [...ks, '--username', 'admin', '--password', SECRETS.repoWrongPassword, '--repo', basicRepo.url],
        undefined,
        2,
      ],
      [
        'a private index whose packages are on another host',
        [
          ...ks,
          '--token',
          SECRETS.ksToken,
          '--repo',
          crossHostRepo.url,
          '--repo-username',
          REPO_USER,
          '--repo-password',
          SECRETS.repoPassword,
        ],
        undefined,
        0,
      ],
    ];
    // An OCI registry stand-in whose token service is another origin (another port).
    const tokenHost = await startServer((_req, res) => res.end(JSON.stringify({ token: 'anon' })));
    const registry = await startServer((req, res) => {
      if (req.headers.authorization === 'Bearer anon') res.end(JSON.stringify({ tags: [] }));
      else res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokenHost.origin}/token"` }).end();
    });
    const oci = `oci://127.0.0.1:${String(registry.port)}/charts/demo`;
    const repoAuth = ['--repo-username', REPO_USER, '--repo-password', SECRETS.repoPassword];
    runs.push(
      [
        'a malformed --repo with user info (refused)',
        [...ks, '--token', SECRETS.ksToken, '--repo', `https://u:${SECRETS.repoUrlPassword}@exa mple.com/c`],
        undefined,
        2,
      ],
      [
        'an unparsable --repo with user info (refused)',
        [...ks, '--token', SECRETS.ksToken, '--repo', `https://u:${SECRETS.repoUrlPassword}@[bad/`],
        undefined,
        2,
      ],
      [
        'a stray REPO_PASSWORD, anonymous repository (ignored)',
        [...ks, '--token', SECRETS.ksToken, '--repo', packageHost.origin, '--dry-run'],
        { REPO_PASSWORD: SECRETS.repoEnvPassword },
        0,
      ],
      [
        'an OCI token service on another host (refused)',
        [...ks, '--token', SECRETS.ksToken, '--repo', oci, '--plain-http', ...repoAuth],
        undefined,
        2,
      ],
    );
    for (const [name, args, env, code] of runs) {
      const result = await runCli(args, env ? { env } : {});
      expect(result.code, `${name}: ${result.stderr}`).toBe(code);
      expectNoSecretIn(`CLI stdout (${name})`, result.stdout);
      expectNoSecretIn(`CLI stderr (${name})`, result.stderr);
      record(`CLI (${name})`, result.stdout + result.stderr);
    }
    // The repository saw the credentials; the other host never did.
    expect(crossHostRepo.log.every((request) => request.headers.authorization?.startsWith('Basic '))).toBe(
      true,
    );
    expect(packageHost.requests.length).toBeGreaterThan(0);
    for (const request of packageHost.requests) expect(request.headers.authorization).toBeUndefined();
    // The token service on another host saw nothing; with --pass-credentials, the password.
    expect(tokenHost.requests).toEqual([]);
    const passed = await runCli([
      ...ks,
      '--token',
      SECRETS.ksToken,
      '--repo',
      oci,
      '--plain-http',
      ...repoAuth,
      '--pass-credentials',
    ]);
    expect(passed.code, passed.stderr).toBe(0);
    expectNoSecretIn('CLI output (--pass-credentials)', passed.stdout + passed.stderr);
    const basic = `Basic ${Buffer.from(`${REPO_USER}:${SECRETS.repoPassword}`).toString('base64')}`;
    expect(tokenHost.requests.map((request) => request.headers.authorization)).toEqual([basic]);
    await Promise.all([tokenHost.close(), registry.close()]);
  });
});

describe('the service (a real process, state in Kubernetes)', () => {
  let kube: Awaited<ReturnType<typeof startKubeApiserverEmulator>>;
  let work: string;
  let service: ChildProcess;
  let baseUrl: string;
  let logs = '';
  const API = '/kapis/storeimporter.kubesphere.io/v1alpha1';

  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    return typeof address === 'object' && address ? address.port : 0;
  }

  async function api(
    method: string,
    path: string,
    body?: unknown,
    token: string = SECRETS.ksToken,
  ): Promise<{ status: number; text: string; body: Record<string, unknown> }> {
    const response = await fetch(`${baseUrl}${API}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    record(`${method} ${path} -> ${response.status}`, text);
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // SSE or plain text
    }
    return { status: response.status, text, body: parsed };
  }

  async function waitForEnd(id: string): Promise<{ phase: string; message?: string }> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { body } = await api('GET', `/jobs/${id}`);
      const status = body.status as { phase: string; message?: string; owner?: string } | undefined;
      if (status && ['Succeeded', 'PartiallyFailed', 'Failed', 'Cancelled'].includes(status.phase))
        return status;
      if (Date.now() > deadline) throw new Error(`job ${id} did not end: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    kube = await startKubeApiserverEmulator({ namespaces: [NAMESPACE], crds: productCrds() });
    work = await mkdtemp(join(tmpdir(), 'secrets-scan-'));
    await writeFile(join(work, 'kubeconfig'), kube.kubeconfigFor());
    await writeFile(join(work, 'sa-token'), `${SECRETS.saToken}\n`);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    service = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'backend/src/service/main.ts')], {
      env: {
        PATH: process.env.PATH,
        LISTEN_HOST: '127.0.0.1',
        PORT: String(port),
        STATE_BACKEND: 'kubernetes',
        KUBECONFIG: join(work, 'kubeconfig'),
        KS_APISERVER_URL: emulator.url,
        KS_SERVICEACCOUNT_TOKEN_FILE: join(work, 'sa-token'),
        POD_NAME: 'store-importer-0',
        POD_NAMESPACE: NAMESPACE,
        OUTBOUND_ALLOW_CIDRS: '127.0.0.1/32',
        LOG_LEVEL: 'trace',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    service.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const up = await fetch(`${baseUrl}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline || service.exitCode !== null)
        throw new Error(`the service did not start:\n${logs}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  afterAll(async () => {
    if (service.exitCode === null) {
      const exited = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    await kube.close();
    await rm(work, { recursive: true, force: true });
  });

  it('keeps every secret out of logs, responses, ImportJob/RepoImport objects and the store', async () => {
    emulator.reset();
    const basic = { url: basicRepo.url, username: REPO_USER, password: SECRETS.repoPassword };
    // Previews: good, wrong password, credentials in the URL (refused: they belong in their fields).
    expect((await api('POST', '/previews', { source: basic })).status).toBe(200);
    const wrong = await api('POST', '/previews', {
      source: { ...basic, password: SECRETS.repoWrongPassword },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toMatch(/401|authentication|credentials/i);
    const inUrl = await api('POST', '/previews', {
      source: { url: urlRepo.url.replace('http://', `http://${REPO_USER}:${SECRETS.repoUrlPassword}@`) },
    });
    expect(inUrl.status, inUrl.text).toBe(400);
    // A rejected KubeSphere token.
    expect((await api('GET', '/jobs', undefined, SECRETS.badKsToken)).status).toBe(401);

    // Jobs: basic auth, bearer token, and one that fails on a wrong password.
    const jobs: [string, unknown, string][] = [
      ['basic auth', { source: basic, versions: 'all' }, 'Succeeded'],
      [
        'bearer token',
        { source: { url: bearerRepo.url, token: SECRETS.repoBearer }, dryRun: true },
        'Succeeded',
      ],
      ['wrong password', { source: { ...basic, password: SECRETS.repoWrongPassword } }, 'Failed'],
    ];
    for (const [name, body, phase] of jobs) {
      const started = await api('POST', '/jobs', body);
      expect(started.status, `${name}: ${started.text}`).toBe(202);
      const id = started.body.id as string;
      const ended = await waitForEnd(id);
      expect(ended.phase, `${name}: ${JSON.stringify(ended)}`).toBe(phase);
      await api('GET', `/jobs/${id}/events`);
    }

    // A sync with stored credentials, run now with the ServiceAccount token.
    const sync = await api('POST', '/syncs', {
      name: 'nightly',
      schedule: '0 3 * * *',
      source: basic,
      versions: 'all',
    });
    expect(sync.status, sync.text).toBe(201);
    await api('GET', '/syncs');
    await api('GET', '/syncs/nightly');
    const run = await api('POST', '/syncs/nightly/run');
    expect(run.status, run.text).toBe(202);
    expect((await waitForEnd(run.body.id as string)).phase).toBe('Succeeded');
    await api('GET', '/jobs?limit=50');
    await api('GET', '/repos');
    // Let the last status writes and log lines land.
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Every response body.
    for (const { what, text } of produced) expectNoSecretIn(what, text);
    // The service's log output (trace level).
    expect(logs).toContain('"requestId"');
    expectNoSecretIn('service logs', logs);
    // The ImportJob and RepoImport objects (spec and status), and everything else but Secrets.
    const state = kube.state();
    const objects = Object.entries(state.objects);
    const crs = objects.filter(([kind]) => !/secret/i.test(kind));
    expect(JSON.stringify(crs)).toMatch(/ImportJob/);
    expect(JSON.stringify(crs)).toMatch(/RepoImport/);
    expectNoSecretIn('Kubernetes objects other than Secrets', JSON.stringify(crs));
    // The sync's Secret holds its password, base64 as Kubernetes stores it; nothing else does.
    const secrets = JSON.stringify(objects.filter(([kind]) => /secret/i.test(kind)));
    expect(secrets).toContain(Buffer.from(SECRETS.repoPassword).toString('base64'));
    expect(secrets).not.toContain(SECRETS.repoPassword);
    for (const [name, secret] of Object.entries(SECRETS)) {
      if (name !== 'repoPassword') expect(secrets.includes(secret), name).toBe(false);
    }
    // What the KubeSphere emulator stored (apps, versions, request log).
    expectNoSecretIn('KubeSphere store', JSON.stringify(emulator.state()));
  });
});
