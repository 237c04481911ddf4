// "Cancel" while a job runs: asks first, since what was imported stays imported.
import { Modal, notify } from '@kubed/components';
import { useState } from 'react';
import { useCancelJob } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ManageButton, useManageRefusal } from '../../../components/ManageAccess';
import { DialogText } from './layout';

export interface CancelJobProps {
  id: string;
  /** The job's target (undefined: the global store): cancelling needs App Store management there. */
  workspace: string | undefined;
  /** After the cancel was accepted or the job turned out to have ended: read it again. */
  onDone: () => void;
}

export function CancelJob({ id, workspace, onDone }: CancelJobProps) {
  const [open, setOpen] = useState(false);
  const cancellation = useCancelJob();
  const refusal = useManageRefusal(workspace);

  const close = (): void => {
    setOpen(false);
    cancellation.reset();
  };

  const confirm = (): void => {
    cancellation.mutate(id, {
      onSuccess: (outcome) => {
        close();
        // 'ended': it ended on its own meanwhile. Nothing to cancel; show how it ended.
        if (outcome === 'requested') notify.success(t('JOB_CANCEL_REQUESTED'));
        else notify(t('JOB_ALREADY_ENDED'));
        onDone();
      },
    });
  };

  return (
    <>
      <ManageButton
        refusal={refusal}
        color="error"
        variant="outline"
        onClick={() => {
          setOpen(true);
        }}
        data-testid="job-cancel"
      >
        {t('JOB_CANCEL')}
      </ManageButton>
      <Modal
        visible={open}
        title={t('JOB_CANCEL_TITLE')}
        okText={t('JOB_CANCEL_CONFIRM')}
        cancelText={t('JOB_CANCEL_KEEP')}
        okButtonProps={{ color: 'error' }}
        confirmLoading={cancellation.isLoading}
        onOk={confirm}
        onCancel={close}
        width={520}
        wrapProps={{ 'data-testid': 'job-cancel-dialog' }}
      >
        <DialogText>
          <p>{t('JOB_CANCEL_DESC')}</p>
          {cancellation.error !== null && (
            <ErrorAlert error={cancellation.error} title={t('JOB_CANCEL_FAILED')} />
          )}
        </DialogText>
      </Modal>
    </>
  );
}
