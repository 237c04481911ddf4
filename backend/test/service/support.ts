// The service end to end: the real Express app on 127.0.0.1, the KubeSphere emulator, helm-built
// repositories served on 127.0.0.1 (plain and with basic auth), memory state stores, the real
// outbound policy allowing only 127.0.0.1/32, and every log line captured.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@store-importer/kubesphere-emulator';
import { createChartRepository } from '../../src/engine/repo/index.js';
import { API_BASE, createApp } from '../../src/service/app.js';
import { type BundleStore, createBundleStore } from '../../src/service/bundles/store.js';
import { readConfig, type ServiceConfig } from '../../src/service/config.js';
import { createKubeSphereGateway } from '../../src/service/jobs/kubesphere.js';
import { JobManager } from '../../src/service/jobs/manager.js';
import type { RepoAccessOptions } from '../../src/service/jobs/spec.js';
import { type JobRecord, isTerminalPhase } from '../../src/service/jobs/types.js';
import { createLogger } from '../../src/service/logger.js';
import { outboundPolicyOf } from '../../src/service/main.js';
import { outboundRepoOptions } from '../../src/service/outbound/index.js';
import { createMemoryStores, type MemoryStores } from '../../src/service/state/memory.js';
import { buildRepo, type ChartSpec } from '../support/charts.js';
import { startRepoServer, type RepoServer } from '../support/repo-server.js';

export const SA_TOKEN = 'sa-token-7f3a9c';
export const REPO_USER = 'repo-user';
export const REPO_PASSWORD = 'S3cret-repo-pass-91d2';
export const POD = 'pod-a';

export const TEST_CHARTS: ChartSpec[] = [
  { name: 'alpha', version: '0.1.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
  { name: 'alpha', version: '0.2.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
  { name: 'beta', version: '1.0.0' },
];

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

export interface ServiceHarness {
  emulator: RunningEmulator;
  /** A plain repository and one that needs basic auth (REPO_USER / REPO_PASSWORD). */
  repo: RepoServer;
  privateRepo: RepoServer;
  /** The folder both repositories serve (tests may change its packages and index). */
  repoDir: string;
  tokenFile: string;
  config: ServiceConfig;
  stores: MemoryStores;
  jobs: JobManager;
  repos: RepoAccessOptions;
  /** The uploaded bundles (the app's and the jobs'). */
  bundles: BundleStore;
  /** `http://127.0.0.1:PORT` of the service. */
  origin: string;
  logs: string[];
  api(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  /** Waits until the job is terminal; returns it. */
  waitForJob(id: string, timeoutMs?: number): Promise<JobRecord>;
  events(path: string, token: string, headers?: Record<string, string>): Promise<SseEvent[]>;
  /** A new JobManager over the same stores (a restarted replica). */
  newJobManager(podName?: string): JobManager;
}

export function useServiceHarness(
  options: { emulator?: EmulatorOptions; charts?: ChartSpec[]; env?: Record<string, string> } = {},
): ServiceHarness {
  const harness = { logs: [] as string[] } as unknown as ServiceHarness;
  let repoDir = '';
  let tempDir = '';
  let server: Server | undefined;

  beforeAll(async () => {
    repoDir = await buildRepo(options.charts ?? TEST_CHARTS);
    harness.repoDir = repoDir;
    harness.repo = await startRepoServer(repoDir);
    harness.privateRepo = await startRepoServer(repoDir, {
      basicAuth: { username: REPO_USER, password: REPO_PASSWORD },
    });
    harness.emulator = await startEmulator({
      users: [
        { username: 'admin', password: 'P@88w0rd', role: 'platform-admin', tokens: ['emulator-admin-token'] },
        { username: 'viewer', password: 'P@88w0rd', role: 'viewer', tokens: ['emulator-viewer-token'] },
        {
          username: 'store-importer-sa',
          password: 'unused-Pw-1',
          role: 'platform-admin',
          tokens: [SA_TOKEN],
        },
      ],
      ...options.emulator,
    });
    tempDir = await mkdtemp(join(tmpdir(), 'service-test-'));
    harness.tokenFile = join(tempDir, 'token');
  }, 120_000);

  afterAll(async () => {
    await harness.emulator.close();
    await harness.repo.close();
    await harness.privateRepo.close();
    await rm(repoDir, { recursive: true, force: true });
    await rm(tempDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    harness.emulator.reset();
    harness.emulator.clearFaults();
    harness.emulator.setOptions({ ossStore: false, openpitrix: true });
    await writeFile(harness.tokenFile, `${SA_TOKEN}\n`);
    harness.logs.length = 0;
    harness.config = readConfig({
      STATE_BACKEND: 'memory',
      KS_APISERVER_URL: harness.emulator.url,
      KS_SERVICEACCOUNT_TOKEN_FILE: harness.tokenFile,
      POD_NAME: POD,
      LOG_LEVEL: 'debug',
      OUTBOUND_ALLOW_CIDRS: '127.0.0.1/32',
      REQUEST_TIMEOUT_MS: '20000',
      ...options.env,
    });
    const logger = createLogger('debug', {
      write: (line: string) => {
        harness.logs.push(line);
      },
    });
    harness.stores = createMemoryStores();
    const kubesphere = createKubeSphereGateway({
      server: harness.config.kubesphereUrl,
      timeoutMs: harness.config.requestTimeoutMs,
    });
    harness.bundles = createBundleStore(harness.config);
    harness.repos = {
      bundles: harness.bundles,
      factory: createChartRepository,
      outbound: outboundRepoOptions(outboundPolicyOf(harness.config)),
      maxIndexBytes: harness.config.maxIndexBytes,
      maxPackageBytes: harness.config.maxPackageBytes,
    };
    harness.newJobManager = (podName = POD) =>
      new JobManager({
        stores: harness.stores,
        kubesphere,
        repos: harness.repos,
        logger,
        podName,
        maxRunningJobs: harness.config.maxRunningJobs,
        maxJobConcurrency: harness.config.maxJobConcurrency,
        serviceAccountTokenFile: harness.config.serviceAccountTokenFile,
        storePackageLimitBytes: harness.config.storePackageLimitBytes,
        checkpointMs: 200,
      });
    harness.jobs = harness.newJobManager();
    const app = createApp({
      config: harness.config,
      stores: harness.stores,
      jobs: harness.jobs,
      kubesphere,
      repos: harness.repos,
      logger,
      bundles: harness.bundles,
    });
    const listening = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listening.once('listening', resolve));
    server = listening;
    harness.origin = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await harness.jobs.shutdown();
    await harness.bundles.close();
    const closing = server;
    if (closing) {
      closing.closeAllConnections();
      await new Promise<void>((resolve) =>
        closing.close(() => {
          resolve();
        }),
      );
    }
  });

  harness.api = apiClient(() => harness.origin);

  harness.waitForJob = (id, timeoutMs) => waitForJobEnd(harness.jobs, id, timeoutMs);

  harness.events = async (path, token, headers = {}) => {
    const response = await fetch(`${harness.origin}${API_BASE}${path}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', ...headers },
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status !== 200) throw new Error(`events: HTTP ${response.status} ${await response.text()}`);
    return parseSse(await response.text());
  };

  return harness;
}

/** Waits until `jobs` has ended the job and let go of it; returns it. */
export async function waitForJobEnd(jobs: JobManager, id: string, timeoutMs = 30_000): Promise<JobRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobs.get(id);
    if (job && isTerminalPhase(job.status.phase) && !jobs.isLocal(id)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not end: ${JSON.stringify(job?.status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Calls the service at `origin()` (under API_BASE unless the path says otherwise), as the admin by default. */
export function apiClient(origin: () => string): ServiceHarness['api'] {
  return async (method, path, { token = 'emulator-admin-token', body, headers = {} } = {}) => {
    const response = await fetch(
      `${origin()}${path.startsWith('/kapis') || path.startsWith('/healthz') || path.startsWith('/readyz') ? '' : API_BASE}${path}`,
      {
        method,
        headers: {
          ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      },
    );
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
}

export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split('\n\n')) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0)
      events.push({ event, ...(id ? { id } : {}), data: JSON.parse(data.join('\n')) as unknown });
  }
  return events;
}

/** The job record of a response body (asserted by the tests' expectations). */
export function jobOf(body: unknown): JobRecord {
  return body as JobRecord;
}
