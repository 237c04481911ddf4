// The schedule: a cron expression (UTC) with presets, said in words as it is typed.
import { Button, Input } from '@kubed/components';
import type { ChangeEvent } from 'react';
import styled from 'styled-components';
import { FormField } from '../../../components/FormField';
import { asText } from '../../../i18n';
import { describeSchedule, SCHEDULE_PRESETS, scheduleProblem, type SchedulePreset } from './schedule';

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
}

export function ScheduleField({ value, onChange, showProblem, disabled }: ScheduleFieldProps) {
  const problem = value.trim() === '' && !showProblem ? undefined : scheduleMessage(value);
  return (
    <FormField
      label={t('SYNC_SCHEDULE')}
      htmlFor="sync-schedule"
      required
      error={problem}
      help={<span data-testid="sync-schedule-hint">{scheduleText(value) ?? t('SYNC_SCHEDULE_DESC')}</span>}
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
