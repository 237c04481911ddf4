// What to do once a job ended: retry its failed charts, open the wizard with the same import, or
// schedule it (a sync filled in from it).
import { Button } from '@kubed/components';
import styled from 'styled-components';
import { useNavigate } from 'react-router-dom';
import type { JobRecord } from '../../../api';
import { ManageButton, useManageRefusal } from '../../../components/ManageAccess';
import { paths } from '../../../routes/paths';
import { ScheduleImport } from '../syncs/ScheduleImport';
import { prefillOf, prefillQuery } from '../wizard/prefill';
import type { RerunState } from './useRerun';
import { asText } from '../../../i18n';

const Hint = styled.span`
  max-width: 280px;
  font-size: 12px;
  line-height: 1.5;
  color: ${({ theme }) => theme.palette.accents_7};
`;

export interface RerunActionsProps {
  job: JobRecord;
  /** Charts with a failed version, by whether running again may help (model.ts failedCharts). */
  failed: { retryable: readonly string[]; permanent: readonly string[] };
  rerun: RerunState;
}

export function RerunActions({ job, failed, rerun }: RerunActionsProps) {
  const navigate = useNavigate();
  const { retryable, permanent } = failed;
  // A job that failed before its first chart (repository unreadable...) has no chart to retry:
  // running it again as it was is the retry. Charts whose every failure needs a change first are
  // not offered: their reasons say what to change.
  const retryCharts = retryable.length > 0 ? [...retryable] : undefined;
  const canRetry =
    job.status.phase !== 'Succeeded' &&
    job.status.phase !== 'Cancelled' &&
    (retryable.length > 0 || permanent.length === 0);
  // A retry imports into the job's target (a dry run only reads). "Import again" opens the wizard only.
  const retryRefusal = useManageRefusal(job.spec.workspace, canRetry && !job.spec.dryRun);
  return (
    <>
      {permanent.length > 0 && (
        <Hint data-testid="job-permanent-failures">
          {t('JOB_PERMANENT_FAILURES', asText({ count: permanent.length }))}
        </Hint>
      )}
      {canRetry && (
        <ManageButton
          refusal={retryRefusal}
          color="secondary"
          shadow
          loading={rerun.busy}
          disabled={rerun.busy}
          onClick={() => {
            rerun.rerun(retryCharts);
          }}
          data-testid="job-retry-failed"
        >
          {retryCharts ? t('JOB_RETRY_FAILED', asText({ count: retryCharts.length })) : t('JOB_RETRY')}
        </ManageButton>
      )}
      <Button
        variant="outline"
        disabled={rerun.busy}
        onClick={() => {
          navigate(`${paths.wizard}${prefillQuery(prefillOf(job.spec))}`);
        }}
        data-testid="job-import-again"
      >
        {t('JOB_IMPORT_AGAIN')}
      </Button>
      {/* A schedule needs a repository: an uploaded bundle is kept a while only. */}
      {job.spec.source.bundle === undefined && <ScheduleImport job={job} disabled={rerun.busy} />}
    </>
  );
}
