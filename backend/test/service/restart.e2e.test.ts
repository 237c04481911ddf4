// The service as a real process, with its state in Kubernetes (the Kubernetes API emulator with
// the product's CRDs), killed with SIGKILL in the middle of a job and started again, as a
// container restart does: a sync job resumes and completes; a user's job fails cleanly and a new
// one completes. Both end with exactly the store a clean import makes.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startKubeApiserverEmulator } from '@store-importer/kube-apiserver-emulator';
import { repoRoot } from '../support/fixtures.js';
import { storeFingerprint, writesOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';
import { NAMESPACE, productCrds } from '../kubernetes/support.js';

const API = '/kapis/storeimporter.kubesphere.io/v1alpha1';
const h = useImportHarness(
  ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'].flatMap((name) => [
    { name, version: '1.0.0' },
    { name, version: '1.1.0' },
  ]),
);

let kube: Awaited<ReturnType<typeof startKubeApiserverEmulator>>;
let work: string;
let env: NodeJS.ProcessEnv;
let baseUrl: string;
let cleanStore: string[];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startServiceProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'backend/src/service/main.ts')], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return child;
}

async function ready(): Promise<void> {
  await waitFor(async () => ((await fetch(`${baseUrl}/readyz`)).ok ? true : undefined), 'readiness');
}

async function api(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${h.emulator.adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function phaseOf(id: string): Promise<{ phase: string; message?: string }> {
  const { body } = await api('GET', `/jobs/${id}`);
  return (body as { status: { phase: string; message?: string } }).status;
}

async function killWhenStoreWrites(child: ChildProcess, writes: number): Promise<void> {
  await waitFor(
    () => Promise.resolve(writesOf(h.emulator).length >= writes ? true : undefined),
    `${writes} store writes`,
  );
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

beforeAll(async () => {
  kube = await startKubeApiserverEmulator({ namespaces: [NAMESPACE], crds: productCrds() });
  work = await mkdtemp(join(tmpdir(), 'service-restart-'));
  await writeFile(join(work, 'kubeconfig'), kube.kubeconfigFor());
  await writeFile(join(work, 'sa-token'), h.emulator.adminToken);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    PATH: process.env.PATH,
    LISTEN_HOST: '127.0.0.1',
    PORT: String(port),
    STATE_BACKEND: 'kubernetes',
    KUBECONFIG: join(work, 'kubeconfig'),
    KS_APISERVER_URL: h.emulator.url,
    KS_SERVICEACCOUNT_TOKEN_FILE: join(work, 'sa-token'),
    POD_NAME: 'store-importer-0',
    POD_NAMESPACE: NAMESPACE,
    OUTBOUND_ALLOW_CIDRS: '127.0.0.1/32',
    LOG_LEVEL: 'warn',
    SCHEDULE_TICK_SECONDS: '1',
  };
  // The store a clean import of every version makes, for comparison.
  h.emulator.reset();
  expect((await h.cli('--versions', 'all')).code).toBe(0);
  cleanStore = storeFingerprint(h.emulator);
}, 120_000);

afterAll(async () => {
  await kube.close();
  await rm(work, { recursive: true, force: true });
});

beforeEach(() => {
  // Slow the store down so that a kill lands in the middle of the job.
  h.emulator.setFaults({ latencyMs: 40 });
});

describe('a restart in the middle of a job', () => {
  it('resumes a sync job and completes it without duplicates', async () => {
    let service = startServiceProcess();
    try {
      await ready();
      const created = await api('POST', '/syncs', {
        name: 'nightly',
        schedule: '0 3 * * *',
        source: { url: h.repo.url },
        versions: 'all',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const run = await api('POST', '/syncs/nightly/run');
      expect(run.status, JSON.stringify(run.body)).toBe(202);
      const id = (run.body as { id: string }).id;
      await killWhenStoreWrites(service, 6);
      expect(storeFingerprint(h.emulator)).not.toEqual(cleanStore);

      service = startServiceProcess();
      await ready();
      await waitFor(
        async () => ((await phaseOf(id)).phase === 'Succeeded' ? true : undefined),
        'the resumed job',
      );
      h.emulator.clearFaults();
      expect(storeFingerprint(h.emulator)).toEqual(cleanStore);
    } finally {
      service.kill('SIGKILL');
    }
  });

  it("fails a user's job cleanly; starting it again completes the store", async () => {
    let service = startServiceProcess();
    try {
      await ready();
      const started = await api('POST', '/jobs', { source: { url: h.repo.url }, versions: 'all' });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      const id = (started.body as { id: string }).id;
      await killWhenStoreWrites(service, 6);

      service = startServiceProcess();
      await ready();
      const interrupted = await waitFor(async () => {
        const status = await phaseOf(id);
        return status.phase === 'Failed' ? status : undefined;
      }, 'the interrupted job to fail');
      expect(interrupted.message).toMatch(/interrupted by a restart.*nothing will be duplicated/);

      const again = await api('POST', '/jobs', { source: { url: h.repo.url }, versions: 'all' });
      const second = (again.body as { id: string }).id;
      await waitFor(
        async () => ((await phaseOf(second)).phase === 'Succeeded' ? true : undefined),
        'the new job',
      );
      h.emulator.clearFaults();
      expect(storeFingerprint(h.emulator)).toEqual(cleanStore);
    } finally {
      service.kill('SIGKILL');
    }
  });
});
