// What every route file receives: the service's parts, built once by the composition root, and
// the small helpers routes share.
import type { Request } from 'express';

import type { AccessChecker, AccessGuard } from '../access.js';
import type { ServiceConfig } from '../config.js';
import { NotFoundError } from '../errors.js';
import type { KubeSphereGateway } from '../jobs/kubesphere.js';
import type { JobManager } from '../jobs/manager.js';
import type { RepoAccessOptions } from '../jobs/spec.js';
import type { Logger } from '../logger.js';
import type { StateStores } from '../state/types.js';
import type { SyncService } from '../syncs/service.js';

/** What the routes use of the job manager (tests give a fake). */
export type JobControl = Pick<JobManager, 'isAccepting' | 'start' | 'get' | 'list' | 'cancel' | 'subscribe'>;

export interface RouteContext {
  config: ServiceConfig;
  stores: StateStores;
  jobs: JobControl;
  syncs: SyncService;
  kubesphere: KubeSphereGateway;
  /** The access middleware: `allow(READ)`, `allow(manageIn(workspace))`, `allow((req) => need)`. */
  allow: AccessGuard;
  /** KubeSphere's answer to "may this caller do that", the one `allow` asks (for POST /accessreviews). */
  access: AccessChecker;
  repos: RepoAccessOptions;
  logger: Logger;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A path parameter that must be a DNS-1123 name: anything else cannot exist (404). */
export function nameParam(req: Request, key: string, what: string): string {
  const value = req.params[key];
  if (typeof value !== 'string' || value.length > 63 || !NAME.test(value))
    throw new NotFoundError(`${what} ${JSON.stringify(String(value).slice(0, 80))} not found`);
  return value;
}

/**
 * `load` once per request: the access middleware and the route share one read of the job or
 * sync a request names (or one parse of its query).
 */
export function perRequest<T>(load: (req: Request) => T): (req: Request) => T {
  const loaded = new WeakMap<Request, T>();
  return (req) => {
    if (!loaded.has(req)) loaded.set(req, load(req));
    return loaded.get(req) as T;
  };
}
