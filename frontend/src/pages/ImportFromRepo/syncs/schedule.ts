// A sync's schedule: a 5-field cron expression in UTC, as the service takes it, checked here first
// and said in words (cronstrue, in the console's language) so nobody has to read cron.
import cronstrue from 'cronstrue';
import 'cronstrue/locales/zh_CN';

export interface SchedulePreset {
  key: 'hourly' | 'daily' | 'weekly';
  cron: string;
}

export const SCHEDULE_PRESETS: readonly SchedulePreset[] = [
  { key: 'hourly', cron: '0 * * * *' },
  { key: 'daily', cron: '0 2 * * *' },
  { key: 'weekly', cron: '0 2 * * 1' },
];

export const DEFAULT_SCHEDULE = '0 2 * * *';

/** The service's bounds (OpenAPI `Schedule`). */
const MIN_LENGTH = 9;
const MAX_LENGTH = 100;

export type ScheduleProblem = 'required' | 'fields' | 'length' | 'invalid';

/** What is wrong with a cron expression; undefined when it can be sent. The service checks again. */
export function scheduleProblem(schedule: string): ScheduleProblem | undefined {
  const text = schedule.trim();
  if (text === '') return 'required';
  if (text.split(/\s+/).length !== 5) return 'fields';
  if (text.length < MIN_LENGTH || text.length > MAX_LENGTH) return 'length';
  return describeSchedule(text, 'en') === undefined ? 'invalid' : undefined;
}

/**
 * `0 2 * * *` -> "At 02:00" (or "在 02:00"); undefined when it is not a valid expression.
 * `locale` is cronstrue's: `en` or `zh_CN`.
 */
export function describeSchedule(schedule: string, locale: string): string | undefined {
  try {
    return cronstrue.toString(schedule.trim(), {
      locale,
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
      verbose: false,
    });
  } catch {
    return undefined;
  }
}
