// Jobs whose replica is gone: at start, and on every leader tick, jobs left Pending or Running by
// this pod before a restart, or by a replica whose heartbeat went stale, are taken over. A user
// job cannot resume (its token is never stored) and ends Failed; a service job starts again
// with the same spec, and the engine's idempotency means nothing is duplicated.
import { say, type Message } from '../../engine/index.js';
import type { Logger } from '../logger.js';
import type { JobStore } from '../state/types.js';
import { emptyStatus } from './progress.js';
import { type JobPhase, type JobRecord, type JobStatus, isTerminalPhase } from './types.js';

export const INTERRUPTED = say('job-interrupted');

/**
 * Why a user job ends at a restart: it must be started again, and a bundle's uploaded again
 * (bundles are not kept over a restart).
 */
export function interruptedMessage(job: JobRecord): Message {
  const bundle = job.spec.source.bundle;
  return bundle ? say('bundle-not-found', { id: bundle.sha256 }) : INTERRUPTED;
}

export interface OwnershipSettings {
  /** This replica. */
  podName: string;
  /** A Pending/Running job whose heartbeat is older than this lost its owner. */
  staleAfterMs: number;
  now: () => Date;
}

/** Whether nobody runs the job any more: no owner, this pod (before a restart), or a stale heartbeat. */
export function isOrphaned(job: JobRecord, settings: OwnershipSettings): boolean {
  const { owner, heartbeatTime } = job.status;
  if (!owner || owner === settings.podName || !heartbeatTime) return true;
  return settings.now().getTime() - Date.parse(heartbeatTime) > settings.staleAfterMs;
}

/** The status of a job ended by another replica than its (gone) owner. */
export function endedWithoutOwner(status: JobStatus, phase: JobPhase, detail: Message, now: Date): JobStatus {
  return {
    ...status,
    phase,
    message: detail.message,
    detail,
    completionTime: now.toISOString(),
    owner: undefined,
    heartbeatTime: undefined,
  };
}

export interface RecoveryOptions extends OwnershipSettings {
  store: JobStore;
  logger: Logger;
  /** Whether this replica holds the job already. */
  holds: (id: string) => boolean;
  /** Queues a service job again, as this replica's (its status is written already). */
  resume: (record: JobRecord) => void;
}

/** Safe to call again: jobs this replica holds, or whose owner lives, are left alone. */
export async function recoverInterrupted(
  options: RecoveryOptions,
): Promise<{ failed: string[]; resumed: string[] }> {
  const { store, now } = options;
  const failed: string[] = [];
  const resumed: string[] = [];
  for (const job of await store.list()) {
    if (isTerminalPhase(job.status.phase) || options.holds(job.id) || !isOrphaned(job, options)) continue;
    if (job.runAs === 'user') {
      await store.updateStatus(
        job.id,
        endedWithoutOwner(job.status, 'Failed', interruptedMessage(job), now()),
      );
      failed.push(job.id);
    } else {
      const record: JobRecord = {
        ...job,
        status: {
          ...emptyStatus(),
          owner: options.podName,
          heartbeatTime: now().toISOString(),
          warnings: [say('job-resumed')],
        },
      };
      await store.updateStatus(job.id, record.status);
      options.resume(record);
      resumed.push(job.id);
    }
  }
  if (failed.length + resumed.length > 0)
    options.logger.info({ failed, resumed }, 'recovered interrupted jobs');
  return { failed, resumed };
}
