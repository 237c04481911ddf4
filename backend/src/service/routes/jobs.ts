// Import jobs over HTTP: start (as the caller), list, get, cancel, and watch (job-events.ts).
// Reading needs the right to read the App Store; starting an import, the right to manage it
// where the import lands (a dry run only reads); cancelling, where the job imports.
import type { Request, Router } from 'express';

import { schemaLimits } from '../../contract/index.js';
import { manageIn, READ } from '../access.js';
import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { importSpecOf, resolveSource } from '../jobs/spec.js';
import { checkVerifySettings } from '../jobs/verify.js';
import type { JobRecord } from '../jobs/types.js';
import { validateBody, validatedBody } from '../validation.js';
import { nameParam, perRequest, type RouteContext } from './context.js';
import { streamJob } from './job-events.js';
import { reply } from './reply.js';
import { knownWorkspace } from './workspaces.js';

const LIMIT = schemaLimits.JobListLimit;
const SYNC_NAME = new RegExp(schemaLimits.Name.pattern);

/** `?sync=name&limit=N` (the contract's listJobs parameters), typed, or a ValidationError naming the parameter. */
export function parseJobListQuery(query: Request['query']): { syncName?: string; limit: number } {
  const single = (key: string): string | undefined => {
    const value: unknown = query[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new ValidationError(`query parameter ${key} must be given once`);
    return value;
  };
  const sync = single('sync');
  if (sync !== undefined && !SYNC_NAME.test(sync))
    throw new ValidationError('query parameter sync must be a sync name (a DNS-1123 label)');
  const rawLimit = single('limit');
  const limit = rawLimit === undefined ? LIMIT.default : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < LIMIT.minimum || limit > LIMIT.maximum)
    throw new ValidationError(
      `query parameter limit must be a whole number from ${LIMIT.minimum} to ${LIMIT.maximum}`,
    );
  return { ...(sync ? { syncName: sync } : {}), limit };
}

/** The request's job list query, parsed once: its check (a 400 before KubeSphere is asked) and the route share it. */
const jobListQueryOf = perRequest((req: Request) => parseJobListQuery(req.query));

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
    knownWorkspace(context, (req) => validatedBody(req, 'CreateJobRequest').workspace),
    // KubeSphere says whether this caller may import here (a dry run only reads).
    allow((req) => {
      const body = validatedBody(req, 'CreateJobRequest');
      return body.dryRun ? READ : manageIn(body.workspace);
    }),
    async (req, res) => {
      const body = validatedBody(req, 'CreateJobRequest');
      // Keys that cannot be read are refused now, not when the job runs.
      await checkVerifySettings(body.verify, body.source);
      const { token, displayName } = callerOf(req);
      const job = await withDeadline(req, res, config.requestTimeoutMs, async (signal) => {
        const { source, credentials } = await resolveSource(
          body.source,
          context.kubesphere,
          token,
          signal,
          context.repos.bundles,
        );
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
      jobListQueryOf(req);
      next();
    },
    allow(READ),
    async (req, res) => {
      reply(res, 'listJobs', { items: await jobs.list(jobListQueryOf(req)) });
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
