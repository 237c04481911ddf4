// The jobs of this replica, behind one facade for the routes, the syncs and the composition
// root: a job is stored Pending, queued (queue.ts), run (lifecycle.ts) with its status written
// as the engine reports (progress.ts, checkpoint.ts), as the right identity (identity.ts); live
// events go to subscribers (SSE). Restarts are handled (recovery.ts): user jobs cannot resume
// (their token is never stored), service jobs resume, and the engine's idempotency means
// nothing is duplicated.
import { say } from '../../engine/index.js';
import { randomBytes } from 'node:crypto';

import { bundleNotFound } from '../bundles/store.js';
import { ConflictError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { StateStores } from '../state/types.js';
import type { RunIdentity } from './identity.js';
import type { KubeSphereGateway } from './kubesphere.js';
import { JobLifecycle } from './lifecycle.js';
import { type JobListener, LiveJob } from './live.js';
import { emptyStatus } from './progress.js';
import { JobQueue } from './queue.js';
import { endedWithoutOwner, isOrphaned, recoverInterrupted, type OwnershipSettings } from './recovery.js';
import type { RepoAccessOptions } from './spec.js';
import { type ImportSpec, type JobRecord, type RepoCredentials, isTerminalPhase } from './types.js';

export interface StartOptions {
  identity: RunIdentity;
  /** Repository credentials for this run; otherwise read through `spec.source.secretRef`. */
  credentials?: RepoCredentials;
  requestedBy: string;
  syncName?: string;
  /**
   * Runs once the job is stored, before it is queued (a sync records it as its last job, so that
   * the job's result lands on the sync however fast it ends). When it fails, the job is not
   * queued: it stays Pending until a recovery takes it over.
   */
  beforeQueue?: (record: JobRecord) => Promise<void>;
}

export interface JobManagerOptions {
  stores: StateStores;
  kubesphere: KubeSphereGateway;
  repos: RepoAccessOptions;
  logger: Logger;
  podName: string;
  maxRunningJobs: number;
  /**
   * Jobs of one user running at once (scheduled syncs all count as one user), so that one
   * user's slow jobs never hold every slot; default maxRunningJobs (no per-user limit).
   */
  maxRunningJobsPerUser?: number;
  /** A running job stops starting versions after this long and ends Failed; default none. */
  jobDeadlineMs?: number;
  maxJobConcurrency: number;
  /** The extension's KubeSphere ServiceAccount token, re-read before each service run. */
  serviceAccountTokenFile: string;
  /** The App Store's package limit (0: S3, none). Required: a default here once hid the setting. */
  storePackageLimitBytes: number;
  /** Status writes at most this often while a job runs (default 2 s). */
  checkpointMs?: number;
  /** The owner renews `heartbeatTime` this often (default 10 s). */
  heartbeatMs?: number;
  /** A Pending/Running job whose heartbeat is older than this lost its owner (default 60 s). */
  staleAfterMs?: number;
  now?: () => Date;
}

/** `imp-<time base36>-<6 random chars>`: a DNS-1123 label, sortable by creation time. */
export function newJobId(now: Date): string {
  const random = randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 6);
  return `imp-${now.getTime().toString(36)}-${random}`;
}

export class JobManager {
  /** The jobs this replica holds, waiting or running. */
  private readonly live = new Map<string, LiveJob>();
  /** Releases of the uploaded bundles the jobs of this replica read, by job. */
  private readonly bundleHolds = new Map<string, () => void>();
  private readonly queue: JobQueue<LiveJob>;
  private readonly lifecycle: JobLifecycle;
  private readonly ownership: OwnershipSettings;
  private readonly heartbeatMs: number;
  private accepting = true;

  constructor(private readonly options: JobManagerOptions) {
    const now = options.now ?? (() => new Date());
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.ownership = { podName: options.podName, staleAfterMs: options.staleAfterMs ?? 60_000, now };
    this.lifecycle = new JobLifecycle({
      stores: options.stores,
      kubesphere: options.kubesphere,
      repos: options.repos,
      logger: options.logger,
      serviceAccountTokenFile: options.serviceAccountTokenFile,
      storePackageLimitBytes: options.storePackageLimitBytes,
      jobDeadlineMs: options.jobDeadlineMs,
      checkpointMs: options.checkpointMs ?? 2_000,
      now,
      onRelease: (live) => {
        this.live.delete(live.id);
        this.bundleHolds.get(live.id)?.();
        this.bundleHolds.delete(live.id);
      },
    });
    this.queue = new JobQueue(
      {
        maxRunning: options.maxRunningJobs,
        maxRunningPerLane: options.maxRunningJobsPerUser ?? options.maxRunningJobs,
      },
      (live) => {
        live.run = this.lifecycle.run(live);
        return live.run;
      },
    );
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  /** Persists a new Pending job and queues it; resolves with the record as stored. */
  async start(spec: ImportSpec, options: StartOptions): Promise<JobRecord> {
    if (!this.accepting)
      throw new ServiceUnavailableError('the service is shutting down; try again in a moment');
    const now = this.ownership.now();
    const record: JobRecord = {
      id: newJobId(now),
      spec: {
        ...spec,
        concurrency: Math.max(1, Math.min(spec.concurrency, this.options.maxJobConcurrency)),
      },
      ...(options.syncName ? { syncName: options.syncName } : {}),
      requestedBy: options.requestedBy,
      runAs: options.identity === 'service' ? 'service' : 'user',
      createdAt: now.toISOString(),
      status: { ...emptyStatus(), owner: this.options.podName, heartbeatTime: now.toISOString() },
    };
    // Held before the job is stored: a bundle evicted since the request resolved it is the
    // request's 404 now, not a job queued to fail later.
    const bundle = spec.source.bundle;
    const release = bundle ? this.options.repos.bundles?.hold(bundle.sha256) : undefined;
    if (bundle && this.options.repos.bundles && !release) throw bundleNotFound(bundle.sha256);
    try {
      await this.options.stores.jobs.create(record);
      await options.beforeQueue?.(structuredClone(record));
    } catch (error) {
      release?.();
      throw error;
    }
    this.enqueue(record, options.identity, options.credentials, release);
    return structuredClone(record);
  }

  /** The freshest record: this replica's live one, else the stored one. */
  async get(id: string): Promise<JobRecord | undefined> {
    const live = this.live.get(id);
    if (live) return live.snapshot();
    return this.options.stores.jobs.get(id);
  }

  async list(filter: { syncName?: string; limit?: number } = {}): Promise<JobRecord[]> {
    const stored = await this.options.stores.jobs.list(filter);
    return stored.map((record) => this.live.get(record.id)?.snapshot() ?? record);
  }

  /** Whether the job runs (or waits) in this process, so that live events exist. */
  isLocal(id: string): boolean {
    return this.live.has(id);
  }

  /** Live events of a job of this process; undefined when it is not here. */
  subscribe(id: string, listener: JobListener): (() => void) | undefined {
    return this.live.get(id)?.listen(listener);
  }

  /**
   * Asks a job to stop between versions: the versions being written finish, no other starts, so
   * the job ends Cancelled counting exactly what the store got. Answers the record as it is now.
   */
  async cancel(id: string): Promise<JobRecord> {
    const live = this.live.get(id);
    if (live) {
      if (live.record.status.phase === 'Pending' && this.queue.remove(id)) {
        await this.lifecycle.finish(live, { phase: 'Cancelled', message: say('job-cancelled-before-start') });
        return live.snapshot();
      }
      live.requestCancel();
      live.emitStatus();
      return live.snapshot();
    }
    const stored = await this.options.stores.jobs.get(id);
    if (!stored) throw new NotFoundError(`job ${id} not found`);
    if (isTerminalPhase(stored.status.phase))
      throw new ConflictError(`job ${id} already ended (${stored.status.phase})`);
    // Its owner stops at its next checkpoint; nobody would, when the owner is gone.
    const status = isOrphaned(stored, this.ownership)
      ? endedWithoutOwner(stored.status, 'Cancelled', say('job-cancelled-orphaned'), this.ownership.now())
      : { ...stored.status, cancelRequested: true };
    await this.options.stores.jobs.updateStatus(id, status);
    return { ...stored, status };
  }

  /**
   * At start (and safe to call again): jobs left Pending or Running by a replica that is gone
   * (owner is this pod, no owner, or a heartbeat older than 60 s). A user job cannot resume,
   * its token is never stored: it ends Failed. A service job starts again with the same spec.
   */
  recoverInterrupted(): Promise<{ failed: string[]; resumed: string[] }> {
    return recoverInterrupted({
      ...this.ownership,
      store: this.options.stores.jobs,
      logger: this.options.logger,
      holds: (id) => this.live.has(id),
      resume: (record) => {
        this.enqueue(record, 'service');
      },
    });
  }

  /**
   * Stops accepting jobs, stops the running ones and writes their status: user jobs end Failed
   * (their token dies with this process); service jobs go back to Pending with no owner, so the
   * next replica's recoverInterrupted resumes them at once. Resolves when all is written.
   */
  async shutdown(): Promise<void> {
    this.accepting = false;
    for (const live of this.queue.close()) await this.lifecycle.interrupt(live);
    const runs: Promise<void>[] = [];
    for (const live of this.live.values()) {
      // A job being cancelled still ends Cancelled, only sooner.
      live.stop ??= 'shutdown';
      live.controller.abort();
      if (live.run) runs.push(live.run);
    }
    await Promise.allSettled(runs);
  }

  /** `release`: the hold on the job's bundle taken by start; a recovered job takes its own. */
  private enqueue(
    record: JobRecord,
    identity: RunIdentity,
    credentials?: RepoCredentials,
    release?: () => void,
  ): void {
    const live = new LiveJob(
      record,
      identity,
      credentials,
      {
        store: this.options.stores.jobs,
        logger: this.options.logger,
        heartbeatMs: this.heartbeatMs,
        now: this.ownership.now,
      },
      this.options.logger,
    );
    this.live.set(record.id, live);
    // A waiting job keeps its bundle too: an hour in the queue must not lose it.
    const bundle = record.spec.source.bundle;
    const held = release ?? (bundle ? this.options.repos.bundles?.hold(bundle.sha256) : undefined);
    if (held) this.bundleHolds.set(record.id, held);
    this.queue.add(live);
  }
}
