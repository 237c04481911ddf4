// A sync's cron rules, in one place for the routes and the scheduler: 5-field expressions read
// by croner in UTC, and the next run time a sync's status shows.
import { Cron } from 'croner';

import type { SyncRecord } from '../jobs/types.js';

/** A cron expression's next run strictly after `from`, or an Error saying why it has none. */
export function nextRun(schedule: string, from: Date): Date | Error {
  try {
    return new Cron(schedule, { timezone: 'UTC', paused: true }).nextRun(from) ?? new Error('it never fires');
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Why `schedule` is not a usable 5-field expression, or undefined when it is. */
export function scheduleProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/).filter(Boolean).length;
  if (fields !== 5) return `it has ${fields} fields, not 5`;
  const next = nextRun(schedule, new Date());
  return next instanceof Error ? next.message : undefined;
}

export function isValidSchedule(schedule: string): boolean {
  return scheduleProblem(schedule) === undefined;
}

/** The `nextRunTime` of a sync as of `now`: its schedule's next time; none while it is paused. */
export function upcomingRunTime(
  spec: Pick<SyncRecord['spec'], 'schedule' | 'suspend'>,
  now: Date,
): string | undefined {
  if (spec.suspend) return undefined;
  const next = nextRun(spec.schedule, now);
  return next instanceof Error ? undefined : next.toISOString();
}

/**
 * Whether a stored `nextRunTime` still follows the schedule as of `now`: it is one of the
 * schedule's times, and no time of the schedule comes before it (it is not past the next one).
 * A time planned under an earlier schedule fails this and is planned again.
 */
export function followsSchedule(schedule: string, time: Date, now: Date): boolean {
  const atTime = nextRun(schedule, new Date(time.getTime() - 1_000));
  const upcoming = nextRun(schedule, now);
  if (atTime instanceof Error || upcoming instanceof Error) return false;
  return atTime.getTime() === time.getTime() && time.getTime() <= upcoming.getTime();
}
