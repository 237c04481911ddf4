// The time limit of a synchronous request: its work stops when the client leaves or
// REQUEST_TIMEOUT_MS passes, and a timeout is answered 504 whatever the aborted work threw.
import type { Request, Response } from 'express';

import { RequestTimeoutError } from './errors.js';

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
