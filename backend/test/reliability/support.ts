// Shared pieces of the reliability suite: a Helm repository on 127.0.0.1 that misbehaves on
// demand (5xx, 429 with Retry-After, truncated bodies, connection resets, no answer at all), and
// checks that a store has no duplicate and exactly the content of a clean import; one more
// service replica over a service harness's state.
import { rm } from 'node:fs/promises';
import type http from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { API_BASE, createApp } from '../../src/service/app.js';
import { createKubeSphereGateway } from '../../src/service/jobs/kubesphere.js';
import { JobManager } from '../../src/service/jobs/manager.js';
import type { JobRecord } from '../../src/service/jobs/types.js';
import { createLogger } from '../../src/service/logger.js';
import { type ServiceHarness, waitForJobEnd } from '../service/support.js';
import { buildRepo, type ChartSpec } from '../support/charts.js';
import { type CliResult, importAllArgs, runCli } from '../support/cli.js';
import { stateOf, storeFingerprint } from '../support/emulator.js';
import { type SeenRequest, startServer, staticHandler } from '../support/servers.js';

export type RepoFault =
  /** 503 Service Unavailable. */
  | 'status-503'
  /** 429 Too Many Requests with `Retry-After: <retryAfterSeconds>`. */
  | 'status-429'
  /** 200 with the full Content-Length, half the body, then the connection is destroyed. */
  | 'truncate'
  /** The connection is reset (TCP RST) before any answer. */
  | 'reset'
  /** No answer at all: the connection stays open until the server closes. */
  | 'hang';

export interface FaultRule {
  /** Requests whose path ends with this string (e.g. `/index.yaml`, `.tgz`, `alpha-1.1.0.tgz`). */
  pathEndsWith: string;
  fault: RepoFault;
  /** How many matching requests get the fault, per path; then they are served. Default: all. */
  times?: number;
  /** Retry-After of `status-429`, seconds. Default 1. */
  retryAfterSeconds?: number;
}

export interface ServedRequest extends SeenRequest {
  /** The fault this request got, or undefined when it was served. */
  fault: RepoFault | undefined;
  /** performance.now() when it arrived. */
  at: number;
}

export interface FaultyRepoServer {
  url: string;
  dir: string;
  /** Every request, with the fault it got. */
  log: ServedRequest[];
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  close(): Promise<void>;
}

function pathOf(req: http.IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://x').pathname;
}

export interface FaultyRepoOptions {
  /** Require basic auth with these credentials (401 otherwise). */
  basicAuth?: { username: string; password: string };
  /** Require `Authorization: Bearer <token>` (401 otherwise). */
  bearerToken?: string;
}

/** A static Helm repository of `dir` on 127.0.0.1 that applies the fault rules in force. */
export async function startFaultyRepoServer(
  dir: string,
  options: FaultyRepoOptions = {},
): Promise<FaultyRepoServer> {
  const serveFile = staticHandler(dir);
  let rules: FaultRule[] = [];
  /** rule index + path -> faults given. */
  let given = new Map<string, number>();
  const log: ServedRequest[] = [];
  const pickFault = (path: string): FaultRule | undefined => {
    for (const [index, rule] of rules.entries()) {
      if (!path.endsWith(rule.pathEndsWith)) continue;
      const key = `${index} ${path}`;
      const count = given.get(key) ?? 0;
      if (count >= (rule.times ?? Infinity)) continue;
      given.set(key, count + 1);
      return rule;
    }
    return undefined;
  };
  const server = await startServer((req, res, self) => {
    const path = pathOf(req);
    const rule = pickFault(path);
    log.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      fault: rule?.fault,
      at: performance.now(),
    });
    const expected = options.basicAuth
      ? `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`
      : options.bearerToken !== undefined
        ? `Bearer ${options.bearerToken}`
        : undefined;
    if (expected !== undefined && req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end('unauthorized');
      return;
    }
    switch (rule?.fault) {
      case undefined:
        serveFile(req, res, self);
        return;
      case 'status-503':
        res.writeHead(503, { 'content-type': 'text/plain' }).end('injected: service unavailable');
        return;
      case 'status-429':
        res
          .writeHead(429, {
            'retry-after': String(rule.retryAfterSeconds ?? 1),
            'content-type': 'text/plain',
          })
          .end('injected: slow down');
        return;
      case 'truncate': {
        // Serve the real file's first half under its full length, then cut the connection.
        const chunks: Buffer[] = [];
        const capture = {
          writeHead: (_status: number, headers: Record<string, number | string>) => {
            res.writeHead(200, headers);
            return capture;
          },
          end: (body: Buffer | string) => {
            chunks.push(Buffer.from(body));
            const bytes = Buffer.concat(chunks);
            res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => {
              setTimeout(() => res.socket?.destroy(), 5);
            });
          },
        };
        serveFile(req, capture as unknown as http.ServerResponse, self);
        return;
      }
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'hang':
        return;
    }
  });
  return {
    url: server.origin,
    dir,
    log,
    setFaults: (next) => {
      rules = next;
      given = new Map();
    },
    clearFaults: () => {
      rules = [];
      given = new Map();
    },
    close: () => server.close(),
  };
}

/** Store object names that occur more than once: apps, versions, and (app, versionName) pairs. */
export function duplicatesIn(emulator: RunningEmulator): string[] {
  const state = stateOf(emulator);
  const names = [
    ...state.apps.map((app) => `app ${app.metadata.name}`),
    ...state.versions.map((version) => `version object ${version.metadata.name}`),
    ...state.versions.map(
      (version) =>
        `version ${version.metadata.labels?.['application.kubesphere.io/app-id'] ?? '?'} ${version.spec?.versionName ?? '?'}`,
    ),
    ...state.categories.map((category) => `category ${category.metadata.name}`),
  ];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
  }
  return [...duplicates];
}

/** A faulty repository of some charts, the emulator, and the CLI importing one into the other. */
export interface FaultyImport {
  repo: FaultyRepoServer;
  emulator: RunningEmulator;
  /** The store after a clean import of every version (storeFingerprint). */
  cleanStore: string[];
  /** The real CLI importing every version from `repo` into `emulator`, with --json and `extra`. */
  cli(...extra: string[]): Promise<CliResult>;
  /** With every fault cleared, a re-run exits 0 and leaves exactly the clean store, no duplicate. */
  expectRerunCompletes(): Promise<void>;
}

/** The FaultyImport of `charts`, started once; faults, log and store are reset before each test. */
export function useFaultyImport(charts: ChartSpec[]): FaultyImport {
  let repoDir = '';
  const h = {
    cli: (...extra: string[]) => runCli(importAllArgs(h.emulator, h.repo.url, ...extra)),
    expectRerunCompletes: async () => {
      h.repo.clearFaults();
      h.emulator.clearFaults();
      const rerun = await h.cli();
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(duplicatesIn(h.emulator)).toEqual([]);
      expect(storeFingerprint(h.emulator)).toEqual(h.cleanStore);
    },
  } as FaultyImport;

  beforeAll(async () => {
    repoDir = await buildRepo(charts);
    h.repo = await startFaultyRepoServer(repoDir);
    h.emulator = await startEmulator();
    const clean = await h.cli();
    expect(clean.code, clean.stderr).toBe(0);
    h.cleanStore = storeFingerprint(h.emulator);
    expect(h.cleanStore.filter((line) => line.startsWith('version '))).toHaveLength(charts.length);
  }, 120_000);

  afterAll(async () => {
    await h.emulator.close();
    await h.repo.close();
    await rm(repoDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    h.emulator.reset();
    h.emulator.clearFaults();
    h.repo.clearFaults();
    h.repo.log.length = 0;
  });
  return h;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One more service replica over the harness's state stores (another pod), on 127.0.0.1. */
export interface Replica {
  origin: string;
  jobs: JobManager;
  /** A call to this replica's API as `token`. */
  api(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  /** Waits until the job ends; returns it. */
  waitForJob(id: string, timeoutMs?: number): Promise<JobRecord>;
  close(): Promise<void>;
}

export async function startReplica(
  h: ServiceHarness,
  options: { podName: string; maxRunningJobs?: number },
): Promise<Replica> {
  const config = { ...h.config, maxRunningJobs: options.maxRunningJobs ?? h.config.maxRunningJobs };
  const logger = createLogger('silent');
  const kubesphere = createKubeSphereGateway({
    server: config.kubesphereUrl,
    timeoutMs: config.requestTimeoutMs,
  });
  const jobs = new JobManager({
    stores: h.stores,
    kubesphere,
    repos: h.repos,
    logger,
    podName: options.podName,
    maxRunningJobs: config.maxRunningJobs,
    maxJobConcurrency: config.maxJobConcurrency,
    serviceAccountTokenFile: config.serviceAccountTokenFile,
    storePackageLimitBytes: config.storePackageLimitBytes,
    checkpointMs: 200,
  });
  const app = createApp({ config, stores: h.stores, jobs, kubesphere, repos: h.repos, logger });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    jobs,
    api: async (method, path, token, body) => {
      const response = await fetch(`${origin}${API_BASE}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: response.status, body: parsed };
    },
    waitForJob: (id, timeoutMs = 60_000) => waitForJobEnd(jobs, id, timeoutMs),
    close: async () => {
      await jobs.shutdown();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
