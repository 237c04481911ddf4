// Import jobs: start (as the caller), list, get, cancel, and watch (Server-Sent Events).
import type { Request, Response, Router } from 'express';

import { callerOf } from '../auth.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { TERMINAL_PHASES } from '../jobs/manager.js';
import { importSpecOf, resolveSource } from '../jobs/spec.js';
import type { JobEvent, JobRecord } from '../jobs/types.js';
import { validateBody, validatedBody } from '../validation.js';
import { nameParam, type RouteContext, withDeadline } from './context.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
/** Status snapshots of a local job while it runs. */
const SNAPSHOT_MS = 5_000;
/** How often the store is read for a job running on another replica. */
const REMOTE_POLL_MS = 1_000;
const KEEPALIVE_MS = 15_000;

/** `?sync=name&limit=N`, typed, or a ValidationError naming the parameter. */
export function parseJobListQuery(query: Request['query']): { syncName?: string; limit: number } {
  const single = (key: string): string | undefined => {
    const value: unknown = query[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new ValidationError(`query parameter ${key} must be given once`);
    return value;
  };
  const sync = single('sync');
  if (sync !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(sync))
    throw new ValidationError('query parameter sync must be a sync name (a DNS-1123 label)');
  const rawLimit = single('limit');
  const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new ValidationError(`query parameter limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return { ...(sync ? { syncName: sync } : {}), limit };
}

export function jobRoutes(router: Router, context: RouteContext): void {
  const { jobs, access, config } = context;

  const findJob = async (id: string): Promise<JobRecord> => {
    const job = await jobs.get(id);
    if (!job) throw new NotFoundError(`job ${id} not found`);
    return job;
  };

  router.post('/jobs', validateBody('CreateJobRequest'), async (req, res) => {
    const body = validatedBody(req, 'CreateJobRequest');
    const { token, displayName } = callerOf(req);
    const job = await withDeadline(req, res, config.requestTimeoutMs, async (signal) => {
      // KubeSphere says whether this caller may import here (a dry run only reads).
      if (body.dryRun) await access.check(token, 'read', undefined, signal);
      else await access.check(token, 'manage', body.workspace, signal);
      const { source, credentials } = await resolveSource(body.source, context.kubesphere, token, signal);
      const spec = importSpecOf(body, source, config.maxJobConcurrency);
      return jobs.start(spec, {
        identity: { token },
        ...(credentials ? { credentials } : {}),
        requestedBy: displayName,
      });
    });
    res.status(202).json(job);
  });

  router.get('/jobs', async (req, res) => {
    const filter = parseJobListQuery(req.query);
    const { token } = callerOf(req);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'read', undefined, signal),
    );
    res.json({ items: await jobs.list(filter) });
  });

  router.get('/jobs/:id', async (req, res) => {
    const id = nameParam(req, 'id', 'job');
    const { token } = callerOf(req);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'read', undefined, signal),
    );
    res.json(await findJob(id));
  });

  router.post('/jobs/:id/cancel', async (req, res) => {
    const id = nameParam(req, 'id', 'job');
    const { token } = callerOf(req);
    const job = await findJob(id);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'manage', job.spec.workspace, signal),
    );
    res.status(202).json(await jobs.cancel(id));
  });

  router.get('/jobs/:id/events', async (req, res) => {
    const id = nameParam(req, 'id', 'job');
    const { token } = callerOf(req);
    await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
      access.check(token, 'read', undefined, signal),
    );
    const job = await findJob(id);
    streamJob(req, res, context, job);
  });
}

/**
 * The SSE stream of a job: a full status first (also on reconnects: `Last-Event-ID` needs no
 * replay, the status counts hold every item done), then live events when the job runs here, or
 * status snapshots read from the store every second when it runs on another replica.
 */
function streamJob(req: Request, res: Response, context: RouteContext, first: JobRecord): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 3000\n\n');

  let sequence = 0;
  let ended = false;
  const timers: NodeJS.Timeout[] = [];
  const subscription: { cancel?: () => void } = {};
  const send = (event: string, data: unknown): void => {
    if (ended) return;
    sequence += 1;
    res.write(`id: ${sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const end = (): void => {
    if (ended) return;
    ended = true;
    for (const timer of timers) clearInterval(timer);
    subscription.cancel?.();
    res.end();
  };
  let lastStatus = '';
  const sendStatus = (job: JobRecord): void => {
    lastStatus = JSON.stringify(job.status);
    send('status', job);
    if (TERMINAL_PHASES.has(job.status.phase)) end();
  };
  req.on('close', end);
  const every = (ms: number, action: () => void): void => {
    const timer = setInterval(action, ms);
    timer.unref();
    timers.push(timer);
  };

  sendStatus(first);
  if (TERMINAL_PHASES.has(first.status.phase)) return;
  every(KEEPALIVE_MS, () => {
    if (!ended) res.write(': keepalive\n\n');
  });

  const { jobs, logger } = context;
  const unsubscribe = jobs.subscribe(first.id, (event: JobEvent) => {
    if (event.type === 'status') sendStatus(event.job);
    else if (event.type === 'item') send('item', { item: event.item, done: event.done, total: event.total });
    else send('warning', { message: event.message });
  });
  const snapshot = (onlyChanged: boolean): void => {
    jobs
      .get(first.id)
      .then((job) => {
        if (!job) {
          end();
          return;
        }
        if (!onlyChanged || JSON.stringify(job.status) !== lastStatus) sendStatus(job);
      })
      .catch((error: unknown) => {
        logger.warn(
          { job: first.id, error: error instanceof Error ? error.message : String(error) },
          'job stream read failed',
        );
      });
  };
  subscription.cancel = unsubscribe;
  if (unsubscribe) {
    every(SNAPSHOT_MS, () => {
      snapshot(false);
    });
  } else {
    // Not (or no longer) in this process: follow the stored status.
    every(REMOTE_POLL_MS, () => {
      snapshot(true);
    });
    snapshot(true);
  }
}
