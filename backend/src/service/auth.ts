// Who is calling: the bearer token ks-apiserver forwards. The service decides nothing itself;
// KubeSphere does, when it is called with that token. `X-Remote-User` and similar headers are
// never read: anything reaching the Service directly could forge them.
import { createHash } from 'node:crypto';

import type { Request, RequestHandler } from 'express';

import { UnauthorizedError } from './errors.js';
import type { KubeSphereGateway } from './jobs/kubesphere.js';

export interface Caller {
  token: string;
  /** For display only (job records); never used to decide anything. */
  displayName: string;
}

const callers = new WeakMap<Request, Caller>();

/** 401 without `Authorization: Bearer <token>`; otherwise remembers the caller for the route. */
export function requireBearer(): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    if (!token) {
      next(
        new UnauthorizedError(
          'a KubeSphere bearer token is required (Authorization: Bearer <token>); call this API through ks-apiserver',
        ),
      );
      return;
    }
    callers.set(req, { token, displayName: displayNameOf(token) });
    next();
  };
}

export function callerOf(req: Request): Caller {
  const caller = callers.get(req);
  if (!caller) throw new UnauthorizedError('no caller: requireBearer did not run for this route');
  return caller;
}

/** The display name of a token that names no user. */
export const UNKNOWN_USER = 'unknown';

/**
 * The user name inside a KubeSphere JWT (claim `username`, else `sub`), unverified: for display
 * only. Opaque tokens show as UNKNOWN_USER.
 */
export function displayNameOf(token: string): string {
  const payload = token.split('.')[1];
  if (!payload) return UNKNOWN_USER;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const name = claims.username ?? claims.sub;
    return typeof name === 'string' && /^[\w.@:-]{1,253}$/.test(name) ? name : UNKNOWN_USER;
  } catch {
    return UNKNOWN_USER;
  }
}

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
