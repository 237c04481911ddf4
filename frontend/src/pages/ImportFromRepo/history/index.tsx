// Past imports, newest first; `?sync=NAME` shows one sync's runs. A row opens its job page.
import { Alert, Button, Tag } from '@kubed/components';
import { Job } from '@kubed/icons';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import styled from 'styled-components';
import { terminalJobPhaseValues, type JobRecord } from '../../../api';
import { hasActiveJob, useJobList } from '../../../api/queries';
import { EmptyState } from '../../../components/EmptyState';
import { JobPhaseTag, phaseLabel } from '../../../components/StateTags';
import { asText } from '../../../i18n';
import { paths } from '../../../routes/paths';
import { repoTitle, sourceLabel, targetLabel } from '../jobs/describe';
import { durationSeconds, formatDuration, formatTime } from '../../../components/time';
import { ListPage, Stacked } from '../jobs/layout';
import { ListTable, type ListColumn } from '../jobs/ListTable';
import { useNow } from '../jobs/useNow';
import { filterJobs, newestFirst, type PhaseFilter } from './filter';

/** How many jobs are read: the service keeps more, the newest are the ones people look for. */
const LIMIT = 200;

/** A time stays on one line: date and time split over two read badly. */
const Time = styled.span`
  white-space: nowrap;
`;

const Counts = styled.span`
  white-space: nowrap;

  .failed {
    color: ${({ theme }) => theme.palette.error};
  }
`;

function results(job: JobRecord) {
  const { created, exists, failed, planned } = job.status.summary;
  return (
    <Counts data-testid="history-counts">
      {job.spec.dryRun
        ? t('HISTORY_COUNTS_DRY_RUN', asText({ planned, exists }))
        : t('HISTORY_COUNTS', asText({ created, exists }))}
      {failed > 0 && <span className="failed"> · {t('HISTORY_FAILED_COUNT', asText({ failed }))}</span>}
    </Counts>
  );
}

function startedBy(job: JobRecord) {
  if (!job.syncName) return job.requestedBy || '-';
  return <Tag color="default">{t('HISTORY_BY_SYNC', asText({ name: job.syncName }))}</Tag>;
}

export default function JobHistory() {
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const sync = search.get('sync') ?? undefined;
  const [keyword, setKeyword] = useState('');
  const [phase, setPhase] = useState<PhaseFilter>('all');
  // Refreshes itself while one of them runs (jobListQuery).
  const request = useJobList({ ...(sync ? { sync } : {}), limit: LIMIT });
  const jobs = useMemo(() => newestFirst(request.data ?? []), [request.data]);
  const shown = useMemo(() => filterJobs(jobs, keyword, phase), [jobs, keyword, phase]);
  const active = hasActiveJob(jobs);
  const now = useNow(active);

  const reload = (): void => {
    void request.refetch();
  };

  const columns: ListColumn<JobRecord>[] = [
    {
      key: 'import',
      title: t('HISTORY_COLUMN_IMPORT'),
      width: '26%',
      render: (job) => (
        <Stacked>
          <Link
            className="primary"
            to={paths.job(job.id)}
            title={sourceLabel(job.spec.source)}
            data-testid="history-job-link"
          >
            {repoTitle(job.spec.source)}
          </Link>
          <span className="secondary" data-testid="history-job-id">
            {job.id}
          </span>
        </Stacked>
      ),
    },
    {
      key: 'status',
      title: t('HISTORY_COLUMN_STATUS'),
      width: '12%',
      render: (job) => <JobPhaseTag phase={job.status.phase} />,
    },
    { key: 'results', title: t('HISTORY_COLUMN_RESULTS'), width: '16%', render: results },
    {
      key: 'target',
      title: t('HISTORY_COLUMN_TARGET'),
      width: '12%',
      render: (job) => targetLabel(job.spec.workspace),
    },
    { key: 'by', title: t('HISTORY_COLUMN_STARTED_BY'), width: '12%', render: startedBy },
    {
      key: 'start',
      title: t('HISTORY_COLUMN_START_TIME'),
      width: '12%',
      render: (job) => <Time>{formatTime(job.status.startTime ?? job.createdAt)}</Time>,
    },
    {
      key: 'duration',
      title: t('HISTORY_COLUMN_DURATION'),
      width: 90,
      render: (job) => formatDuration(durationSeconds(job.status.startTime, job.status.completionTime, now)),
    },
  ];

  const phaseOptions: { value: PhaseFilter; label: string }[] = [
    { value: 'all', label: t('HISTORY_FILTER_ALL') },
    { value: 'active', label: t('HISTORY_FILTER_ACTIVE') },
    ...terminalJobPhaseValues.map((value) => ({
      value,
      label: phaseLabel(value),
    })),
  ];

  const filtered = keyword !== '' || phase !== 'all';
  const body = (
    <ListTable
      testId="history"
      loadError={request.error ?? undefined}
      loadErrorTitle={t('HISTORY_LOAD_FAILED')}
      loaded={request.data !== undefined}
      loadingLabel={t('HISTORY_LOADING')}
      columns={columns}
      rows={shown}
      rowKey={(job) => job.id}
      onRowClick={(job) => {
        navigate(paths.job(job.id));
      }}
      searchPlaceholder={t('HISTORY_SEARCH')}
      onSearch={setKeyword}
      onRefresh={reload}
      loading={request.isFetching}
      filter={{ value: phase, options: phaseOptions, onChange: setPhase, testId: 'history-phase' }}
      filtered={filtered || sync !== undefined}
      noMatch={{
        title: t('HISTORY_NO_MATCH'),
        // "show every import" is the sync filter's own button, there only
        description: sync === undefined ? t('HISTORY_NO_MATCH_SEARCH_DESC') : t('HISTORY_NO_MATCH_DESC'),
      }}
      empty={
        <EmptyState
          testId="history-empty"
          icon={<Job size={48} />}
          title={t('HISTORY_EMPTY')}
          description={t('HISTORY_EMPTY_DESC')}
          action={
            <Button
              color="secondary"
              shadow
              onClick={() => {
                navigate(paths.wizard);
              }}
            >
              {t('HISTORY_START_IMPORT')}
            </Button>
          }
        />
      }
    />
  );

  return (
    <ListPage data-testid="history-page">
      {sync !== undefined && (
        <Alert type="info" className="list-notice" data-testid="history-sync-filter">
          {t('HISTORY_SYNC_FILTER', asText({ name: sync }))}{' '}
          <Button
            variant="link"
            onClick={() => {
              setSearch({});
            }}
          >
            {t('HISTORY_SHOW_ALL')}
          </Button>
        </Alert>
      )}
      {body}
    </ListPage>
  );
}
