// What every route file receives: the service's parts, built once by the composition root.
import type { Request, Response } from 'express';

import type { AccessChecker } from '../auth.js';
import type { ServiceConfig } from '../config.js';
import { NotFoundError, RequestTimeoutError } from '../errors.js';
import type { KubeSphereGateway } from '../jobs/kubesphere.js';
import type { JobManager } from '../jobs/manager.js';
import type { RepoAccessOptions } from '../jobs/spec.js';
import type { Logger } from '../logger.js';
import type { StateStores } from '../state/types.js';

export interface RouteContext {
  config: ServiceConfig;
  stores: StateStores;
  jobs: JobManager;
  kubesphere: KubeSphereGateway;
  access: AccessChecker;
  repos: RepoAccessOptions;
  logger: Logger;
}

/**
 * Runs `work` with a signal that fires when the client leaves or REQUEST_TIMEOUT_MS passes; a
 * timeout becomes a 504 whatever error the aborted work threw.
 */
export async function withDeadline<T>(
  req: Request,
  res: Response,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const client = new AbortController();
  const onClose = (): void => {
    if (!res.writableFinished) client.abort();
  };
  res.once('close', onClose);
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    return await work(AbortSignal.any([client.signal, timeout]));
  } catch (error) {
    if (timeout.aborted)
      throw new RequestTimeoutError(`the request took longer than ${timeoutMs} ms and was stopped`, {
        cause: error,
      });
    throw error;
  } finally {
    res.off('close', onClose);
  }
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A path parameter that must be a DNS-1123 name: anything else cannot exist (404). */
export function nameParam(req: Request, key: string, what: string): string {
  const value = req.params[key];
  if (typeof value !== 'string' || value.length > 63 || !NAME.test(value))
    throw new NotFoundError(`${what} ${JSON.stringify(String(value).slice(0, 80))} not found`);
  return value;
}
