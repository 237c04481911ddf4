// What to do once a job ended: retry its failed charts, or open the wizard with the same import.
import { Button } from '@kubed/components';
import { useNavigate } from 'react-router-dom';
import type { JobRecord } from '../../../api';
import { paths } from '../../../routes/paths';
import { prefillOf, prefillQuery } from '../wizard/prefill';
import type { RerunState } from './useRerun';
import { asText } from '../../../i18n';

export interface RerunActionsProps {
  job: JobRecord;
  /** Charts with a failed version. */
  failed: readonly string[];
  rerun: RerunState;
}

export function RerunActions({ job, failed, rerun }: RerunActionsProps) {
  const navigate = useNavigate();
  // A job that failed before its first chart (repository unreadable...) has no chart to retry:
  // running it again as it was is the retry.
  const retryCharts = failed.length > 0 ? [...failed] : undefined;
  const canRetry = job.status.phase !== 'Succeeded' && job.status.phase !== 'Cancelled';
  return (
    <>
      {canRetry && (
        <Button
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
        </Button>
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
    </>
  );
}
