// The service's Express app over in-memory fakes, for fast route tests: memory state stores, a
// job manager that only records jobs (nothing runs), a KubeSphere that answers access checks
// from a table of tokens, and no repository. The routes' HTTP translation is what is left to test.
import type { Express } from 'express';
import { beforeAll, beforeEach } from 'vitest';

import type { AccessChecker, AccessKind } from '../../src/service/access.js';
import { createApp } from '../../src/service/app.js';
import { readConfig } from '../../src/service/config.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/service/errors.js';
import type { KubeSphereGateway } from '../../src/service/jobs/kubesphere.js';
import type { StartOptions } from '../../src/service/jobs/manager.js';
import { type ImportSpec, type JobRecord, isTerminalPhase } from '../../src/service/jobs/types.js';
import { createLogger } from '../../src/service/logger.js';
import type { JobControl } from '../../src/service/routes/context.js';
import { createMemoryStores, type MemoryStores } from '../../src/service/state/memory.js';

/** A token in KubeSphere's JWT shape, naming `user` (the service reads the name for display only). */
export function tokenOf(user: string): string {
  const claims = Buffer.from(JSON.stringify({ username: user })).toString('base64url');
  return `header.${claims}.signature`;
}

/** Who may do what: read the App Store, and manage it in these scopes ('' is the global store). */
export interface FakeUser {
  read: boolean;
  manage: string[];
}

export type UserName = 'admin' | 'viewer' | 'teamAdmin' | 'stranger';

export const USERS: Record<UserName, FakeUser> = {
  admin: { read: true, manage: ['', 'team', 'other'] },
  viewer: { read: true, manage: [] },
  /** Manages the workspace `team` only. */
  teamAdmin: { read: true, manage: ['team'] },
  stranger: { read: false, manage: [] },
};

/** Answers from USERS (by the user a token names) and records every question. */
export class FakeAccess implements AccessChecker {
  /** `read`, `manage:<workspace>` or `manage:` (global), in the order asked. */
  readonly asked: string[] = [];

  check(token: string, kind: AccessKind, workspace?: string): Promise<void> {
    this.asked.push(kind === 'read' ? 'read' : `manage:${workspace ?? ''}`);
    const user = Object.entries(USERS).find(([name]) => tokenOf(name) === token)?.[1];
    const allowed = kind === 'read' ? user?.read === true : (user?.manage.includes(workspace ?? '') ?? false);
    return allowed
      ? Promise.resolve()
      : Promise.reject(new ForbiddenError(`KubeSphere refused access: ${kind} ${workspace ?? ''}`));
  }
}

/** Stores jobs as started and keeps them Pending; cancel ends one at once. */
export class FakeJobs implements JobControl {
  readonly isAccepting = true;
  readonly started: { spec: ImportSpec; options: StartOptions }[] = [];
  private readonly jobs: JobRecord[] = [];

  async start(spec: ImportSpec, options: StartOptions): Promise<JobRecord> {
    this.started.push({ spec, options });
    const record: JobRecord = {
      id: `imp-fake-${this.jobs.length + 1}`,
      spec,
      ...(options.syncName ? { syncName: options.syncName } : {}),
      requestedBy: options.requestedBy,
      runAs: options.identity === 'service' ? 'service' : 'user',
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, this.jobs.length)).toISOString(),
      status: {
        phase: 'Pending',
        progress: { done: 0, total: 0 },
        summary: { created: 0, exists: 0, failed: 0, planned: 0 },
        failures: [],
        warnings: [],
      },
    };
    this.jobs.unshift(record);
    await options.beforeQueue?.(structuredClone(record));
    return structuredClone(record);
  }

  /** Adds a job as if it had run already. */
  add(record: JobRecord): void {
    this.jobs.unshift(structuredClone(record));
  }

  get(id: string): Promise<JobRecord | undefined> {
    const job = this.jobs.find((candidate) => candidate.id === id);
    return Promise.resolve(job ? structuredClone(job) : undefined);
  }

  list(filter: { syncName?: string; limit?: number } = {}): Promise<JobRecord[]> {
    const matching = this.jobs.filter(
      (job) => filter.syncName === undefined || job.syncName === filter.syncName,
    );
    return Promise.resolve(structuredClone(matching.slice(0, filter.limit ?? matching.length)));
  }

  cancel(id: string): Promise<JobRecord> {
    const job = this.jobs.find((candidate) => candidate.id === id);
    if (!job) return Promise.reject(new NotFoundError(`job ${id} not found`));
    if (isTerminalPhase(job.status.phase))
      return Promise.reject(new ConflictError(`job ${id} already ended (${job.status.phase})`));
    job.status = { ...job.status, phase: 'Cancelled', message: 'cancelled before it started' };
    return Promise.resolve(structuredClone(job));
  }

  /** No job runs here: the event stream follows the stored status. */
  subscribe(): undefined {
    return undefined;
  }
}

function unused(what: string): never {
  throw new Error(`the fake KubeSphere has no ${what}`);
}

/** KubeSphere for routes that only need the access checks (answered by FakeAccess). */
const fakeKubeSphere: KubeSphereGateway = {
  store: () => unused('App Store'),
  listRepos: () => Promise.resolve([]),
  getRepo: () => Promise.reject(new NotFoundError('no configured repositories in the fake')),
  checkRead: () => unused('access checks'),
  checkManage: () => unused('access checks'),
  ping: () => Promise.resolve(),
  listWorkspaces: () => Promise.resolve([]),
  // Every workspace exists here: the check itself is tested against the emulator.
  checkWorkspace: () => Promise.resolve('found'),
};

export interface FakeService {
  app: Express;
  stores: MemoryStores;
  jobs: FakeJobs;
  access: FakeAccess;
}

export function fakeService(): FakeService {
  const config = readConfig({ STATE_BACKEND: 'memory', POD_NAME: 'pod-fake', LOG_LEVEL: 'silent' });
  const stores = createMemoryStores();
  const jobs = new FakeJobs();
  const access = new FakeAccess();
  const app = createApp({
    config,
    stores,
    jobs,
    kubesphere: fakeKubeSphere,
    repos: {
      factory: () => unused('repository client'),
      outbound: {},
      maxIndexBytes: config.maxIndexBytes,
      maxPackageBytes: config.maxPackageBytes,
    },
    logger: createLogger('silent'),
    access,
  });
  return { app, stores, jobs, access };
}

/** The Authorization header of `user`'s requests. */
export function authAs(user: UserName): { Authorization: string } {
  return { Authorization: `Bearer ${tokenOf(user)}` };
}

/**
 * A fresh fake service for each test of the calling file; returns a getter for the current one.
 * The first app compiles the OpenAPI document's schemas (once per process), not a test's time.
 */
export function fakeServicePerTest(): () => FakeService {
  let service: FakeService | undefined;
  beforeAll(() => {
    fakeService();
  });
  beforeEach(() => {
    service = fakeService();
  });
  return () => {
    if (service === undefined) throw new Error('fakeServicePerTest: use the service inside a test');
    return service;
  };
}
