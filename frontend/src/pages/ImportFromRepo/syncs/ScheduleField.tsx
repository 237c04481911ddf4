// The schedule: a cron expression (UTC) with presets, said in words as it is typed, with its
// time in the viewer's own time zone.
import { Button, Input } from '@kubed/components';
import type { ChangeEvent } from 'react';
import styled from 'styled-components';
import { FormField } from '../../../components/FormField';
import { asText } from '../../../i18n';
import { formatTime } from '../../../components/time';
import {
  clockText,
  describeSchedule,
  fixedTimeOf,
  localTimeOf,
  SCHEDULE_PRESETS,
  scheduleProblem,
  utcTimeText,
  zoneText,
  type SchedulePreset,
} from './schedule';

const Row = styled.div`
  display: flex;
  align-items: center;
  gap: 8px;

  input {
    font-family: Monaco, Menlo, Consolas, monospace;
  }
`;

function presetLabel(key: SchedulePreset['key']): string {
  switch (key) {
    case 'hourly':
      return t('SYNC_PRESET_HOURLY');
    case 'daily':
      return t('SYNC_PRESET_DAILY');
    case 'weekly':
      return t('SYNC_PRESET_WEEKLY');
  }
}

/** The schedule in words, in the console's language, or undefined when it is not valid. */
export function scheduleText(schedule: string): string | undefined {
  const text = describeSchedule(schedule, t('SYNC_CRON_LOCALE'));
  return text === undefined ? undefined : t('SYNC_SCHEDULE_UTC', asText({ text }));
}

/**
 * The schedule's time in the viewer's time zone: "03:00 UTC is 11:00 your time (Asia/Shanghai,
 * UTC+08:00)." when it runs at one time of day, else the zone; `short` for the list ("11:00
 * your time", nothing for several times). Undefined when the schedule is not valid.
 */
export function localScheduleText(schedule: string, now: Date, short = false): string | undefined {
  if (scheduleProblem(schedule) !== undefined) return undefined;
  const zone = zoneText(now);
  const fixed = fixedTimeOf(schedule);
  if (fixed === undefined) return short ? undefined : t('SYNC_SCHEDULE_ZONE', asText({ zone }));
  const { time, dayShift } = localTimeOf(fixed, now);
  const values = asText({ utc: clockText(fixed), local: clockText(time), zone });
  if (short) {
    if (dayShift > 0) return t('SYNC_SCHEDULE_LOCAL_SHORT_NEXT_DAY', values);
    if (dayShift < 0) return t('SYNC_SCHEDULE_LOCAL_SHORT_PREVIOUS_DAY', values);
    return t('SYNC_SCHEDULE_LOCAL_SHORT', values);
  }
  if (dayShift > 0) return t('SYNC_SCHEDULE_LOCAL_NEXT_DAY', values);
  if (dayShift < 0) return t('SYNC_SCHEDULE_LOCAL_PREVIOUS_DAY', values);
  return t('SYNC_SCHEDULE_LOCAL', values);
}

/** A next run time in the viewer's time zone, with the UTC time in its tooltip. */
export function NextRun({ time, testId }: { time: string | undefined; testId?: string }) {
  const utc = utcTimeText(time);
  if (utc === undefined) return <span>-</span>;
  return (
    <span title={utc} data-testid={testId} data-utc={utc}>
      {formatTime(time)}
    </span>
  );
}

export function scheduleMessage(schedule: string): string | undefined {
  switch (scheduleProblem(schedule)) {
    case 'required':
      return t('SYNC_SCHEDULE_REQUIRED');
    case 'fields':
      return t('SYNC_SCHEDULE_FIELDS');
    case 'length':
    case 'invalid':
      return t('SYNC_SCHEDULE_INVALID');
    case undefined:
      return undefined;
  }
}

export interface ScheduleFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Also say what is wrong with an empty value (after a submit). */
  showProblem: boolean;
  disabled?: boolean;
  /** The sync's planned next run, shown while the schedule is the one it was planned for. */
  nextRunTime?: string;
}

const Hint = styled.span`
  display: block;
`;

export function ScheduleField({ value, onChange, showProblem, disabled, nextRunTime }: ScheduleFieldProps) {
  const problem = value.trim() === '' && !showProblem ? undefined : scheduleMessage(value);
  const local = localScheduleText(value, new Date());
  const nextUtc = utcTimeText(nextRunTime);
  const next = asText({ local: formatTime(nextRunTime), utc: nextUtc ?? '' });
  return (
    <FormField
      label={t('SYNC_SCHEDULE')}
      htmlFor="sync-schedule"
      required
      error={problem}
      help={
        <>
          <Hint data-testid="sync-schedule-hint">{scheduleText(value) ?? t('SYNC_SCHEDULE_DESC')}</Hint>
          {local !== undefined && <Hint data-testid="sync-schedule-local">{local}</Hint>}
          {nextUtc !== undefined && (
            <Hint data-testid="sync-schedule-next" title={nextUtc}>
              {t('SYNC_NEXT_RUN', next)}
            </Hint>
          )}
        </>
      }
    >
      <Row>
        <Input
          id="sync-schedule"
          data-testid="sync-schedule"
          value={value}
          width={200}
          disabled={disabled}
          placeholder="0 2 * * *"
          spellCheck={false}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            onChange(event.target.value);
          }}
        />
        {SCHEDULE_PRESETS.map((preset) => (
          <Button
            key={preset.key}
            size="sm"
            variant={value.trim() === preset.cron ? 'filled' : 'outline'}
            color={value.trim() === preset.cron ? 'secondary' : 'default'}
            disabled={disabled}
            data-testid={`sync-preset-${preset.key}`}
            onClick={() => {
              onChange(preset.cron);
            }}
          >
            {presetLabel(preset.key)}
          </Button>
        ))}
      </Row>
    </FormField>
  );
}
