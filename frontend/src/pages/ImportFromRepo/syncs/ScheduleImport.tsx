// "Schedule this import" on a finished job's page: the sync form, filled in from the job's import
// (never its credentials: a job keeps none). Saved, it goes to the scheduled syncs.
import { notify } from '@kubed/components';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { JobRecord } from '../../../api';
import { ManageButton, useManageAnywhereRefusal } from '../../../components/ManageAccess';
import { asText } from '../../../i18n';
import { paths } from '../../../routes/paths';
import { syncFormOfJob } from './form';
import { SyncFormModal, type SyncPrefill } from './SyncFormModal';

export function ScheduleImport({ job, disabled }: { job: JobRecord; disabled?: boolean }) {
  const navigate = useNavigate();
  const [prefill, setPrefill] = useState<SyncPrefill>();
  // The form may change the job's target: as the Syncs tab's Create, refused only where the caller manages nothing.
  const refusal = useManageAnywhereRefusal();
  return (
    <>
      <ManageButton
        refusal={refusal}
        variant="outline"
        disabled={disabled}
        data-testid="job-schedule-import"
        onClick={() => {
          setPrefill({ ...syncFormOfJob(job), jobId: job.id });
        }}
      >
        {t('SYNC_SCHEDULE_THIS_IMPORT')}
      </ManageButton>
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
