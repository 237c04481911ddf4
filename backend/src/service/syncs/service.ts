// Scheduled syncs (RepoImport objects): create, edit, delete and start their runs, for the HTTP
// routes and the scheduler alike. A sync's repository credentials go to its Secret (secrets.ts)
// and are removed again when the sync cannot be saved; its status plans the next run and records
// the job a run started (status.ts). Runs use the extension's own identity. Before anything is
// stored, the source is read as the caller: a repository configured in KubeSphere must be one
// they may read (the runs read it as the extension), and the chart names must be in its index
// (charts.ts). Who may do this is decided before (access.ts); the request bodies are validated
// before too.
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { refused } from '../../engine/index.js';
import type { JobManager } from '../jobs/manager.js';
import type { KubeSphereGateway } from '../jobs/kubesphere.js';
import {
  isBundleSource,
  isConfiguredRepo,
  type CreateSyncRequest,
  type RepositorySourceRequest,
  type SourceRequest,
  type SyncFieldsRequest,
  type UpdateSyncRequest,
} from '../jobs/requests.js';
import {
  credentialsOf,
  importSpecOf,
  openRepository,
  resolveSource,
  syncNeedsRepository,
  type RepoAccessOptions,
} from '../jobs/spec.js';
import { checkVerifySettings } from '../jobs/verify.js';
import {
  type ImportSource,
  type JobRecord,
  type RepoCredentials,
  type SyncRecord,
  isTerminalPhase,
} from '../jobs/types.js';
import type { Logger } from '../logger.js';
import { scheduleProblem, upcomingRunTime } from '../schedule/cron.js';
import type { StateStores } from '../state/types.js';
import { checkChartNames } from './charts.js';
import { credentialsAfterEdit, credentialsBeforeEdit, storeCredentials } from './secrets.js';
import { statusAfterEdit, statusWithRun } from './status.js';

/** What the syncs need of the jobs: starting one, and a sync's last one. */
export type SyncJobs = Pick<JobManager, 'start' | 'list'>;

export interface SyncServiceOptions {
  stores: StateStores;
  jobs: SyncJobs;
  /** Reads a configured repository as the caller when a sync is saved. */
  kubesphere: KubeSphereGateway;
  /** Reads the repository's index when a sync is saved (its chart names). */
  repos: RepoAccessOptions;
  logger: Logger;
  /** Upper bound of a sync's `concurrency`. */
  maxJobConcurrency: number;
  now?: () => Date;
}

/** Who saves a sync: the source is read with their KubeSphere token, within the request's time. */
export interface SaveCaller {
  token: string;
  signal?: AbortSignal;
}

export interface SyncService {
  list(): Promise<SyncRecord[]>;
  /** The sync, or NotFoundError. */
  get(name: string): Promise<SyncRecord>;
  /**
   * ConflictError when the name is taken; UnknownChartsError (or the repository's error) when its
   * charts cannot be found; its next run is planned at once.
   */
  create(request: CreateSyncRequest, caller: SaveCaller): Promise<SyncRecord>;
  /** ConflictError when `request.resourceVersion` is not the current one; charts checked as by create. */
  update(current: SyncRecord, request: UpdateSyncRequest, caller: SaveCaller): Promise<SyncRecord>;
  /** The sync and its Secret. */
  delete(current: SyncRecord): Promise<void>;
  /** A run asked for now; ConflictError while its last job is still active. */
  runNow(sync: SyncRecord, requestedBy: string): Promise<JobRecord>;
  /** Starts a run as the extension's own identity, recorded as the sync's last job before it is queued. */
  start(sync: SyncRecord, requestedBy?: string): Promise<JobRecord>;
}

/** A 5-field cron expression croner accepts, or a ValidationError. */
export function checkSchedule(schedule: string): void {
  const problem = scheduleProblem(schedule);
  if (problem)
    throw new ValidationError(
      refused(
        `body.schedule must be a 5-field cron expression such as "0 3 * * *" (${problem})`,
        'schedule',
        'body.schedule',
      ),
    );
}

function sameCharts(before: readonly string[] | undefined, after: readonly string[] | undefined): boolean {
  const a = [...new Set(before ?? [])].sort();
  const b = [...new Set(after ?? [])].sort();
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/** Whether an edit keeps reading the same repository: the same configured one, or the same URL. */
function sameRepository(before: ImportSource, after: RepositorySourceRequest): boolean {
  if (isConfiguredRepo(after))
    return (
      before.configuredRepo?.name === after.repo.name &&
      (before.configuredRepo.workspace ?? '') === (after.repo.workspace ?? '')
    );
  return before.configuredRepo === undefined && before.url === after.url;
}

/** A sync's source: a repository. A bundle lives a while on one replica; a schedule runs for ever on any. */
function repositorySource(source: SourceRequest): RepositorySourceRequest {
  if (isBundleSource(source)) throw syncNeedsRepository();
  return source;
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { stores, jobs, kubesphere, repos, logger, maxJobConcurrency } = options;
  const now = options.now ?? (() => new Date());

  /**
   * The request's source as it will be stored, read as the caller: a configured repository
   * through KubeSphere (its URL and credentials as they are now; none stored), and the chart
   * names checked against the index. `storedCredentials`: those of a URL source kept in the
   * sync's Secret, for an edit that types none.
   */
  const checkedSource = async (
    request: SyncFieldsRequest,
    caller: SaveCaller,
    options: { checkCharts: boolean; storedCredentials?: () => Promise<RepoCredentials | undefined> },
  ): Promise<ImportSource> => {
    const resolved = await resolveSource(
      repositorySource(request.source),
      kubesphere,
      caller.token,
      caller.signal,
    );
    if (!options.checkCharts) return resolved.source;
    const credentials =
      resolved.credentials ??
      (isConfiguredRepo(request.source) ? undefined : await options.storedCredentials?.());
    if (request.charts && request.charts.length > 0)
      await checkChartNames(
        openRepository(resolved.source, credentials, repos),
        request.charts,
        caller.signal,
      );
    return resolved.source;
  };

  const specOf = (request: SyncFieldsRequest, source: ImportSource): SyncRecord['spec'] => ({
    ...importSpecOf(request, source, maxJobConcurrency),
    schedule: request.schedule.trim(),
    suspend: request.suspend ?? false,
  });

  /**
   * The next run time after a create or an edit. The spec is saved by then, so a failed write
   * is logged, not answered: the scheduler plans the next run at its next pass all the same.
   */
  const writeStatus = async (sync: SyncRecord, status: SyncRecord['status']): Promise<SyncRecord> => {
    try {
      return await stores.syncs.updateStatus(sync.name, status);
    } catch (error) {
      logger.warn(
        { sync: sync.name, error: error instanceof Error ? error.message : String(error) },
        'sync next run time not written',
      );
      return sync;
    }
  };

  const service: SyncService = {
    list: () => stores.syncs.list(),

    async get(name) {
      const sync = await stores.syncs.get(name);
      if (!sync) throw new NotFoundError(`sync ${name} not found`);
      return sync;
    },

    async create(request, caller) {
      if (await stores.syncs.get(request.name))
        throw new ConflictError(`sync ${request.name} already exists`);
      const requested = repositorySource(request.source);
      await checkVerifySettings(request.verify);
      const source = await checkedSource(request, caller, { checkCharts: true });
      // A configured repository's credentials stay in KubeSphere: read again at each run.
      const secretRef = isConfiguredRepo(requested)
        ? undefined
        : await storeCredentials(stores.credentials, request.name, requested);
      if (secretRef) source.secretRef = secretRef;
      const spec = specOf(request, source);
      let sync: SyncRecord;
      try {
        sync = await stores.syncs.create({ name: request.name, spec, status: {} });
      } catch (error) {
        // No sync names the Secret: it goes.
        if (secretRef) await stores.credentials.delete(secretRef.name).catch(() => undefined);
        if (error instanceof Error && error.name === 'StaleWriteError')
          throw new ConflictError(`sync ${request.name} already exists`, { cause: error });
        throw error;
      }
      // Its next run at once, not at the scheduler's first pass (status is written apart from the spec).
      const nextRunTime = upcomingRunTime(spec, now());
      if (nextRunTime) sync = await writeStatus(sync, { ...sync.status, nextRunTime });
      return sync;
    },

    async update(current, request, caller) {
      const { name } = current;
      if (request.resourceVersion !== current.resourceVersion) {
        throw new ConflictError(
          `sync ${name} was changed since it was read (resourceVersion ${request.resourceVersion}, now ${String(current.resourceVersion)}): read it again and retry`,
        );
      }
      const requested = repositorySource(request.source);
      await checkVerifySettings(request.verify);
      // Charts checked when saved before, from the same repository, are not read again: a
      // pause or another edit goes through while the repository is down. New credentials are
      // tried at once.
      const checkCharts =
        !sameCharts(current.spec.charts, request.charts) ||
        !sameRepository(current.spec.source, requested) ||
        (!isConfiguredRepo(requested) && credentialsOf(requested) !== undefined);
      const source = await checkedSource(request, caller, {
        checkCharts,
        storedCredentials: () =>
          isConfiguredRepo(requested)
            ? Promise.resolve(undefined)
            : credentialsBeforeEdit(stores.credentials, current.spec.source, requested),
      });
      const secretRef = isConfiguredRepo(requested)
        ? undefined
        : await credentialsAfterEdit(stores.credentials, name, current.spec.source, requested);
      if (secretRef) source.secretRef = secretRef;
      // The stored Secret kept as it was: so is what it holds.
      if (secretRef !== undefined && secretRef === current.spec.source.secretRef) {
        if (current.spec.source.hasClientCertificate === true) source.hasClientCertificate = true;
      }
      const spec = specOf(request, source);
      let updated = await stores.syncs.update({
        name,
        spec,
        status: current.status,
        resourceVersion: request.resourceVersion,
      });
      // Credentials never follow a repository to another host.
      const previousRef = current.spec.source.secretRef;
      if (previousRef && !source.secretRef) await stores.credentials.delete(previousRef.name);
      const status = statusAfterEdit(current.spec, spec, updated.status, now());
      if (status) updated = await writeStatus(updated, status);
      return updated;
    },

    async delete(current) {
      if (!(await stores.syncs.delete(current.name)))
        throw new NotFoundError(`sync ${current.name} not found`);
      if (current.spec.source.secretRef) await stores.credentials.delete(current.spec.source.secretRef.name);
    },

    async runNow(sync, requestedBy) {
      const [last] = await jobs.list({ syncName: sync.name, limit: 1 });
      if (last && !isTerminalPhase(last.status.phase))
        throw new ConflictError(
          `sync ${sync.name} has a job that is still ${last.status.phase.toLowerCase()}: ${last.id}`,
        );
      return service.start(sync, requestedBy);
    },

    start(sync, requestedBy = 'schedule') {
      const { schedule: _schedule, suspend: _suspend, ...spec } = sync.spec;
      return jobs.start(spec, {
        identity: 'service',
        requestedBy,
        syncName: sync.name,
        beforeQueue: async (record) => {
          const current = (await stores.syncs.get(sync.name)) ?? sync;
          await stores.syncs.updateStatus(sync.name, statusWithRun(current.status, record));
        },
      });
    },
  };
  return service;
}
