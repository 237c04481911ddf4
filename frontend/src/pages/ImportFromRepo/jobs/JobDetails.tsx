// The job's settings and who ran it when, as a label/value grid like the console's detail pages.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import styled from 'styled-components';
import type { JobRecord } from '../../../api';
import { labelled, Panel } from '../../../components/layout';
import { publishLabel } from '../../../components/options';
import { policySentence } from '../../../components/verify';
import { paths } from '../../../routes/paths';
import { sourceLabel, targetLabel, versionsLabel } from './describe';
import { durationSeconds, formatDuration, formatTime } from '../../../components/time';
import { Heading } from './layout';
import { listText } from '../../../i18n';

const Grid = styled.dl`
  ${labelled}
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
  gap: 12px 24px;

  /* long URLs and chart lists wrap, at a space when there is one */
  dd {
    overflow-wrap: anywhere;
  }
`;

function yesNo(value: boolean): string {
  return value ? t('JOB_YES') : t('JOB_NO');
}

export function JobDetails({ job, now }: { job: JobRecord; now: number }) {
  const { spec, status } = job;
  const startedBy = job.syncName ? (
    <>
      {t('JOB_STARTED_BY_SYNC')}{' '}
      <Link to={`${paths.history}?sync=${encodeURIComponent(job.syncName)}`} data-testid="job-sync-link">
        {job.syncName}
      </Link>
      {job.requestedBy !== '' && ` (${job.requestedBy})`}
    </>
  ) : (
    job.requestedBy || '-'
  );
  const items: { key: string; label: string; value: ReactNode }[] = [
    { key: 'source', label: t('JOB_SOURCE'), value: sourceLabel(spec.source) },
    { key: 'target', label: t('JOB_TARGET'), value: targetLabel(spec.workspace) },
    { key: 'versions', label: t('JOB_VERSIONS'), value: versionsLabel(spec.versions) },
    { key: 'publish', label: t('JOB_PUBLISH'), value: publishLabel(spec.publish) },
    { key: 'verify', label: t('VERIFY_TITLE'), value: policySentence(spec.verify) },
    // The options' own words, as the wizard and the sync form show them.
    { key: 'prune', label: t('PRUNE_OPTION_LABEL'), value: yesNo(spec.prune === true) },
    { key: 'adopt', label: t('ADOPT_OPTION_LABEL'), value: yesNo(spec.adopt === true) },
    {
      key: 'charts',
      label: t('JOB_CHARTS'),
      value: spec.charts && spec.charts.length > 0 ? listText(spec.charts) : t('JOB_ALL_CHARTS'),
    },
    { key: 'deprecated', label: t('JOB_INCLUDE_DEPRECATED'), value: yesNo(spec.includeDeprecated) },
    { key: 'dry-run', label: t('JOB_DRY_RUN'), value: yesNo(spec.dryRun) },
    { key: 'concurrency', label: t('JOB_CONCURRENCY'), value: spec.concurrency },
    { key: 'started-by', label: t('JOB_STARTED_BY'), value: startedBy },
    { key: 'created', label: t('JOB_CREATED_AT'), value: formatTime(job.createdAt) },
    { key: 'start', label: t('JOB_START_TIME'), value: formatTime(status.startTime) },
    { key: 'end', label: t('JOB_COMPLETION_TIME'), value: formatTime(status.completionTime) },
    {
      key: 'duration',
      label: t('JOB_DURATION'),
      value: formatDuration(durationSeconds(status.startTime, status.completionTime, now)),
    },
  ];
  return (
    <Panel data-testid="job-details">
      <Heading>{t('JOB_DETAILS')}</Heading>
      <Grid>
        {items.map((item) => (
          <div key={item.key} data-testid={`job-detail-${item.key}`}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
      </Grid>
    </Panel>
  );
}
