// Scheduled syncs: each imports a repository again on its schedule, as the extension itself.
import { notify, Tag } from '@kubed/components';
import { TimedTask } from '@kubed/icons';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import styled from 'styled-components';
import type { SyncRecord } from '../../../api';
import { useRunSync, useSyncList, useUpdateSync } from '../../../api/queries';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ManageButton, useManageAnywhereRefusal } from '../../../components/ManageAccess';
import { JobPhaseTag } from '../../../components/StateTags';
import { asText } from '../../../i18n';
import { paths } from '../../../routes/paths';
import { targetLabel } from '../jobs/describe';
import { formatTime } from '../../../components/time';
import { ListPage, Stacked } from '../jobs/layout';
import { ListTable, type ListColumn } from '../jobs/ListTable';
import { DeleteSyncModal } from './DeleteSyncModal';
import { suspendRequestOf } from './form';
import { localScheduleText, NextRun, scheduleText } from './ScheduleField';
import { SyncFormModal } from './SyncFormModal';
import { SyncRowActions, type SyncAction } from './SyncRowActions';

const Inline = styled.div`
  display: flex;
  align-items: center;
  gap: 8px;
`;

/** Search over what the table shows. */
function matches(sync: SyncRecord, keyword: string): boolean {
  const needle = keyword.toLowerCase();
  return [
    sync.name,
    sync.spec.source.url,
    sync.spec.source.configuredRepo?.name ?? '',
    sync.spec.workspace ?? '',
  ].some((text) => text.toLowerCase().includes(needle));
}

/** ks-core's workspace of global repositories (appv2.SystemWorkspace). */
const SYSTEM_WORKSPACE = 'system-workspace';

/** Where a sync reads: the repository configured in KubeSphere it names, or its URL. */
function sourceLabel(sync: SyncRecord) {
  const { url, configuredRepo } = sync.spec.source;
  if (configuredRepo === undefined)
    return (
      <span className="secondary" title={url}>
        {url}
      </span>
    );
  // KubeSphere keeps its global repositories in system-workspace: no workspace to name then.
  const label =
    configuredRepo.workspace && configuredRepo.workspace !== SYSTEM_WORKSPACE
      ? t('SYNC_SOURCE_REPO_IN', asText({ name: configuredRepo.name, workspace: configuredRepo.workspace }))
      : t('SYNC_SOURCE_REPO', asText({ name: configuredRepo.name }));
  return (
    <span className="secondary" title={url} data-testid="sync-source-repo">
      {label}
    </span>
  );
}

function lastRun(sync: SyncRecord) {
  const { lastJobId, lastResult, lastRunTime, lastSummary, lastUnchanged } = sync.status;
  if (!lastResult || !lastJobId)
    return (
      <Stacked>
        <span className="secondary">{t('SYNC_NEVER_RUN')}</span>
      </Stacked>
    );
  return (
    <Stacked data-testid="sync-last-run">
      <Inline>
        <JobPhaseTag phase={lastResult} />
        <Link to={paths.job(lastJobId)}>{formatTime(lastRunTime)}</Link>
      </Inline>
      {lastUnchanged === true ? (
        <span className="secondary" data-testid="sync-last-unchanged">
          {t('SYNC_LAST_UNCHANGED', asText({ exists: lastSummary?.exists ?? 0 }))}
        </span>
      ) : (
        lastSummary && <span className="secondary">{t('SYNC_LAST_COUNTS', asText({ ...lastSummary }))}</span>
      )}
    </Stacked>
  );
}

type Dialog = { kind: 'create' } | { kind: 'edit'; sync: SyncRecord } | { kind: 'delete'; sync: SyncRecord };

export default function SyncList() {
  const navigate = useNavigate();
  const request = useSyncList();
  const reload = (): void => {
    void request.refetch();
  };
  const [keyword, setKeyword] = useState('');
  const [dialog, setDialog] = useState<Dialog>();
  const runner = useRunSync();
  // A new sync's target is chosen in its form: Create is refused only where the caller manages nothing.
  const createRefusal = useManageAnywhereRefusal();
  const updater = useUpdateSync();
  const busy = runner.isLoading ? runner.variables : updater.isLoading ? updater.variables?.name : undefined;
  // Pause, resume and run now act at once; their failures show above the table, one at a time.
  const actionError =
    runner.error !== null
      ? { title: t('SYNC_RUN_FAILED', asText({ name: runner.variables ?? '' })), error: runner.error }
      : updater.error !== null
        ? {
            title: t('SYNC_UPDATE_FAILED', asText({ name: updater.variables?.name ?? '' })),
            error: updater.error,
          }
        : undefined;
  const syncs = useMemo(
    () =>
      [...(request.data ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name))
        .filter((sync) => matches(sync, keyword)),
    [request.data, keyword],
  );

  const onAction = (action: SyncAction, sync: SyncRecord): void => {
    switch (action) {
      case 'edit':
        setDialog({ kind: 'edit', sync });
        return;
      case 'delete':
        setDialog({ kind: 'delete', sync });
        return;
      case 'runs':
        navigate(`${paths.history}?sync=${encodeURIComponent(sync.name)}`);
        return;
      case 'run':
        updater.reset();
        runner.mutate(sync.name, {
          onSuccess: (job) => {
            navigate(paths.job(job.id));
          },
        });
        return;
      case 'suspend':
      case 'resume':
        runner.reset();
        updater.mutate(
          { name: sync.name, request: suspendRequestOf(sync, action === 'suspend') },
          {
            onSuccess: () => {
              notify.success(
                action === 'suspend'
                  ? t('SYNC_PAUSED_DONE', asText({ name: sync.name }))
                  : t('SYNC_RESUMED_DONE', asText({ name: sync.name })),
              );
            },
          },
        );
        return;
    }
  };

  const now = new Date();
  const columns: ListColumn<SyncRecord>[] = [
    {
      key: 'name',
      title: t('SYNC_COLUMN_NAME'),
      width: '20%',
      render: (sync) => (
        <Stacked>
          <span className="primary">{sync.name}</span>
          {sourceLabel(sync)}
        </Stacked>
      ),
    },
    {
      key: 'state',
      title: t('SYNC_COLUMN_STATE'),
      width: '10%',
      render: (sync) =>
        sync.spec.suspend ? (
          <Tag color="warning" data-state="paused">
            {t('SYNC_STATE_PAUSED')}
          </Tag>
        ) : (
          <Tag color="success" data-state="active">
            {t('SYNC_STATE_ACTIVE')}
          </Tag>
        ),
    },
    {
      key: 'schedule',
      title: t('SYNC_COLUMN_SCHEDULE'),
      width: '18%',
      render: (sync) => (
        <Stacked>
          <span className="mono">{sync.spec.schedule}</span>
          <span className="secondary">{scheduleText(sync.spec.schedule) ?? '-'}</span>
          {localScheduleText(sync.spec.schedule, now, true) !== undefined && (
            <span className="secondary" data-testid="sync-schedule-local-time">
              {localScheduleText(sync.spec.schedule, now, true)}
            </span>
          )}
        </Stacked>
      ),
    },
    { key: 'last', title: t('SYNC_COLUMN_LAST_RUN'), width: '20%', render: lastRun },
    {
      key: 'next',
      title: t('SYNC_COLUMN_NEXT_RUN'),
      width: '14%',
      render: (sync) =>
        sync.spec.suspend ? '-' : <NextRun time={sync.status.nextRunTime} testId="sync-next-run" />,
    },
    {
      key: 'target',
      title: t('SYNC_COLUMN_TARGET'),
      width: '12%',
      render: (sync) => targetLabel(sync.spec.workspace),
    },
    {
      key: 'actions',
      title: '',
      width: 48,
      render: (sync) => <SyncRowActions sync={sync} disabled={busy === sync.name} onAction={onAction} />,
    },
  ];

  const create = (
    <ManageButton
      refusal={createRefusal}
      color="secondary"
      shadow
      onClick={() => {
        setDialog({ kind: 'create' });
      }}
      data-testid="sync-create"
    >
      {t('SYNC_CREATE')}
    </ManageButton>
  );

  const body = (
    <ListTable
      testId="syncs"
      loadError={request.error ?? undefined}
      loadErrorTitle={t('SYNCS_LOAD_FAILED')}
      loaded={request.data !== undefined}
      loadingLabel={t('SYNCS_LOADING')}
      columns={columns}
      rows={syncs}
      rowKey={(sync) => sync.name}
      searchPlaceholder={t('SYNCS_SEARCH')}
      onSearch={setKeyword}
      onRefresh={reload}
      loading={request.isFetching}
      toolbarRight={create}
      filtered={keyword !== ''}
      noMatch={{ title: t('SYNCS_NO_MATCH'), description: t('SYNCS_NO_MATCH_DESC') }}
      empty={
        <EmptyState
          testId="syncs-empty"
          icon={<TimedTask size={48} />}
          title={t('SYNCS_EMPTY')}
          description={t('SYNCS_EMPTY_DESC')}
          action={create}
        />
      }
    />
  );

  const saved = (sync: SyncRecord, created: boolean): void => {
    setDialog(undefined);
    notify.success(
      created
        ? t('SYNC_CREATED_DONE', asText({ name: sync.name }))
        : t('SYNC_SAVED_DONE', asText({ name: sync.name })),
    );
  };

  return (
    <ListPage data-testid="syncs-page">
      {actionError && (
        <div className="list-notice">
          <ErrorAlert error={actionError.error} title={actionError.title} />
        </div>
      )}
      {body}
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <SyncFormModal
          sync={dialog.kind === 'edit' ? dialog.sync : undefined}
          onClose={() => {
            setDialog(undefined);
          }}
          onSaved={(sync) => {
            saved(sync, dialog.kind === 'create');
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteSyncModal
          sync={dialog.sync}
          onClose={() => {
            setDialog(undefined);
          }}
          onDeleted={() => {
            setDialog(undefined);
            notify.success(t('SYNC_DELETED_DONE', asText({ name: dialog.sync.name })));
          }}
        />
      )}
    </ListPage>
  );
}
