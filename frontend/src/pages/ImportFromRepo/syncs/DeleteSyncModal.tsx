// Deleting a sync asks first: its schedule and stored credentials go with it (imported apps stay).
import { Modal } from '@kubed/components';
import { Trash } from '@kubed/icons';
import { useState } from 'react';
import { deleteSync, toApiError, type SyncRecord } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { asText } from '../../../i18n';
import { DialogText } from '../jobs/layout';

export interface DeleteSyncModalProps {
  sync: SyncRecord;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteSyncModal({ sync, onClose, onDeleted }: DeleteSyncModalProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const confirm = (): void => {
    setBusy(true);
    setError(undefined);
    deleteSync(sync.name).then(
      () => {
        setBusy(false);
        onDeleted();
      },
      (failure: unknown) => {
        setBusy(false);
        // Already gone: what the user wanted.
        if (toApiError(failure).reason === 'NotFound') onDeleted();
        else setError(failure);
      },
    );
  };

  return (
    <Modal
      visible
      width={520}
      titleIcon={<Trash size={20} />}
      title={t('SYNC_DELETE_TITLE')}
      okText={t('SYNC_DELETE')}
      cancelText={t('SYNC_CANCEL')}
      okButtonProps={{ color: 'error' }}
      confirmLoading={busy}
      onOk={confirm}
      onCancel={onClose}
      wrapProps={{ 'data-testid': 'sync-delete-dialog' }}
    >
      <DialogText>
        <p>{t('SYNC_DELETE_DESC', asText({ name: sync.name }))}</p>
        {error !== undefined && <ErrorAlert error={error} title={t('SYNC_DELETE_FAILED')} />}
      </DialogText>
    </Modal>
  );
}
