// Runs import jobs in the background: a bounded number at once per replica and per user (the rest
// wait as Pending, taken fairly across users), each with the engine's runImport as the right
// identity, within a deadline. Status is checkpointed to the JobStore (throttled, with a
// heartbeat), live events go to subscribers (SSE), and a restart
// is handled: user jobs cannot resume (their token is never stored), service jobs resume, and
// the engine's idempotency means nothing is duplicated.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { runImport } from '../../engine/index.js';
import type { ImportEvent, ImportItem } from '../../engine/index.js';
import { UNKNOWN_USER } from '../auth.js';
import { ConflictError, NotFoundError, ServiceUnavailableError, mapError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { StateStores } from '../state/types.js';
import type { KubeSphereGateway } from './kubesphere.js';
import { categoryMapOf, openRepository, selectionOf, type RepoAccessOptions } from './spec.js';
import {
  MAX_RECORDED_CHARTS,
  MAX_RECORDED_FAILURES,
  type ImportSpec,
  type JobChartStatus,
  type JobEvent,
  type JobPhase,
  type JobRecord,
  type JobStatus,
  type RepoCredentials,
  type SyncRecord,
  type SyncCondition,
} from './types.js';

export const MAX_RECORDED_WARNINGS = 20;
export const INTERRUPTED_MESSAGE =
  'interrupted by a restart of the service; start it again: nothing will be duplicated';
export const TERMINAL_PHASES: ReadonlySet<JobPhase> = new Set([
  'Succeeded',
  'PartiallyFailed',
  'Failed',
  'Cancelled',
]);

/** Who a job runs as: the caller's KubeSphere token (memory only), or the extension's own. */
export type RunIdentity = { token: string } | 'service';

export interface StartOptions {
  identity: RunIdentity;
  /** Repository credentials for this run; otherwise read through `spec.source.secretRef`. */
  credentials?: RepoCredentials;
  requestedBy: string;
  syncName?: string;
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

export type JobListener = (event: JobEvent) => void;

interface LiveJob {
  record: JobRecord;
  identity: RunIdentity;
  credentials?: RepoCredentials;
  /** Stops the run at once (shutdown). */
  controller: AbortController;
  /** Stops it between versions, letting the versions in flight finish (a user's cancel). */
  cancel: AbortController;
  listeners: Set<JobListener>;
  /** The entries of `record.status.charts`, by chart name. */
  charts: Map<string, JobChartStatus>;
  /** Whose turn it is in the queue: the user, or the extension for syncs. */
  lane: string;
  stop?: 'cancel' | 'shutdown' | 'deadline';
  dirty: boolean;
  lastWrite: number;
  finished: boolean;
  writes: Promise<void>;
  run?: Promise<void>;
}

/** Keeps the first items only: the status stays small, whatever the size of the import. */
function keepFirst(items: ImportItem[], item: ImportItem): void {
  if (items.length < MAX_RECORDED_FAILURES) items.push(item);
}

function emptyStatus(): JobStatus {
  return {
    phase: 'Pending',
    progress: { done: 0, total: 0 },
    summary: { created: 0, exists: 0, failed: 0, planned: 0 },
    failures: [],
    warnings: [],
  };
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
  private readonly live = new Map<string, LiveJob>();
  private readonly queue: string[] = [];
  private running = 0;
  /** Running jobs per lane (see laneOf). */
  private readonly runningIn = new Map<string, number>();
  private accepting = true;
  private readonly checkpointMs: number;
  private readonly heartbeatMs: number;
  private readonly staleAfterMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: JobManagerOptions) {
    this.checkpointMs = options.checkpointMs ?? 2_000;
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.staleAfterMs = options.staleAfterMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  /** Persists a new Pending job and queues it; resolves with the record as stored. */
  async start(spec: ImportSpec, options: StartOptions): Promise<JobRecord> {
    const record = await this.create(spec, options);
    this.enqueue(record, options.identity, options.credentials);
    return structuredClone(record);
  }

  /**
   * Starts a job of a sync as the extension's own identity ("run now" and the scheduler), and
   * records it as the sync's last job before it runs, so that its result lands on the sync.
   */
  async startSync(sync: SyncRecord, requestedBy = 'schedule'): Promise<JobRecord> {
    const { schedule: _schedule, suspend: _suspend, ...spec } = sync.spec;
    const record = await this.create(spec, { identity: 'service', requestedBy, syncName: sync.name });
    const current = (await this.options.stores.syncs.get(sync.name)) ?? sync;
    await this.options.stores.syncs.updateStatus(sync.name, {
      ...current.status,
      lastJobId: record.id,
      lastRunTime: record.createdAt,
    });
    this.enqueue(record, 'service');
    return structuredClone(record);
  }

  private async create(spec: ImportSpec, options: StartOptions): Promise<JobRecord> {
    if (!this.accepting)
      throw new ServiceUnavailableError('the service is shutting down; try again in a moment');
    const now = this.now();
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
    await this.options.stores.jobs.create(record);
    return record;
  }

  /** The freshest record: this replica's live one, else the stored one. */
  async get(id: string): Promise<JobRecord | undefined> {
    const live = this.live.get(id);
    if (live) return structuredClone(live.record);
    return this.options.stores.jobs.get(id);
  }

  async list(filter: { syncName?: string; limit?: number } = {}): Promise<JobRecord[]> {
    const stored = await this.options.stores.jobs.list(filter);
    return stored.map((record) => {
      const live = this.live.get(record.id);
      return live ? structuredClone(live.record) : record;
    });
  }

  /** Whether the job runs (or waits) in this process, so that live events exist. */
  isLocal(id: string): boolean {
    return this.live.has(id);
  }

  /** Live events of a job of this process; undefined when it is not here. */
  subscribe(id: string, listener: JobListener): (() => void) | undefined {
    const live = this.live.get(id);
    if (!live) return undefined;
    live.listeners.add(listener);
    return () => live.listeners.delete(listener);
  }

  /**
   * Asks a job to stop between versions: the versions being written finish, no other starts, so
   * the job ends Cancelled counting exactly what the store got. Answers the record as it is now.
   */
  async cancel(id: string): Promise<JobRecord> {
    const live = this.live.get(id);
    if (live) {
      if (live.record.status.phase === 'Pending' && this.queue.includes(id)) {
        this.queue.splice(this.queue.indexOf(id), 1);
        await this.finish(live, { phase: 'Cancelled', message: 'cancelled before it started' });
        return structuredClone(live.record);
      }
      live.stop ??= 'cancel';
      live.record.status.cancelRequested = true;
      live.cancel.abort();
      this.emitStatus(live);
      return structuredClone(live.record);
    }
    const stored = await this.options.stores.jobs.get(id);
    if (!stored) throw new NotFoundError(`job ${id} not found`);
    if (TERMINAL_PHASES.has(stored.status.phase))
      throw new ConflictError(`job ${id} already ended (${stored.status.phase})`);
    const status: JobStatus = this.isOrphaned(stored)
      ? {
          ...stored.status,
          phase: 'Cancelled',
          message: 'cancelled; the replica that ran it had stopped',
          completionTime: this.now().toISOString(),
          owner: undefined,
          heartbeatTime: undefined,
        }
      : { ...stored.status, cancelRequested: true };
    await this.options.stores.jobs.updateStatus(id, status);
    return { ...stored, status };
  }

  /**
   * At start (and safe to call again): jobs left Pending or Running by a replica that is gone
   * (owner is this pod, no owner, or a heartbeat older than 60 s). A user job cannot resume,
   * its token is never stored: it ends Failed. A service job starts again with the same spec.
   */
  async recoverInterrupted(): Promise<{ failed: string[]; resumed: string[] }> {
    const failed: string[] = [];
    const resumed: string[] = [];
    for (const job of await this.options.stores.jobs.list()) {
      if (TERMINAL_PHASES.has(job.status.phase) || this.live.has(job.id) || !this.isOrphaned(job)) continue;
      if (job.runAs === 'user') {
        await this.options.stores.jobs.updateStatus(job.id, {
          ...job.status,
          phase: 'Failed',
          message: INTERRUPTED_MESSAGE,
          completionTime: this.now().toISOString(),
          owner: undefined,
          heartbeatTime: undefined,
        });
        failed.push(job.id);
      } else {
        const record: JobRecord = {
          ...job,
          status: {
            ...emptyStatus(),
            owner: this.options.podName,
            heartbeatTime: this.now().toISOString(),
            warnings: ['resumed after an interruption of the service'],
          },
        };
        await this.options.stores.jobs.updateStatus(job.id, record.status);
        this.enqueue(record, 'service');
        resumed.push(job.id);
      }
    }
    if (failed.length + resumed.length > 0)
      this.options.logger.info({ failed, resumed }, 'recovered interrupted jobs');
    return { failed, resumed };
  }

  /**
   * Stops accepting jobs, stops the running ones and writes their status: user jobs end Failed
   * (their token dies with this process); service jobs go back to Pending with no owner, so the
   * next replica's recoverInterrupted resumes them at once. Resolves when all is written.
   */
  async shutdown(): Promise<void> {
    this.accepting = false;
    const waiting = this.queue.splice(0);
    for (const id of waiting) {
      const live = this.live.get(id);
      if (live) await this.interrupt(live);
    }
    const runs: Promise<void>[] = [];
    for (const live of this.live.values()) {
      // A job being cancelled still ends Cancelled, only sooner.
      live.stop ??= 'shutdown';
      live.controller.abort();
      if (live.run) runs.push(live.run);
    }
    await Promise.allSettled(runs);
  }

  private isOrphaned(job: JobRecord): boolean {
    const { owner, heartbeatTime } = job.status;
    if (!owner || owner === this.options.podName || !heartbeatTime) return true;
    return this.now().getTime() - Date.parse(heartbeatTime) > this.staleAfterMs;
  }

  private enqueue(record: JobRecord, identity: RunIdentity, credentials?: RepoCredentials): void {
    this.live.set(record.id, {
      record: structuredClone(record),
      identity,
      ...(credentials ? { credentials } : {}),
      controller: new AbortController(),
      cancel: new AbortController(),
      listeners: new Set(),
      charts: new Map(),
      lane: laneOf(record, identity),
      dirty: false,
      lastWrite: Date.now(),
      finished: false,
      writes: Promise.resolve(),
    });
    this.queue.push(record.id);
    this.pump();
  }

  private pump(): void {
    while (this.accepting && this.running < this.options.maxRunningJobs) {
      const live = this.takeNext();
      if (!live) return;
      this.running += 1;
      this.runningIn.set(live.lane, (this.runningIn.get(live.lane) ?? 0) + 1);
      live.run = this.run(live).finally(() => {
        this.running -= 1;
        const left = (this.runningIn.get(live.lane) ?? 1) - 1;
        if (left > 0) this.runningIn.set(live.lane, left);
        else this.runningIn.delete(live.lane);
        this.pump();
      });
    }
  }

  /**
   * The next job to start: the oldest one of the lane with the fewest running jobs, among lanes
   * under the per-user limit. Another user's job waits for a free slot only, never behind a
   * queue one user filled.
   */
  private takeNext(): LiveJob | undefined {
    const perLane = this.options.maxRunningJobsPerUser ?? this.options.maxRunningJobs;
    let best: { position: number; live: LiveJob; running: number } | undefined;
    for (const [position, id] of this.queue.entries()) {
      const live = this.live.get(id);
      if (!live) continue;
      const running = this.runningIn.get(live.lane) ?? 0;
      if (running < perLane && (best === undefined || running < best.running))
        best = { position, live, running };
    }
    if (best) this.queue.splice(best.position, 1);
    return best?.live;
  }

  private async run(live: LiveJob): Promise<void> {
    const { record } = live;
    const { logger } = this.options;
    record.status.phase = 'Running';
    record.status.startTime = this.now().toISOString();
    this.emitStatus(live);
    await this.persist(live);
    const timer = setInterval(() => {
      void this.checkpoint(live);
    }, this.checkpointMs);
    timer.unref();
    const { jobDeadlineMs } = this.options;
    const deadline =
      jobDeadlineMs === undefined
        ? undefined
        : setTimeout(() => {
            this.passDeadline(live, jobDeadlineMs);
          }, jobDeadlineMs);
    try {
      const token = live.identity === 'service' ? await this.serviceToken() : live.identity.token;
      const credentials = live.credentials ?? (await this.storedCredentials(record.spec));
      const repo = openRepository(record.spec.source, credentials, this.options.repos);
      const store = this.options.kubesphere.store(token, record.spec.workspace);
      const categories = categoryMapOf(record.spec.categories);
      const limit = this.options.storePackageLimitBytes;
      const report = await runImport(repo, store, {
        repoUrl: record.spec.source.url,
        selection: selectionOf(record.spec),
        publish: record.spec.publish,
        dryRun: record.spec.dryRun,
        concurrency: record.spec.concurrency,
        ...(categories ? { categories } : {}),
        // 0 (S3): nothing to aim for; the engine still slims if the store refuses a size after all.
        ...(limit ? { maxPackageBytes: limit } : {}),
        signal: live.controller.signal,
        cancel: live.cancel.signal,
        onEvent: (event) => {
          this.onEngineEvent(live, event);
        },
      });
      const { failed } = report.summary;
      const phase: JobPhase =
        failed === 0 ? 'Succeeded' : failed === report.items.length ? 'Failed' : 'PartiallyFailed';
      clearInterval(timer);
      clearTimeout(deadline);
      await this.finish(live, {
        phase,
        ...(phase === 'Failed' ? { message: `every item failed (${failed}); see the failures` } : {}),
      });
    } catch (error) {
      clearInterval(timer);
      clearTimeout(deadline);
      if (live.stop === 'shutdown') {
        await this.interrupt(live);
      } else if (live.stop === 'cancel') {
        await this.finish(live, { phase: 'Cancelled', message: 'cancelled' });
      } else if (live.stop === 'deadline') {
        await this.finish(live, {
          phase: 'Failed',
          message: `stopped at the job deadline of ${describeMs(jobDeadlineMs ?? 0)}: the versions being written finished, the others were not started; start it again to finish them (nothing will be duplicated)`,
        });
      } else {
        const mapped = mapError(error);
        if (mapped.internal) logger.error({ err: error, job: record.id }, 'job failed unexpectedly');
        const message = mapped.internal ? `unexpected failure: ${errorMessage(error)}` : mapped.message;
        await this.finish(live, { phase: 'Failed', message });
      }
    }
  }

  /** Time is up: the job stops as a cancel stops it (the versions being written finish). */
  private passDeadline(live: LiveJob, deadlineMs: number): void {
    if (live.stop) return;
    live.stop = 'deadline';
    live.cancel.abort();
    this.warn(
      live,
      `the job deadline of ${describeMs(deadlineMs)} has passed: the versions being written finish, no other starts`,
    );
  }

  private onEngineEvent(live: LiveJob, event: ImportEvent): void {
    const { status } = live.record;
    switch (event.type) {
      case 'plan':
        status.progress = { done: status.progress.done, total: event.versions };
        status.charts = event.planned.slice(0, MAX_RECORDED_CHARTS).map(({ chart, app, versions }) => ({
          chart,
          app,
          total: versions,
          created: 0,
          exists: 0,
          failed: 0,
          planned: 0,
        }));
        live.charts = new Map(status.charts.map((entry) => [entry.chart, entry]));
        if (event.planned.length > MAX_RECORDED_CHARTS) {
          this.warn(
            live,
            `only the first ${MAX_RECORDED_CHARTS} of ${event.planned.length} charts are listed with their outcome; the summary counts them all`,
          );
        }
        live.dirty = true;
        this.emitStatus(live);
        return;
      case 'item': {
        status.progress = { done: event.done, total: event.total };
        status.summary[event.item.status] += 1;
        const chart = live.charts.get(event.item.chart);
        if (chart) chart[event.item.status] += 1;
        if (event.item.status === 'failed') keepFirst(status.failures, event.item);
        else if (event.item.reason !== '') keepFirst((status.notes ??= []), event.item);
        live.dirty = true;
        this.emit(live, { type: 'item', item: event.item, done: event.done, total: event.total });
        return;
      }
      case 'warning':
        this.warn(live, event.message);
        return;
      case 'index':
        return;
    }
  }

  private warn(live: LiveJob, message: string): void {
    const { warnings } = live.record.status;
    if (warnings.length < MAX_RECORDED_WARNINGS) warnings.push(message);
    live.dirty = true;
    this.emit(live, { type: 'warning', message });
  }

  private async serviceToken(): Promise<string> {
    const path = this.options.serviceAccountTokenFile;
    let token: string;
    try {
      token = (await readFile(path, 'utf8')).trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new ServiceUnavailableError(
        `the extension's KubeSphere ServiceAccount token cannot be read from ${path} (${code})`,
      );
    }
    if (!token)
      throw new ServiceUnavailableError(
        `the extension's KubeSphere ServiceAccount token file ${path} is empty`,
      );
    return token;
  }

  private async storedCredentials(spec: ImportSpec): Promise<RepoCredentials | undefined> {
    const ref = spec.source.secretRef;
    if (!ref) return undefined;
    const credentials = await this.options.stores.credentials.get(ref.name);
    if (!credentials)
      throw new ServiceUnavailableError(`the Secret ${ref.name} with the repository credentials is missing`);
    return credentials;
  }

  /** Periodic: picks up a cancel asked on another replica, writes progress and the heartbeat. */
  private async checkpoint(live: LiveJob): Promise<void> {
    if (live.finished) return;
    if (!live.stop) {
      const stored = await this.options.stores.jobs.get(live.record.id).catch(() => undefined);
      if (stored?.status.cancelRequested) {
        live.stop = 'cancel';
        live.record.status.cancelRequested = true;
        live.cancel.abort();
      }
    }
    if (live.dirty || Date.now() - live.lastWrite >= this.heartbeatMs) {
      await this.persist(live);
      this.emitStatus(live);
    }
  }

  /** Writes the status (with a fresh heartbeat while the job is active); writes never overlap. */
  private persist(live: LiveJob, final = false): Promise<void> {
    if (live.finished && !final) return live.writes;
    live.dirty = false;
    live.lastWrite = Date.now();
    if (!final) live.record.status.heartbeatTime = this.now().toISOString();
    const status = structuredClone(live.record.status);
    live.writes = live.writes
      .then(() => this.options.stores.jobs.updateStatus(live.record.id, status))
      .catch((error: unknown) => {
        this.options.logger.warn(
          { job: live.record.id, error: errorMessage(error) },
          'job status write failed',
        );
      });
    return live.writes;
  }

  private async finish(live: LiveJob, outcome: { phase: JobPhase; message?: string }): Promise<void> {
    const { status } = live.record;
    status.phase = outcome.phase;
    if (outcome.message !== undefined) status.message = outcome.message;
    status.completionTime = this.now().toISOString();
    await this.release(live);
    await this.recordOnSync(live.record);
    this.options.logger.info(
      { job: live.record.id, phase: status.phase, summary: status.summary, sync: live.record.syncName },
      'job ended',
    );
  }

  /** The sync's last result, when this job is its last one. */
  private async recordOnSync(record: JobRecord): Promise<void> {
    if (!record.syncName) return;
    const { syncs } = this.options.stores;
    try {
      const sync = await syncs.get(record.syncName);
      if (sync?.status.lastJobId !== record.id) return;
      await syncs.updateStatus(sync.name, {
        ...sync.status,
        lastResult: record.status.phase,
        lastSummary: record.status.summary,
        lastFailures: record.status.failures,
        conditions: [syncedCondition(record, sync.status.conditions, this.now())],
      });
    } catch (error) {
      this.options.logger.warn({ job: record.id, error: errorMessage(error) }, 'sync status write failed');
    }
  }

  /** Shutdown: user jobs end Failed; service jobs wait, ownerless, for the next replica. */
  private async interrupt(live: LiveJob): Promise<void> {
    if (live.record.runAs === 'user') {
      await this.finish(live, { phase: 'Failed', message: INTERRUPTED_MESSAGE });
      return;
    }
    const { status } = live.record;
    status.phase = 'Pending';
    status.message = 'interrupted by a restart of the service; the next replica to start resumes it';
    await this.release(live);
  }

  /** This replica lets go of a job: last checkpoint without an owner, listeners told and dropped. */
  private async release(live: LiveJob): Promise<void> {
    delete live.record.status.owner;
    delete live.record.status.heartbeatTime;
    live.finished = true;
    await this.persist(live, true);
    this.live.delete(live.record.id);
    this.emitStatus(live);
    live.listeners.clear();
  }

  private emitStatus(live: LiveJob): void {
    this.emit(live, { type: 'status', job: structuredClone(live.record) });
  }

  private emit(live: LiveJob, event: JobEvent): void {
    for (const listener of [...live.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.warn({ job: live.record.id, error: errorMessage(error) }, 'job listener failed');
      }
    }
  }
}

/** The queue lane of a job: its user, or one lane for every job run as the extension (syncs). */
function laneOf(record: JobRecord, identity: RunIdentity): string {
  if (identity === 'service') return 'service';
  // A token that names no user stands for its own user.
  if (record.requestedBy !== UNKNOWN_USER) return `user:${record.requestedBy}`;
  return `token:${createHash('sha256').update(identity.token).digest('hex')}`;
}

/** `90 s`, `2 h`: a duration for people. */
function describeMs(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The sync's `Synced` condition after a run; the transition time moves only when the status does. */
function syncedCondition(record: JobRecord, previous: SyncCondition[] | undefined, now: Date): SyncCondition {
  const { phase, summary, message } = record.status;
  const status = phase === 'Succeeded' ? 'True' : 'False';
  // Synced is the only condition type.
  const before = previous?.[0];
  return {
    type: 'Synced',
    status,
    reason: phase,
    message:
      message ??
      `${summary.created} created, ${summary.exists} already in the store, ${summary.failed} failed (job ${record.id})`,
    lastTransitionTime: before?.status === status ? before.lastTransitionTime : now.toISOString(),
  };
}
