// GET /repos: the Helm repositories configured in KubeSphere that the caller can see: the global
// ones, and those of `?workspace=` too.
import type { Request, Router } from 'express';

import { schemaLimits } from '../../contract/index.js';
import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import { ValidationError } from '../errors.js';
import type { RouteContext } from './context.js';
import { reply } from './reply.js';

const WORKSPACE = schemaLimits.Workspace;
const WORKSPACE_PATTERN = new RegExp(WORKSPACE.pattern);

/** `?workspace=name` (the contract's listRepos parameter), or a ValidationError naming it. */
function workspaceQuery(query: Request['query']): string | undefined {
  const value: unknown = query.workspace;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > WORKSPACE.maxLength || !WORKSPACE_PATTERN.test(value))
    throw new ValidationError(
      'query parameter workspace must be a workspace name (a DNS-1123 label), given once',
    );
  return value;
}

export function repoRoutes(router: Router, context: RouteContext): void {
  router.get('/repos', async (req, res) => {
    const { token } = callerOf(req);
    const workspace = workspaceQuery(req.query);
    const repos = await withDeadline(req, res, context.config.requestTimeoutMs, (signal) =>
      context.kubesphere.listRepos(token, signal, workspace),
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
