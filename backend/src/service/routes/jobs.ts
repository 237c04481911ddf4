// Import jobs over HTTP: start (as the caller), list, get, cancel, and watch (job-events.ts).
// Reading needs the right to read the App Store; starting an import, the right to manage it
// where the import lands (a dry run only reads); cancelling, where the job imports.
import type { Request, Router } from 'express';

import { manageIn, READ } from '../access.js';
import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { importSpecOf, resolveSource } from '../jobs/spec.js';
import type { JobRecord } from '../jobs/types.js';
import { validateBody, validatedBody } from '../validation.js';
import { nameParam, type RouteContext } from './context.js';
import { streamJob } from './job-events.js';
import { reply } from './reply.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

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
  const { jobs, allow, config } = context;

  const findJob = async (req: Request): Promise<JobRecord> => {
    const id = nameParam(req, 'id', 'job');
    const job = await jobs.get(id);
    if (!job) throw new NotFoundError(`job ${id} not found`);
    return job;
  };

  router.post(
    '/jobs',
    validateBody('CreateJobRequest'),
    // KubeSphere says whether this caller may import here (a dry run only reads).
    allow((req) => {
      const body = validatedBody(req, 'CreateJobRequest');
      return body.dryRun ? READ : manageIn(body.workspace);
    }),
    async (req, res) => {
      const body = validatedBody(req, 'CreateJobRequest');
      const { token, displayName } = callerOf(req);
      const job = await withDeadline(req, res, config.requestTimeoutMs, async (signal) => {
        const { source, credentials } = await resolveSource(body.source, context.kubesphere, token, signal);
        const spec = importSpecOf(body, source, config.maxJobConcurrency);
        return jobs.start(spec, {
          identity: { token },
          ...(credentials ? { credentials } : {}),
          requestedBy: displayName,
        });
      });
      reply(res, 'createJob', job, 202);
    },
  );

  router.get(
    '/jobs',
    // A bad query is answered 400 before anything is asked of KubeSphere.
    (req, _res, next) => {
      parseJobListQuery(req.query);
      next();
    },
    allow(READ),
    async (req, res) => {
      reply(res, 'listJobs', { items: await jobs.list(parseJobListQuery(req.query)) });
    },
  );

  router.get('/jobs/:id', allow(READ), async (req, res) => {
    reply(res, 'getJob', await findJob(req));
  });

  router.post(
    '/jobs/:id/cancel',
    allow(async (req) => manageIn((await findJob(req)).spec.workspace)),
    async (req, res) => {
      reply(res, 'cancelJob', await jobs.cancel(nameParam(req, 'id', 'job')), 202);
    },
  );

  router.get('/jobs/:id/events', allow(READ), async (req, res) => {
    streamJob(req, res, jobs, context.logger, await findJob(req));
  });
}
