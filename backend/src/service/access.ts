// Who may do what: KubeSphere decides, asked as the caller, and every route states what it needs
// through one middleware (`allow(need)`), run before the route's own work. Reading jobs and
// syncs needs the right to read the App Store; changing them, or importing, the right to
// manage it where the work lands (a workspace, or the global store).
import { createHash } from 'node:crypto';

import type { Request, RequestHandler } from 'express';

import { callerOf } from './auth.js';
import { withDeadline } from './deadline.js';
import type { KubeSphereGateway } from './jobs/kubesphere.js';

export type AccessKind = 'read' | 'manage';

export interface AccessChecker {
  /** Resolves when KubeSphere lets the token read (or manage) the App Store; rejects with its 401/403. */
  check(token: string, kind: AccessKind, workspace?: string, signal?: AbortSignal): Promise<void>;
}

/**
 * Asks KubeSphere, as the caller, and remembers a yes for a short while (keyed by a hash of
 * the token, never the token itself), so that a polling UI does not double the API traffic.
 */
export function createAccessChecker(kubesphere: KubeSphereGateway, ttlMs = 30_000): AccessChecker {
  const allowed = new Map<string, number>();
  return {
    async check(token, kind, workspace, signal) {
      const key = createHash('sha256')
        .update(`${kind}\n${workspace ?? ''}\n${token}`)
        .digest('hex');
      const until = allowed.get(key);
      if (until !== undefined && until > Date.now()) return;
      if (kind === 'read') await kubesphere.checkRead(token, signal);
      else await kubesphere.checkManage(token, workspace, signal);
      if (allowed.size > 10_000) allowed.clear();
      allowed.set(key, Date.now() + ttlMs);
    },
  };
}

/** What a request needs: reading the App Store, or managing it in every scope listed. */
export type AccessNeed =
  | { kind: 'read' }
  /** A scope is a workspace; undefined stands for the global store. */
  | { kind: 'manage'; scopes: (string | undefined)[] };

export const READ: AccessNeed = { kind: 'read' };

/** Managing the App Store in each workspace given (undefined: the global store), each asked once. */
export function manageIn(...scopes: (string | undefined)[]): AccessNeed {
  return { kind: 'manage', scopes: [...new Set(scopes)] };
}

/** The need of a request, known up front or worked out from it (its body, the job or sync it names). */
export type NeedOf = AccessNeed | ((req: Request) => AccessNeed | Promise<AccessNeed>);

/** Makes the middleware of a need: 403 (KubeSphere's answer) unless the caller has it. */
export type AccessGuard = (need: NeedOf) => RequestHandler;

/** The routes' access middleware: the checks of one request share REQUEST_TIMEOUT_MS. */
export function createAccessGuard(checker: AccessChecker, timeoutMs: number): AccessGuard {
  return (need) => async (req, res, next) => {
    const { token } = callerOf(req);
    const wanted = typeof need === 'function' ? await need(req) : need;
    await withDeadline(req, res, timeoutMs, async (signal) => {
      if (wanted.kind === 'read') await checker.check(token, 'read', undefined, signal);
      else for (const scope of wanted.scopes) await checker.check(token, 'manage', scope, signal);
    });
    next();
  };
}
