// "Schedule this import" on a finished job's page: the sync form, filled in from the job's import
// (never its credentials: a job keeps none). Saved, it goes to the scheduled syncs.
import { Button, notify } from '@kubed/components';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { JobRecord } from '../../../api';
import { asText } from '../../../i18n';
import { paths } from '../../../routes/paths';
import { syncFormOfJob } from './form';
import { SyncFormModal, type SyncPrefill } from './SyncFormModal';

export function ScheduleImport({ job, disabled }: { job: JobRecord; disabled?: boolean }) {
  const navigate = useNavigate();
  const [prefill, setPrefill] = useState<SyncPrefill>();
  return (
    <>
      <Button
        variant="outline"
        disabled={disabled}
        data-testid="job-schedule-import"
        onClick={() => {
          setPrefill({ ...syncFormOfJob(job), jobId: job.id });
        }}
      >
        {t('SYNC_SCHEDULE_THIS_IMPORT')}
      </Button>
      {prefill !== undefined && (
        <SyncFormModal
          prefill={prefill}
          onClose={() => {
            setPrefill(undefined);
          }}
          onSaved={(sync) => {
            setPrefill(undefined);
            notify.success(t('SYNC_CREATED_DONE', asText({ name: sync.name })));
            navigate(paths.syncs);
          }}
        />
      )}
    </>
  );
}
