// Create or edit a scheduled sync: name, repository (a URL with write-only credentials, or one
// configured in KubeSphere), schedule, options, charts (checked against the repository when
// saved: unknown names come back at the charts field) and category mapping. Also opened from a
// finished job ("Schedule this import"), filled in from it.
import { Alert, Button, Input, Modal, Switch } from '@kubed/components';
import { TimedTask } from '@kubed/icons';
import { useState, type ChangeEvent } from 'react';
import styled from 'styled-components';
import { toApiError, type SyncRecord, type UnknownChart } from '../../../api';
import { useCreateSync, useSync, useUpdateSync } from '../../../api/queries';
import { CategoryRulesEditor } from '../../../components/CategoryRulesEditor';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormField } from '../../../components/FormField';
import { OptionsFields } from '../../../components/OptionsFields';
import { PruneField } from '../../../components/PruneField';
import { AdoptField } from '../../../components/Adoption';
import { VerifyField } from '../../../components/VerifyField';
import { isOciUrl } from '../../../components/source';
import { SourceFields, sourceProblem, type SourceValue } from '../../../components/SourceFields';
import { asText, listText } from '../../../i18n';
import {
  chartsProblem,
  createRequestOf,
  emptySyncForm,
  hasProblem,
  nameProblem,
  NAME_MAX,
  syncFormOf,
  updateRequestOf,
  type SyncFormValue,
} from './form';
import { ScheduleField } from './ScheduleField';
import { SyncCategories } from './SyncCategories';

const Section = styled.h4`
  margin: 20px 0 8px;
  font-size: 13px;
  font-weight: 600;
  color: ${({ theme }) => theme.palette.accents_8};

  &:first-child {
    margin-top: 0;
  }
`;

const Body = styled.div`
  max-height: calc(100vh - 260px);
  overflow-y: auto;
  padding: 20px;

  .sync-form-alert {
    margin-bottom: 12px;
  }
`;

function nameMessage(name: string): string | undefined {
  switch (nameProblem(name)) {
    case 'required':
      return t('SYNC_NAME_REQUIRED');
    case 'length':
      return t('SYNC_NAME_TOO_LONG', asText({ max: NAME_MAX }));
    case 'pattern':
      return t('SYNC_NAME_INVALID');
    case undefined:
      return undefined;
  }
}

/** "Not in this repository: alpah (did you mean alpha?)." */
export function unknownChartsMessage(unknown: readonly UnknownChart[]): string {
  const names = unknown.map(({ name, nearest }) =>
    nearest.length > 0 ? t('SYNC_CHARTS_NEAREST', asText({ name, nearest: listText(nearest) })) : name,
  );
  return t('SYNC_CHARTS_UNKNOWN', asText({ names: listText(names) }));
}

function chartsMessage(text: string, unknown: readonly UnknownChart[] | undefined): string | undefined {
  const problem = chartsProblem(text);
  if (problem === undefined) return unknown === undefined ? undefined : unknownChartsMessage(unknown);
  return problem.kind === 'too-many'
    ? t('SYNC_CHARTS_TOO_MANY')
    : t('SYNC_CHARTS_INVALID', asText({ name: problem.name }));
}

/** A new sync filled in from a finished job ("Schedule this import"). */
export interface SyncPrefill {
  value: SyncFormValue;
  /** The job's id, said in the form. */
  jobId: string;
  /** The job's source had credentials (a Secret): they must be typed again. */
  needsCredentials: boolean;
}

function focusCharts(): void {
  const field = document.getElementById('sync-charts');
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}

export interface SyncFormModalProps {
  /** The sync to edit; absent to create one. */
  sync?: SyncRecord;
  /** What a new sync starts with (not with `sync`). */
  prefill?: SyncPrefill;
  onClose: () => void;
  onSaved: (sync: SyncRecord) => void;
}

export function SyncFormModal({ sync: initial, prefill, onClose, onSaved }: SyncFormModalProps) {
  const [sync, setSync] = useState(initial);
  const [value, setValue] = useState<SyncFormValue>(() =>
    initial ? syncFormOf(initial) : (prefill?.value ?? emptySyncForm()),
  );
  const [attempted, setAttempted] = useState(false);
  const creator = useCreateSync();
  const updater = useUpdateSync();
  const latest = useSync(initial?.name ?? '');
  const busy = creator.isLoading || updater.isLoading || latest.isFetching;
  // The last thing tried: saving, or reading the latest after a conflict.
  const [error, setError] = useState<unknown>();
  const editing = sync !== undefined;
  const storedCredentials = sync?.spec.source.secretRef !== undefined && value.source.kind === 'url';
  const set = (patch: Partial<SyncFormValue>): void => {
    setValue((current) => ({ ...current, ...patch }));
  };
  // Chart names the repository does not have (422 on save): said at the charts field.
  const unknownCharts = error === undefined ? undefined : toApiError(error).unknownCharts;

  const submit = (): void => {
    setAttempted(true);
    if (hasProblem(value)) return;
    setError(undefined);
    const onError = (failure: unknown): void => {
      setError(failure);
      // The refused names are said at the charts field, maybe below the fold: go there.
      if (toApiError(failure).unknownCharts !== undefined) window.setTimeout(focusCharts, 0);
    };
    const handlers = { onSuccess: onSaved, onError };
    if (sync) updater.mutate({ name: sync.name, request: updateRequestOf(value, sync) }, handlers);
    else creator.mutate(createRequestOf(value), handlers);
  };

  // Someone changed the sync since it was opened: start again from what it is now.
  const loadLatest = (): void => {
    void latest.refetch().then(({ data, error: failure }) => {
      if (data === undefined) {
        setError(failure);
        return;
      }
      setSync(data);
      setValue(syncFormOf(data));
      setError(undefined);
      setAttempted(false);
    });
  };

  const stale = editing && error !== undefined && toApiError(error).reason === 'Conflict';
  const shown = (message: string | undefined, filled: boolean): string | undefined =>
    attempted || filled ? message : undefined;

  return (
    <Modal
      visible
      width={760}
      titleIcon={<TimedTask size={20} />}
      title={sync ? t('SYNC_EDIT_TITLE', asText({ name: sync.name })) : t('SYNC_CREATE_TITLE')}
      okText={sync ? t('SYNC_SAVE') : t('SYNC_CREATE')}
      cancelText={t('SYNC_CANCEL')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      bodyStyle={{ padding: 0 }}
      wrapProps={{ 'data-testid': 'sync-form' }}
    >
      <Body>
        {stale && (
          <Alert
            type="warning"
            className="sync-form-alert"
            title={t('SYNC_STALE_TITLE')}
            data-testid="sync-stale"
          >
            {t('SYNC_STALE_DESC')}{' '}
            <Button size="sm" variant="outline" onClick={loadLatest} disabled={busy}>
              {t('SYNC_LOAD_LATEST')}
            </Button>
          </Alert>
        )}
        {prefill !== undefined && !editing && (
          <Alert
            type={prefill.needsCredentials ? 'warning' : 'info'}
            className="sync-form-alert"
            title={t('SYNC_FROM_JOB_TITLE', asText({ id: prefill.jobId }))}
            data-testid="sync-prefill"
          >
            {prefill.needsCredentials ? t('SYNC_FROM_JOB_CREDENTIALS') : t('SYNC_FROM_JOB_DESC')}
          </Alert>
        )}
        {error !== undefined && !stale && unknownCharts === undefined && (
          <div className="sync-form-alert">
            <ErrorAlert error={error} title={sync ? t('SYNC_SAVE_FAILED') : t('SYNC_CREATE_FAILED')} />
          </div>
        )}
        <Section>{t('SYNC_SECTION_BASICS')}</Section>
        <FormField
          label={t('SYNC_NAME')}
          htmlFor="sync-name"
          required
          help={editing ? t('SYNC_NAME_FIXED') : t('SYNC_NAME_DESC', asText({ max: NAME_MAX }))}
          error={editing ? undefined : shown(nameMessage(value.name), value.name !== '')}
        >
          <Input
            id="sync-name"
            data-testid="sync-name"
            value={value.name}
            maxLength={NAME_MAX}
            disabled={editing || busy}
            autoComplete="off"
            spellCheck={false}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              set({ name: event.target.value.trim() });
            }}
          />
        </FormField>
        <ScheduleField
          value={value.schedule}
          showProblem={attempted}
          disabled={busy}
          nextRunTime={
            sync !== undefined && !sync.spec.suspend && value.schedule.trim() === sync.spec.schedule
              ? sync.status.nextRunTime
              : undefined
          }
          onChange={(schedule) => {
            set({ schedule });
          }}
        />
        <Switch
          data-testid="sync-suspend"
          label={t('SYNC_SUSPEND_LABEL')}
          checked={value.suspend}
          disabled={busy}
          onChange={(suspend) => {
            set({ suspend });
          }}
        />

        <Section>{t('SYNC_SECTION_REPOSITORY')}</Section>
        <SourceFields
          value={value.source}
          disabled={busy}
          storedCredentials={storedCredentials}
          credentialsNote={
            <span data-testid="sync-credentials-note">
              {storedCredentials
                ? t('SYNC_CREDENTIALS_STORED')
                : prefill !== undefined && !editing
                  ? t('SYNC_FROM_JOB_CREDENTIALS_NOTE')
                  : t('SYNC_CREDENTIALS_KEPT')}
            </span>
          }
          onChange={(source: SourceValue) => {
            set({ source });
          }}
        />
        {value.source.kind === 'configured' && (
          <Alert type="info" className="sync-form-alert" data-testid="sync-configured-note">
            {t('SYNC_CONFIGURED_REPO_NOTE')}
          </Alert>
        )}
        {attempted && sourceProblem(value.source) !== undefined && (
          <Alert type="error" className="sync-form-alert">
            {sourceProblem(value.source)}
          </Alert>
        )}

        <Section>{t('SYNC_SECTION_OPTIONS')}</Section>
        <OptionsFields
          value={value.options}
          disabled={busy}
          onChange={(options) => {
            set({ options });
          }}
        />
        <PruneField
          value={value.options}
          disabled={busy}
          onChange={(options) => {
            set({ options });
          }}
        />
        <AdoptField
          value={value.options}
          disabled={busy}
          onChange={(options) => {
            set({ options });
          }}
        />
        <VerifyField
          value={value.options}
          disabled={busy}
          oci={
            value.source.kind === 'configured' || (value.source.kind === 'url' && isOciUrl(value.source.url))
          }
          onChange={(options) => {
            set({ options });
          }}
        />
        <FormField
          label={t('SYNC_CHARTS')}
          htmlFor="sync-charts"
          help={t('SYNC_CHARTS_DESC')}
          error={chartsMessage(value.charts, unknownCharts)}
        >
          <Input
            id="sync-charts"
            data-testid="sync-charts"
            value={value.charts}
            disabled={busy}
            placeholder="nginx, redis"
            spellCheck={false}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              // The names the service refused are being fixed: the message goes with them.
              if (unknownCharts !== undefined) setError(undefined);
              set({ charts: event.target.value });
            }}
          />
        </FormField>

        <Section>{t('SYNC_SECTION_CATEGORIES')}</Section>
        <FormField label={t('WIZARD_CATEGORY_RULES_TITLE')} description={t('WIZARD_CATEGORY_RULES_DESC')}>
          <CategoryRulesEditor
            value={value.categoryRules}
            disabled={busy}
            onChange={(categoryRules) => {
              set({ categoryRules });
            }}
          />
        </FormField>
        <SyncCategories
          source={value.source}
          storedCredentials={storedCredentials}
          charts={value.charts}
          categoryRules={value.categoryRules}
          categories={value.categories}
          disabled={busy}
          onChange={(categories) => {
            set({ categories });
          }}
        />
      </Body>
    </Modal>
  );
}
