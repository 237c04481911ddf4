// One import: followed live until it ends, then its results. The job's id is in the URL, so a
// reload (or a link from the history) lands here again and picks up where the job is.
import { Button } from '@kubed/components';
import { Job, Return } from '@kubed/icons';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import styled from 'styled-components';
import { isTerminalPhase } from '../../../api';
import { EmptyState, LoadingState } from '../../../components/EmptyState';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Panel } from '../../../components/layout';
import { PrunedVersions } from './PrunedVersions';
import { asText } from '../../../i18n';
import { paths } from '../../../routes/paths';
import { CancelJob } from './CancelJob';
import { ChartTable } from './ChartTable';
import { JobDetails } from './JobDetails';
import { JobSummary } from './JobSummary';
import { Heading } from './layout';
import { chartRows, failedCharts, type JobView } from './model';
import { RerunActions } from './RerunActions';
import { useJobView } from './useJobView';
import { useNow } from './useNow';
import { useRerun } from './useRerun';

const Page = styled.div`
  padding-top: 12px;
`;

const Back = styled(Link)`
  display: inline-flex;
  align-items: center;
  gap: 4px;
  /* in line with the text of the panels below (their padding), not against the page's edge */
  margin: 0 0 12px 20px;
`;

function JobContent({
  view,
  interrupted,
  reload,
}: {
  view: JobView;
  interrupted: boolean;
  reload: () => void;
}) {
  const { job } = view;
  const running = !isTerminalPhase(job.status.phase);
  const rows = useMemo(() => chartRows(view), [view]);
  const failed = failedCharts(rows);
  const rerun = useRerun(job);
  const now = useNow(running);

  return (
    <>
      <JobSummary
        view={view}
        interrupted={interrupted}
        // RerunActions offers a retry unless every failed chart needs a change first.
        retryOffered={failed.retryable.length > 0 || failed.permanent.length === 0}
        actions={
          running ? (
            <CancelJob id={job.id} workspace={job.spec.workspace} onDone={reload} />
          ) : (
            <RerunActions job={job} failed={failed} rerun={rerun} />
          )
        }
      />
      {rerun.error !== undefined && (
        <Panel>
          <ErrorAlert error={rerun.error} title={t('JOB_RERUN_FAILED')} />
        </Panel>
      )}
      <Panel>
        <Heading>{t('JOB_CHARTS_HEADING', asText({ count: rows.length }))}</Heading>
        <ChartTable
          rows={rows}
          workspace={job.spec.workspace}
          released={job.spec.publish === 'active'}
          dryRun={job.spec.dryRun}
          running={running}
          onRefresh={reload}
        />
      </Panel>
      <PrunedVersions job={job} />
      <JobDetails job={job} now={now} />
    </>
  );
}

export default function JobDetail() {
  const { jobId = '' } = useParams();
  const { view, error, interrupted, reload } = useJobView(jobId);
  const navigate = useNavigate();

  let content;
  if (error?.reason === 'NotFound') {
    content = (
      <Panel>
        <EmptyState
          testId="job-not-found"
          icon={<Job size={48} />}
          title={t('JOB_NOT_FOUND')}
          description={t('JOB_NOT_FOUND_DESC', asText({ id: jobId }))}
          action={
            <Button
              color="secondary"
              onClick={() => {
                navigate(paths.history);
              }}
            >
              {t('JOB_GO_TO_HISTORY')}
            </Button>
          }
        />
      </Panel>
    );
  } else if (error) {
    content = <ErrorAlert error={error} title={t('JOB_LOAD_FAILED')} onRetry={reload} />;
  } else if (view?.job.id !== jobId) {
    content = <LoadingState label={t('JOB_LOADING')} />;
  } else {
    content = <JobContent view={view} interrupted={interrupted} reload={reload} />;
  }

  return (
    <Page data-testid="job-page">
      <Back to={paths.history} data-testid="job-back">
        <Return size={16} />
        {t('JOB_BACK_TO_HISTORY')}
      </Back>
      {content}
    </Page>
  );
}
