// GET /repos: the Helm repositories configured in KubeSphere that the caller can see.
import type { Router } from 'express';

import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import type { RouteContext } from './context.js';
import { reply } from './reply.js';

export function repoRoutes(router: Router, context: RouteContext): void {
  router.get('/repos', async (req, res) => {
    const { token } = callerOf(req);
    const repos = await withDeadline(req, res, context.config.requestTimeoutMs, (signal) =>
      context.kubesphere.listRepos(token, signal),
    );
    // StoreRepo has no credentials, only whether there are some.
    reply(res, 'listRepos', {
      items: repos.map(({ name, url, workspace, hasCredentials }) => ({
        name,
        url,
        workspace,
        hasCredentials,
      })),
    });
  });
}
