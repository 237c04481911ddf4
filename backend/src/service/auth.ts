// Who is calling: the bearer token ks-apiserver forwards. The service decides nothing itself;
// KubeSphere does, when it is called with that token. `X-Remote-User` and similar headers are
// never read: anything reaching the Service directly could forge them.
import type { Request, RequestHandler } from 'express';

import { UnauthorizedError } from './errors.js';

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
