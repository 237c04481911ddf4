// GET /access: whether the caller may manage the App Store (globally, or in `?workspace=`), so
// that the console can disable what KubeSphere would refuse and say why. KubeSphere decides, asked
// the same way the write routes ask it (the checker `allow` uses, with its cached answers).
import type { Request, Router } from 'express';

import { READ } from '../access.js';
import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import { mapError } from '../errors.js';
import { perRequest, type RouteContext } from './context.js';
import { reply } from './reply.js';
import { workspaceQuery } from './repos.js';

/** The request's `?workspace=`, parsed once: its check (a 400 before KubeSphere is asked) and the route share it. */
const workspaceOf = perRequest((req: Request) => workspaceQuery(req.query));

export function accessRoutes(router: Router, context: RouteContext): void {
  router.get(
    '/access',
    (req, _res, next) => {
      workspaceOf(req);
      next();
    },
    context.allow(READ),
    async (req, res) => {
      const { token } = callerOf(req);
      const workspace = workspaceOf(req);
      const manage = await withDeadline(req, res, context.config.requestTimeoutMs, (signal) =>
        context.access.check(token, 'manage', workspace, signal).then(
          () => true,
          (error: unknown) => {
            // KubeSphere's refusal is the answer; anything else (401, no answer) is no answer at all.
            if (mapError(error).status === 403) return false;
            throw error;
          },
        ),
      );
      reply(res, 'reviewAccess', { manage, ...(workspace === undefined ? {} : { workspace }) });
    },
  );
}
