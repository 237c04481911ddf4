// A job's Server-Sent Events: a full status first (also on reconnects: `Last-Event-ID` needs no
// replay, the status counts hold every item done), then live events when the job runs in this
// replica, or status snapshots read from the store every second when it runs on another one.
// The stream ends with the job's terminal status, or when the client leaves.
import type { Request, Response } from 'express';

import type { Logger } from '../logger.js';
import { type JobEvent, type JobRecord, isTerminalPhase } from '../jobs/types.js';
import type { JobControl } from './context.js';

/** Status snapshots of a local job while it runs. */
const SNAPSHOT_MS = 5_000;
/** How often the store is read for a job running on another replica. */
const REMOTE_POLL_MS = 1_000;
const KEEPALIVE_MS = 15_000;

export function streamJob(
  req: Request,
  res: Response,
  jobs: Pick<JobControl, 'get' | 'subscribe'>,
  logger: Logger,
  first: JobRecord,
): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 3000\n\n');

  let sequence = 0;
  let ended = false;
  const timers: NodeJS.Timeout[] = [];
  const subscription: { cancel?: () => void } = {};
  const send = (event: string, data: unknown): void => {
    if (ended) return;
    sequence += 1;
    res.write(`id: ${sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const end = (): void => {
    if (ended) return;
    ended = true;
    for (const timer of timers) clearInterval(timer);
    subscription.cancel?.();
    res.end();
  };
  let lastStatus = '';
  const sendStatus = (job: JobRecord): void => {
    lastStatus = JSON.stringify(job.status);
    send('status', job);
    if (isTerminalPhase(job.status.phase)) end();
  };
  req.on('close', end);
  const every = (ms: number, action: () => void): void => {
    const timer = setInterval(action, ms);
    timer.unref();
    timers.push(timer);
  };

  sendStatus(first);
  if (isTerminalPhase(first.status.phase)) return;
  every(KEEPALIVE_MS, () => {
    if (!ended) res.write(': keepalive\n\n');
  });

  const unsubscribe = jobs.subscribe(first.id, (event: JobEvent) => {
    if (event.type === 'status') sendStatus(event.job);
    else if (event.type === 'item') send('item', { item: event.item, done: event.done, total: event.total });
    else send('warning', event.warning);
  });
  const snapshot = (onlyChanged: boolean): void => {
    jobs
      .get(first.id)
      .then((job) => {
        if (!job) {
          end();
          return;
        }
        if (!onlyChanged || JSON.stringify(job.status) !== lastStatus) sendStatus(job);
      })
      .catch((error: unknown) => {
        logger.warn(
          { job: first.id, error: error instanceof Error ? error.message : String(error) },
          'job stream read failed',
        );
      });
  };
  subscription.cancel = unsubscribe;
  if (unsubscribe) {
    every(SNAPSHOT_MS, () => {
      snapshot(false);
    });
  } else {
    // Not (or no longer) in this process: follow the stored status.
    every(REMOTE_POLL_MS, () => {
      snapshot(true);
    });
    snapshot(true);
  }
}
