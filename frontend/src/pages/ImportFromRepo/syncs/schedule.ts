// A sync's schedule: a 5-field cron expression in UTC, as the service takes it, checked here first
// and said in words (cronstrue, in the console's language) so nobody has to read cron; its times
// also in the viewer's own time zone (Intl), since the service's cron is UTC.
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

/** A time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** `30 3 * * *` -> 03:30: the UTC time of day a schedule runs at, when it runs at one only. */
export function fixedTimeOf(schedule: string): TimeOfDay | undefined {
  const [minute = '', hour = ''] = schedule.trim().split(/\s+/);
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour)) return undefined;
  const time = { hour: Number(hour), minute: Number(minute) };
  return time.hour <= 23 && time.minute <= 59 ? time : undefined;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** `03:30` */
export function clockText({ hour, minute }: TimeOfDay): string {
  return `${pad(hour)}:${pad(minute)}`;
}

/** The parts of `date` in a time zone (the browser's when undefined). */
function zonedParts(date: Date, timeZone: string | undefined) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    day: Date.UTC(part('year'), part('month') - 1, part('day')),
    hour: part('hour'),
    minute: part('minute'),
  };
}

/**
 * A UTC time of day on `on`'s date, in the viewer's time zone: its clock time and the day it
 * falls on there (-1 the day before, +1 the day after). Daylight saving time makes it depend on
 * the date, so the date is given.
 */
export function localTimeOf(
  time: TimeOfDay,
  on: Date,
  timeZone?: string,
): { time: TimeOfDay; dayShift: -1 | 0 | 1 } {
  const utc = Date.UTC(on.getUTCFullYear(), on.getUTCMonth(), on.getUTCDate(), time.hour, time.minute);
  const local = zonedParts(new Date(utc), timeZone);
  const utcDay = Date.UTC(on.getUTCFullYear(), on.getUTCMonth(), on.getUTCDate());
  const shift = Math.round((local.day - utcDay) / 86_400_000);
  return { time: { hour: local.hour, minute: local.minute }, dayShift: shift < 0 ? -1 : shift > 0 ? 1 : 0 };
}

/** The viewer's time zone as people read it: `Asia/Shanghai, UTC+08:00` (at `on`). */
export function zoneText(on: Date, timeZone?: string): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const offset = format.formatToParts(on).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const utcOffset = offset === 'GMT' ? 'UTC' : offset.replace(/^GMT/, 'UTC');
  const name = format.resolvedOptions().timeZone;
  return name === 'UTC' || name === 'Etc/UTC' ? 'UTC' : `${name}, ${utcOffset}`;
}

/** `2026-01-31 03:00 UTC`; undefined when not a date. */
export function utcTimeText(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}
