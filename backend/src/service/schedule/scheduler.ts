// Runs syncs on their cron schedules. Only the leader replica does (see leader.ts); a sync whose
// last job is still running is not started again.
import { Cron } from 'croner';

import type { JobRecord, SyncRecord } from '../jobs/types.js';
import type { JobStore, SyncStore } from '../state/types.js';

export interface SchedulerOptions {
  syncs: SyncStore;
  jobs: JobStore;
  isLeader: () => boolean;
  /** Starts a job for the sync as the extension's own identity (JobManager.startSync). */
  startSyncJob: (sync: SyncRecord) => Promise<JobRecord>;
  /** Run by the leader on every tick, after the syncs (e.g. taking over orphaned jobs). */
  housekeeping?: () => Promise<void>;
  /** How often due syncs are looked for. */
  tickMs?: number;
  now?: () => Date;
  onError?: (error: unknown, sync?: string) => void;
}

/** A cron expression's next run after `from`, or an Error saying why the expression is invalid. */
export function nextRun(schedule: string, from: Date): Date | Error {
  try {
    return new Cron(schedule, { timezone: 'UTC', paused: true }).nextRun(from) ?? new Error('it never fires');
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function isValidSchedule(schedule: string): boolean {
  return schedule.trim().split(/\s+/).length === 5 && !(nextRun(schedule, new Date()) instanceof Error);
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
    if (sync.spec.suspend) return;
    const from = new Date(sync.status.lastRunTime ?? sync.status.nextRunTime ?? now().toISOString());
    const due = sync.status.lastRunTime ? nextRun(sync.spec.schedule, from) : from;
    if (due instanceof Error) {
      options.onError?.(new Error(`schedule "${sync.spec.schedule}" is invalid: ${due.message}`), sync.name);
      return;
    }
    if (!sync.status.lastRunTime && !sync.status.nextRunTime) {
      // A new sync: its first run is the schedule's next time, not now.
      const first = nextRun(sync.spec.schedule, now());
      if (!(first instanceof Error))
        await options.syncs.updateStatus(sync.name, { ...sync.status, nextRunTime: first.toISOString() });
      return;
    }
    if (due.getTime() > now().getTime()) return;
    const last = sync.status.lastJobId ? await options.jobs.get(sync.status.lastJobId) : undefined;
    if (last && ACTIVE.has(last.status.phase)) return;
    const job = await options.startSyncJob(sync);
    // Read again: starting the job wrote to the sync's status too.
    const current = (await options.syncs.get(sync.name)) ?? sync;
    const next = nextRun(sync.spec.schedule, now());
    await options.syncs.updateStatus(sync.name, {
      ...current.status,
      lastJobId: job.id,
      lastRunTime: job.createdAt,
      nextRunTime: next instanceof Error ? undefined : next.toISOString(),
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
