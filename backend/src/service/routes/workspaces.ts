// GET /workspaces: the KubeSphere workspaces the caller can see, read as the caller, for the
// console's workspace picker; and the check, shared by the routes that import, that the workspace
// a request names exists, before any job or sync is made (the engine's check, which the CLI runs
// too). Scheduled runs and "run now" run as the extension's ServiceAccount and are not checked
// again: their sync was checked when it was saved, and the ServiceAccount's role is App Store
// management only (charts/backend/templates/kubesphere-serviceaccount.yaml).
import type { Request, RequestHandler, Router } from 'express';

import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import type { RouteContext } from './context.js';
import { reply } from './reply.js';

export function workspaceRoutes(router: Router, context: RouteContext): void {
  router.get('/workspaces', async (req, res) => {
    const { token } = callerOf(req);
    const workspaces = await withDeadline(req, res, context.config.requestTimeoutMs, (signal) =>
      context.kubesphere.listWorkspaces(token, signal),
    );
    reply(res, 'listWorkspaces', { items: workspaces });
  });
}

/**
 * Middleware: 400 naming the workspace (and those the caller can see) when one the request
 * targets does not exist; a request without one (the global store) passes. Runs before the access
 * check, so a typo reads as a typo, not as a missing right.
 */
export function knownWorkspace(
  context: RouteContext,
  workspaceOf: (req: Request) => string | undefined | Promise<string | undefined>,
): RequestHandler {
  return async (req, res, next) => {
    const workspace = await workspaceOf(req);
    if (workspace !== undefined) {
      const { token } = callerOf(req);
      await withDeadline(req, res, context.config.requestTimeoutMs, (signal) =>
        context.kubesphere.checkWorkspace(token, workspace, signal),
      );
    }
    next();
  };
}
