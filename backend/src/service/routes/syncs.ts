// Scheduled syncs (RepoImport objects): CRUD and "run now". Changing a sync needs the right to
// manage the App Store, checked with KubeSphere as the caller; its runs use the extension's own
// identity. Repository credentials go to a Secret the sync references and never come back.
import type { Router } from 'express';

import { callerOf } from '../auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { TERMINAL_PHASES } from '../jobs/manager.js';
import type { SyncFieldsRequest } from '../jobs/requests.js';
import { credentialsOf, importSourceOf, importSpecOf } from '../jobs/spec.js';
import type { ImportSource, SyncRecord } from '../jobs/types.js';
import { scheduleProblem, upcomingRunTime } from '../schedule/cron.js';
import { validateBody, validatedBody } from '../validation.js';
import { nameParam, type RouteContext, withDeadline } from './context.js';

/** The Secret of a sync's repository credentials. */
export function secretNameOf(sync: string): string {
  return `storeimporter-sync-${sync}`;
}

/** A 5-field cron expression croner accepts, or a ValidationError. */
export function checkSchedule(schedule: string): void {
  const problem = scheduleProblem(schedule);
  if (problem)
    throw new ValidationError(
      `body.schedule must be a 5-field cron expression such as "0 3 * * *" (${problem})`,
    );
}

/**
 * The status after an edit: a new schedule, or a resumed sync, runs next at the schedule's next
 * time from now (not at a time planned before); a paused one has no next run. Undefined when the
 * edit leaves the status as it is.
 */
function statusAfterEdit(
  before: SyncRecord['spec'],
  after: SyncRecord['spec'],
  status: SyncRecord['status'],
  now: Date,
): SyncRecord['status'] | undefined {
  const { nextRunTime, ...rest } = status;
  const replanned = after.schedule !== before.schedule || (before.suspend && !after.suspend);
  // Already right: a paused sync without a next run, an active one with one.
  const consistent = after.suspend === (nextRunTime === undefined);
  if (consistent && !replanned) return undefined;
  const next = upcomingRunTime(after, now);
  return next === undefined ? rest : { ...rest, nextRunTime: next };
}

function specOf(body: SyncFieldsRequest, source: ImportSource, maxConcurrency: number): SyncRecord['spec'] {
  return {
    ...importSpecOf(body, source, maxConcurrency),
    schedule: body.schedule.trim(),
    suspend: body.suspend ?? false,
  };
}

export function syncRoutes(router: Router, context: RouteContext): void {
  const { stores, access, config, jobs } = context;

  const findSync = async (name: string): Promise<SyncRecord> => {
    const sync = await stores.syncs.get(name);
    if (!sync) throw new NotFoundError(`sync ${name} not found`);
    return sync;
  };

  /**
   * The next run time after a create or an edit. The spec is saved by then, so a failed write
   * is logged, not answered: the scheduler plans the next run at its next pass all the same.
   */
  const writeStatus = async (sync: SyncRecord, status: SyncRecord['status']): Promise<SyncRecord> => {
    try {
      return await stores.syncs.updateStatus(sync.name, status);
    } catch (error) {
      context.logger.warn(
        { sync: sync.name, error: error instanceof Error ? error.message : String(error) },
        'sync next run time not written',
      );
      return sync;
    }
  };

  router.post('/syncs', validateBody('CreateSyncRequest'), async (req, res) => {
    const body = validatedBody(req, 'CreateSyncRequest');
    checkSchedule(body.schedule);
    const { token } = callerOf(req);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'manage', body.workspace, signal),
    );
    if (await stores.syncs.get(body.name)) throw new ConflictError(`sync ${body.name} already exists`);
    const source = importSourceOf(body.source);
    const credentials = credentialsOf(body.source);
    if (credentials)
      source.secretRef = { name: await stores.credentials.put(secretNameOf(body.name), credentials) };
    const spec = specOf(body, source, config.maxJobConcurrency);
    let sync: SyncRecord;
    try {
      sync = await stores.syncs.create({ name: body.name, spec, status: {} });
    } catch (error) {
      if (source.secretRef) await stores.credentials.delete(source.secretRef.name).catch(() => undefined);
      if (error instanceof Error && error.name === 'StaleWriteError')
        throw new ConflictError(`sync ${body.name} already exists`, { cause: error });
      throw error;
    }
    // Its next run at once, not at the scheduler's first pass (status is written apart from the spec).
    const nextRunTime = upcomingRunTime(spec, new Date());
    if (nextRunTime) sync = await writeStatus(sync, { ...sync.status, nextRunTime });
    res.status(201).json(sync);
  });

  router.get('/syncs', async (req, res) => {
    const { token } = callerOf(req);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'read', undefined, signal),
    );
    res.json({ items: await stores.syncs.list() });
  });

  router.get('/syncs/:name', async (req, res) => {
    const name = nameParam(req, 'name', 'sync');
    const { token } = callerOf(req);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'read', undefined, signal),
    );
    res.json(await findSync(name));
  });

  router.put('/syncs/:name', validateBody('UpdateSyncRequest'), async (req, res) => {
    const name = nameParam(req, 'name', 'sync');
    const body = validatedBody(req, 'UpdateSyncRequest');
    checkSchedule(body.schedule);
    const { token } = callerOf(req);
    const current = await findSync(name);
    await withDeadline(req, res, config.requestTimeoutMs, async (signal) => {
      await access.check(token, 'manage', current.spec.workspace, signal);
      if (body.workspace !== current.spec.workspace)
        await access.check(token, 'manage', body.workspace, signal);
    });
    if (body.resourceVersion !== current.resourceVersion) {
      throw new ConflictError(
        `sync ${name} was changed since it was read (resourceVersion ${body.resourceVersion}, now ${String(current.resourceVersion)}): read it again and retry`,
      );
    }
    const source = importSourceOf(body.source);
    const credentials = credentialsOf(body.source);
    const previousRef = current.spec.source.secretRef;
    if (credentials) {
      source.secretRef = { name: await stores.credentials.put(secretNameOf(name), credentials) };
    } else if (previousRef && sameOrigin(current.spec.source.url, body.source.url)) {
      // No new credentials, same repository host: keep the stored ones.
      source.secretRef = previousRef;
    }
    const spec = specOf(body, source, config.maxJobConcurrency);
    let updated = await stores.syncs.update({
      name,
      spec,
      status: current.status,
      resourceVersion: body.resourceVersion,
    });
    // Credentials never follow a repository to another host.
    if (previousRef && !source.secretRef) await stores.credentials.delete(previousRef.name);
    const status = statusAfterEdit(current.spec, spec, updated.status, new Date());
    if (status) updated = await writeStatus(updated, status);
    res.json(updated);
  });

  router.delete('/syncs/:name', async (req, res) => {
    const name = nameParam(req, 'name', 'sync');
    const { token } = callerOf(req);
    const current = await findSync(name);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'manage', current.spec.workspace, signal),
    );
    if (!(await stores.syncs.delete(name))) throw new NotFoundError(`sync ${name} not found`);
    if (current.spec.source.secretRef) await stores.credentials.delete(current.spec.source.secretRef.name);
    res.json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
  });

  router.post('/syncs/:name/run', async (req, res) => {
    const name = nameParam(req, 'name', 'sync');
    const { token, displayName } = callerOf(req);
    const sync = await findSync(name);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'manage', sync.spec.workspace, signal),
    );
    const [last] = await jobs.list({ syncName: name, limit: 1 });
    if (last && !TERMINAL_PHASES.has(last.status.phase))
      throw new ConflictError(
        `sync ${name} has a job that is still ${last.status.phase.toLowerCase()}: ${last.id}`,
      );
    // The caller's token proved the right; the job runs as the extension itself.
    const job = await jobs.startSync(sync, displayName);
    res.status(202).json(job);
  });
}

function sameOrigin(a: string, b: string): boolean {
  try {
    const left = new URL(a);
    const right = new URL(b);
    return left.protocol === right.protocol && left.host === right.host;
  } catch {
    return false;
  }
}
