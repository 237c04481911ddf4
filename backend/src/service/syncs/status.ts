// How a sync's status follows its life: the next run planned after an edit, the job a run
// started, and that job's result with the `Synced` condition. The routes, the scheduler and the
// job lifecycle all write a sync's status through these rules.
import type { RunRecord } from '../../engine/index.js';
import type { Logger } from '../logger.js';
import { upcomingRunTime } from '../schedule/cron.js';
import type { SyncStore } from '../state/types.js';
import { isTerminalPhase, type JobRecord, type SyncCondition, type SyncRecord } from '../jobs/types.js';
import { encodeRunRecord } from './run-record.js';

type SyncStatus = SyncRecord['status'];

/**
 * The status after an edit: a new schedule, or a resumed sync, runs next at the schedule's next
 * time from now (not at a time planned before); a paused one has no next run. Undefined when the
 * edit leaves the status as it is.
 */
export function statusAfterEdit(
  before: SyncRecord['spec'],
  after: SyncRecord['spec'],
  status: SyncStatus,
  now: Date,
): SyncStatus | undefined {
  const { nextRunTime, ...rest } = status;
  const replanned = after.schedule !== before.schedule || (before.suspend && !after.suspend);
  // Already right: a paused sync without a next run, an active one with one.
  const consistent = after.suspend === (nextRunTime === undefined);
  if (consistent && !replanned) return undefined;
  const next = upcomingRunTime(after, now);
  return next === undefined ? rest : { ...rest, nextRunTime: next };
}

/** The status once a run started: that job is the sync's last one, so that its result lands here. */
export function statusWithRun(status: SyncStatus, job: JobRecord): SyncStatus {
  return { ...status, lastJobId: job.id, lastRunTime: job.createdAt };
}

/** The sync's `Synced` condition after a run; the transition time moves only when the status does. */
function syncedCondition(record: JobRecord, previous: SyncCondition[] | undefined, now: Date): SyncCondition {
  const { phase, summary, message } = record.status;
  const status = phase === 'Succeeded' ? 'True' : 'False';
  // Synced is the only condition type.
  const before = previous?.[0];
  return {
    type: 'Synced',
    status,
    reason: phase,
    message:
      message ??
      `${summary.created} created, ${summary.exists} already in the store, ${summary.failed} failed (job ${record.id})`,
    lastTransitionTime: before?.status === status ? before.lastTransitionTime : now.toISOString(),
  };
}

/** What a sync's run leaves for the next one: the record of the last complete run, and whether this run found nothing changed. */
export interface SyncRunOutcome {
  /** undefined: the run did not import everything (or could not be recorded); the next run is a full one. */
  record: RunRecord | undefined;
  unchanged: boolean;
}

/**
 * The sync's last result, when this ended job is its last one (a later run may have started
 * since). Without `run` (a failure, a cancel) the run record is dropped. A failed write is
 * logged: the job's own record keeps the result.
 */
export async function recordJobResult(
  syncs: SyncStore,
  record: JobRecord,
  now: Date,
  logger: Logger,
  run?: SyncRunOutcome,
): Promise<void> {
  const phase = record.status.phase;
  if (!record.syncName || !isTerminalPhase(phase)) return;
  try {
    const sync = await syncs.get(record.syncName);
    if (sync?.status.lastJobId !== record.id) return;
    const { runRecord: _previous, lastUnchanged: _unchanged, ...status } = sync.status;
    const runRecord = run?.record ? encodeRunRecord(run.record) : undefined;
    if (run?.record && runRecord === undefined)
      logger.warn({ sync: sync.name }, 'run record too big to keep: every run of this sync is a full one');
    await syncs.updateStatus(sync.name, {
      ...status,
      lastResult: phase,
      lastSummary: record.status.summary,
      lastFailures: record.status.failures,
      ...(run?.unchanged ? { lastUnchanged: true } : {}),
      ...(runRecord === undefined ? {} : { runRecord }),
      conditions: [syncedCondition(record, sync.status.conditions, now)],
    });
  } catch (error) {
    logger.warn(
      { job: record.id, error: error instanceof Error ? error.message : String(error) },
      'sync status write failed',
    );
  }
}

/**
 * Drops a sync's run record before a full run writes to the store, so that a run stopped
 * half-way (a crash) is never taken as complete. Best effort: a failed write is logged.
 */
export async function forgetRunRecord(syncs: SyncStore, name: string, logger: Logger): Promise<void> {
  try {
    const sync = await syncs.get(name);
    if (sync?.status.runRecord === undefined) return;
    const { runRecord: _dropped, ...status } = sync.status;
    await syncs.updateStatus(name, status);
  } catch (error) {
    logger.warn(
      { sync: name, error: error instanceof Error ? error.message : String(error) },
      'sync run record not dropped',
    );
  }
}
