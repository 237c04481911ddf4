// Runs syncs on their cron schedules. Only the leader replica does (see leader.ts); a sync whose
// last job is still running is not started again.
import type { JobRecord, SyncRecord } from '../jobs/types.js';
import type { JobStore, SyncStore } from '../state/types.js';
import { statusWithRun } from '../syncs/status.js';
import { followsSchedule, nextRun } from './cron.js';

export interface SchedulerOptions {
  syncs: SyncStore;
  jobs: JobStore;
  isLeader: () => boolean;
  /** Starts a job for the sync as the extension's own identity (SyncService.start). */
  startSyncJob: (sync: SyncRecord) => Promise<JobRecord>;
  /** Run by the leader on every tick, after the syncs (e.g. taking over orphaned jobs). */
  housekeeping?: () => Promise<void>;
  /** How often due syncs are looked for. */
  tickMs?: number;
  now?: () => Date;
  onError?: (error: unknown, sync?: string) => void;
}

const ACTIVE = new Set(['Pending', 'Running']);

export interface Scheduler {
  /** One pass: start every sync that is due. Exposed for tests and for "run now" bookkeeping. */
  tick(): Promise<void>;
  start(): void;
  stop(): void;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;

  async function runIfDue(sync: SyncRecord): Promise<void> {
    const { nextRunTime, ...rest } = sync.status;
    if (sync.spec.suspend) {
      // A paused sync has no next run, also when it was paused outside the API.
      if (nextRunTime !== undefined) await options.syncs.updateStatus(sync.name, rest);
      return;
    }
    const upcoming = nextRun(sync.spec.schedule, now());
    if (upcoming instanceof Error) {
      options.onError?.(
        new Error(`schedule "${sync.spec.schedule}" is invalid: ${upcoming.message}`),
        sync.name,
      );
      return;
    }
    // The schedule decides: a stored time is kept only while it is still the schedule's own.
    const stored = nextRunTime === undefined ? undefined : new Date(nextRunTime);
    if (!stored || !followsSchedule(sync.spec.schedule, stored, now())) {
      // New, edited or resumed outside the API: the schedule's next time, not now.
      await options.syncs.updateStatus(sync.name, { ...rest, nextRunTime: upcoming.toISOString() });
      return;
    }
    if (stored.getTime() > now().getTime()) return;
    const last = sync.status.lastJobId ? await options.jobs.get(sync.status.lastJobId) : undefined;
    if (last && ACTIVE.has(last.status.phase)) return;
    const job = await options.startSyncJob(sync);
    // Read again: starting the job wrote to the sync's status too.
    const current = (await options.syncs.get(sync.name)) ?? sync;
    await options.syncs.updateStatus(sync.name, {
      ...statusWithRun(current.status, job),
      nextRunTime: upcoming.toISOString(),
    });
  }

  async function tick(): Promise<void> {
    if (!options.isLeader()) return;
    for (const sync of await options.syncs.list()) {
      try {
        await runIfDue(sync);
      } catch (error) {
        options.onError?.(error, sync.name);
      }
    }
    await options.housekeeping?.();
  }

  return {
    tick,
    start() {
      const loop = (): void => {
        void tick()
          .catch((error: unknown) => options.onError?.(error))
          .finally(() => {
            timer = setTimeout(loop, options.tickMs ?? 30_000);
          });
      };
      loop();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
