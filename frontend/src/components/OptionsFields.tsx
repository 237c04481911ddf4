// How to import: which versions, how to publish, where to, and whether deprecated charts count.
// Controlled, shared by the wizard and the syncs form.
import { InputNumber, Radio, Switch } from '@kubed/components';
import styled from 'styled-components';
import { publishModeValues, type PublishMode } from '../api';
import { FormField } from './FormField';
import { RadioChoice } from './RadioChoice';
import { WorkspacePicker } from './WorkspacePicker';
import {
  countProblem,
  MAX_VERSION_COUNT,
  publishHelp,
  publishLabel,
  workspaceProblem,
  type ImportOptions,
} from './options';

export {
  DEFAULT_OPTIONS,
  MAX_VERSION_COUNT,
  optionsProblem,
  publishHelp,
  publishLabel,
  toSelection,
  type ImportOptions,
} from './options';

const Stack = styled.div`
  display: flex;
  flex-direction: column;
  gap: 10px;
`;

const Inline = styled.div`
  display: inline-flex;
  align-items: center;
  gap: 8px;

  /* the choice's label stays on one line beside its input */
  & > :first-child {
    flex: none;
    white-space: nowrap;
  }
`;

const Explain = styled.div`
  margin-left: 24px;
  font-size: 12px;
  color: ${({ theme }) => theme.palette.accents_5};
`;

export interface OptionsFieldsProps {
  value: ImportOptions;
  onChange: (value: ImportOptions) => void;
  disabled?: boolean;
}

export function OptionsFields({ value, onChange, disabled }: OptionsFieldsProps) {
  const set = (patch: Partial<ImportOptions>): void => {
    onChange({ ...value, ...patch });
  };
  return (
    <div data-testid="options-fields">
      <FormField label={t('OPTIONS_VERSIONS')} help={t('OPTIONS_VERSIONS_DESC')} error={countProblem(value)}>
        <RadioChoice
          value={value.versions}
          disabled={disabled}
          onChange={(versions: ImportOptions['versions']) => {
            set({ versions });
          }}
        >
          <Stack>
            <Radio value="latest" label={t('OPTIONS_VERSIONS_LATEST')} data-testid="versions-latest" />
            <Inline>
              <Radio value="count" label={t('OPTIONS_VERSIONS_COUNT')} data-testid="versions-count" />
              <InputNumber
                data-testid="versions-count-input"
                aria-label={t('OPTIONS_VERSIONS_COUNT')}
                min={1}
                max={MAX_VERSION_COUNT}
                precision={0}
                width={90}
                value={value.count}
                disabled={disabled === true || value.versions !== 'count'}
                onChange={(count) => {
                  set({ count: Number(count) });
                }}
              />
            </Inline>
            <Radio value="all" label={t('OPTIONS_VERSIONS_ALL')} data-testid="versions-all" />
          </Stack>
        </RadioChoice>
      </FormField>
      <FormField label={t('OPTIONS_PUBLISH')}>
        <RadioChoice
          value={value.publish}
          disabled={disabled}
          onChange={(publish: PublishMode) => {
            set({ publish });
          }}
        >
          <Stack>
            {publishModeValues.map((mode) => (
              <div key={mode}>
                <Radio value={mode} label={publishLabel(mode)} data-testid={`publish-${mode}`} />
                <Explain>{publishHelp(mode)}</Explain>
              </div>
            ))}
          </Stack>
        </RadioChoice>
      </FormField>
      <FormField label={t('OPTIONS_TARGET')} htmlFor="options-workspace" error={workspaceProblem(value)}>
        <RadioChoice
          value={value.target}
          disabled={disabled}
          onChange={(target: ImportOptions['target']) => {
            set({ target });
          }}
        >
          <Stack>
            <Radio value="global" label={t('OPTIONS_TARGET_GLOBAL')} data-testid="target-global" />
            <Inline>
              <Radio value="workspace" label={t('OPTIONS_TARGET_WORKSPACE')} data-testid="target-workspace" />
              <WorkspacePicker
                id="options-workspace"
                value={value.workspace}
                disabled={disabled === true || value.target !== 'workspace'}
                onChange={(workspace) => {
                  set({ workspace });
                }}
              />
            </Inline>
          </Stack>
        </RadioChoice>
      </FormField>
      <FormField label={t('OPTIONS_DEPRECATED')} help={t('OPTIONS_DEPRECATED_DESC')}>
        <Switch
          data-testid="include-deprecated"
          label={t('OPTIONS_DEPRECATED_LABEL')}
          checked={value.includeDeprecated}
          disabled={disabled}
          onChange={(includeDeprecated) => {
            set({ includeDeprecated });
          }}
        />
      </FormField>
    </div>
  );
}
