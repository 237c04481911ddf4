// Scheduled syncs over HTTP: CRUD and "run now", translated to the sync service. Changing a sync
// needs the right to manage the App Store where it imports (before and after an edit); reading
// needs the right to read it. Repository credentials go in, never come back. Saving reads the
// repository as the caller (a configured one, the chart names), within the request's time.
import type { RequestHandler, Router } from 'express';

import { manageIn, READ } from '../access.js';
import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import { publicSync } from '../jobs/types.js';
import { checkSchedule } from '../syncs/service.js';
import { validateBody, validatedBody, type BodySchema } from '../validation.js';
import { nameParam, perRequest, type RouteContext } from './context.js';
import { reply } from './reply.js';
import { knownWorkspace } from './workspaces.js';

/** 400 for a schedule croner cannot read, before anything else is asked. */
function validSchedule(
  schema: Extract<BodySchema, 'CreateSyncRequest' | 'UpdateSyncRequest'>,
): RequestHandler {
  return (req, _res, next) => {
    checkSchedule(validatedBody(req, schema).schedule);
    next();
  };
}

export function syncRoutes(router: Router, context: RouteContext): void {
  const { allow, syncs, config } = context;
  /** The sync the path names, read once for the access check and the route. */
  const namedSync = perRequest((req) => syncs.get(nameParam(req, 'name', 'sync')));
  const manageNamedSync = allow(async (req) => manageIn((await namedSync(req)).spec.workspace));

  router.post(
    '/syncs',
    validateBody('CreateSyncRequest'),
    validSchedule('CreateSyncRequest'),
    knownWorkspace(context, (req) => validatedBody(req, 'CreateSyncRequest').workspace),
    allow((req) => manageIn(validatedBody(req, 'CreateSyncRequest').workspace)),
    async (req, res) => {
      const { token } = callerOf(req);
      const sync = await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
        syncs.create(validatedBody(req, 'CreateSyncRequest'), { token, signal }),
      );
      reply(res, 'createSync', publicSync(sync), 201);
    },
  );

  router.get('/syncs', allow(READ), async (_req, res) => {
    reply(res, 'listSyncs', { items: (await syncs.list()).map(publicSync) });
  });

  router.get('/syncs/:name', allow(READ), async (req, res) => {
    reply(res, 'getSync', publicSync(await namedSync(req)));
  });

  router.put(
    '/syncs/:name',
    validateBody('UpdateSyncRequest'),
    validSchedule('UpdateSyncRequest'),
    knownWorkspace(context, (req) => validatedBody(req, 'UpdateSyncRequest').workspace),
    // Both where it imports now and where it would import after the edit.
    allow(async (req) =>
      manageIn((await namedSync(req)).spec.workspace, validatedBody(req, 'UpdateSyncRequest').workspace),
    ),
    async (req, res) => {
      const { token } = callerOf(req);
      const current = await namedSync(req);
      const sync = await withDeadline(req, res, config.requestTimeoutMs, (signal) =>
        syncs.update(current, validatedBody(req, 'UpdateSyncRequest'), { token, signal }),
      );
      reply(res, 'updateSync', publicSync(sync));
    },
  );

  router.delete('/syncs/:name', manageNamedSync, async (req, res) => {
    await syncs.delete(await namedSync(req));
    reply(res, 'deleteSync', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
  });

  router.post('/syncs/:name/run', manageNamedSync, async (req, res) => {
    // The caller's token proved the right; the job runs as the extension itself.
    const job = await syncs.runNow(await namedSync(req), callerOf(req).displayName);
    reply(res, 'runSync', job, 202);
  });
}
