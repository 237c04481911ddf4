// Deleting a sync asks first: its schedule and stored credentials go with it (imported apps stay).
import { Modal } from '@kubed/components';
import { Trash } from '@kubed/icons';
import type { SyncRecord } from '../../../api';
import { useDeleteSync } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { asText } from '../../../i18n';
import { DialogText } from '../jobs/layout';

export interface DeleteSyncModalProps {
  sync: SyncRecord;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteSyncModal({ sync, onClose, onDeleted }: DeleteSyncModalProps) {
  // A sync already gone counts as deleted (writes.deleteSync).
  const deletion = useDeleteSync();
  const confirm = (): void => {
    deletion.mutate(sync.name, { onSuccess: onDeleted });
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
      confirmLoading={deletion.isLoading}
      onOk={confirm}
      onCancel={onClose}
      wrapProps={{ 'data-testid': 'sync-delete-dialog' }}
    >
      <DialogText>
        <p>{t('SYNC_DELETE_DESC', asText({ name: sync.name }))}</p>
        {deletion.error !== null && <ErrorAlert error={deletion.error} title={t('SYNC_DELETE_FAILED')} />}
      </DialogText>
    </Modal>
  );
}
