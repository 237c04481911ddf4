// Scheduled syncs (RepoImport objects): CRUD and "run now". Changing a sync needs the right to
// manage the App Store, checked with KubeSphere as the caller; its runs use the extension's own
// identity. Repository credentials go to a Secret the sync references and never come back.
import { Cron } from 'croner';
import type { Router } from 'express';

import { callerOf } from '../auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { TERMINAL_PHASES } from '../jobs/manager.js';
import type { SyncFieldsRequest } from '../jobs/requests.js';
import { credentialsOf, importSourceOf, importSpecOf } from '../jobs/spec.js';
import type { ImportSource, SyncRecord } from '../jobs/types.js';
import { validateBody, validatedBody } from '../validation.js';
import { nameParam, type RouteContext, withDeadline } from './context.js';

/** The Secret of a sync's repository credentials. */
export function secretNameOf(sync: string): string {
  return `storeimporter-sync-${sync}`;
}

/** A 5-field cron expression croner accepts, or a ValidationError. */
export function checkSchedule(schedule: string): void {
  const fields = schedule.trim().split(/\s+/);
  let problem: string | undefined;
  if (fields.length !== 5) problem = `it has ${fields.length} fields, not 5`;
  else {
    try {
      if (new Cron(schedule, { timezone: 'UTC', paused: true }).nextRun() === null)
        problem = 'it never fires';
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  if (problem)
    throw new ValidationError(
      `body.schedule must be a 5-field cron expression such as "0 3 * * *" (${problem})`,
    );
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
    try {
      const sync = await stores.syncs.create({
        name: body.name,
        spec: specOf(body, source, config.maxJobConcurrency),
        status: {},
      });
      res.status(201).json(sync);
    } catch (error) {
      if (source.secretRef) await stores.credentials.delete(source.secretRef.name).catch(() => undefined);
      if (error instanceof Error && error.name === 'StaleWriteError')
        throw new ConflictError(`sync ${body.name} already exists`, { cause: error });
      throw error;
    }
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
    const updated = await stores.syncs.update({
      name,
      spec: specOf(body, source, config.maxJobConcurrency),
      status: current.status,
      resourceVersion: body.resourceVersion,
    });
    // Credentials never follow a repository to another host.
    if (previousRef && !source.secretRef) await stores.credentials.delete(previousRef.name);
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
