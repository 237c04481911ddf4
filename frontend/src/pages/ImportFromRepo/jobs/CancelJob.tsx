// "Cancel" while a job runs: asks first, since what was imported stays imported.
import { Button, Modal, notify } from '@kubed/components';
import { useState } from 'react';
import { cancelJob, toApiError } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { DialogText } from './layout';

export interface CancelJobProps {
  id: string;
  /** After the cancel was accepted or the job turned out to have ended: read it again. */
  onDone: () => void;
}

export function CancelJob({ id, onDone }: CancelJobProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const close = (): void => {
    setOpen(false);
    setError(undefined);
  };

  const confirm = (): void => {
    setBusy(true);
    setError(undefined);
    cancelJob(id).then(
      () => {
        setBusy(false);
        close();
        notify.success(t('JOB_CANCEL_REQUESTED'));
        onDone();
      },
      (failure: unknown) => {
        setBusy(false);
        // 409: it ended on its own meanwhile. Nothing to cancel; show how it ended.
        if (toApiError(failure).reason === 'Conflict') {
          close();
          notify(t('JOB_ALREADY_ENDED'));
          onDone();
        } else setError(failure);
      },
    );
  };

  return (
    <>
      <Button
        color="error"
        variant="outline"
        onClick={() => {
          setOpen(true);
        }}
        data-testid="job-cancel"
      >
        {t('JOB_CANCEL')}
      </Button>
      <Modal
        visible={open}
        title={t('JOB_CANCEL_TITLE')}
        okText={t('JOB_CANCEL_CONFIRM')}
        cancelText={t('JOB_CANCEL_KEEP')}
        okButtonProps={{ color: 'error' }}
        confirmLoading={busy}
        onOk={confirm}
        onCancel={close}
        width={520}
        wrapProps={{ 'data-testid': 'job-cancel-dialog' }}
      >
        <DialogText>
          <p>{t('JOB_CANCEL_DESC')}</p>
          {error !== undefined && <ErrorAlert error={error} title={t('JOB_CANCEL_FAILED')} />}
        </DialogText>
      </Modal>
    </>
  );
}
