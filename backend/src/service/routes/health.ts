// Probes, outside /kapis and without authentication: /healthz (the process serves) and
// /readyz (KubeSphere answers, the state stores work, jobs are accepted).
import type { Router } from 'express';

import type { RouteContext } from './context.js';
import { reply } from './reply.js';
import type { Readiness } from '../../contract/index.js';

const READY_TIMEOUT_MS = 2_000;

interface Check {
  name: string;
  ok: boolean;
  message?: string;
}

async function probe(name: string, work: (signal: AbortSignal) => Promise<unknown>): Promise<Check> {
  const signal = AbortSignal.timeout(READY_TIMEOUT_MS);
  try {
    await Promise.race([
      work(signal),
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`));
        });
      }),
    ]);
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function healthRoutes(router: Router, context: RouteContext): void {
  router.get('/healthz', (_req, res) => {
    reply(res, 'liveness', { status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const checks = await Promise.all([
      probe('kubesphere', (signal) => context.kubesphere.ping(signal)),
      probe('state', () => context.stores.syncs.list()),
      probe('jobs', () =>
        context.jobs.isAccepting ? Promise.resolve() : Promise.reject(new Error('shutting down')),
      ),
    ]);
    const ready = checks.every((check) => check.ok);
    // 503 with the same body: the readiness probe reads the status, a person the checks.
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unready', checks } satisfies Readiness);
  });
}
