// A sync's actions, in the console's "more" menu of a table row.
import { Button, Dropdown, Menu, MenuItem } from '@kubed/components';
import { Job, More, Pause, Pen, Start, Trash } from '@kubed/icons';
import type { ReactNode } from 'react';
import type { SyncRecord } from '../../../api';

export type SyncAction = 'edit' | 'suspend' | 'resume' | 'run' | 'runs' | 'delete';

export interface SyncRowActionsProps {
  sync: SyncRecord;
  disabled: boolean;
  onAction: (action: SyncAction, sync: SyncRecord) => void;
}

export function SyncRowActions({ sync, disabled, onAction }: SyncRowActionsProps) {
  const item = (action: SyncAction, icon: ReactNode, label: string) => (
    <MenuItem
      key={action}
      icon={icon}
      disabled={disabled}
      data-testid={`sync-action-${action}`}
      onClick={() => {
        onAction(action, sync);
      }}
    >
      {label}
    </MenuItem>
  );
  const menu = (
    <Menu>
      {item('run', <Start />, t('SYNC_RUN_NOW'))}
      {sync.spec.suspend
        ? item('resume', <Start />, t('SYNC_RESUME'))
        : item('suspend', <Pause />, t('SYNC_PAUSE'))}
      {item('edit', <Pen />, t('SYNC_EDIT'))}
      {item('runs', <Job />, t('SYNC_VIEW_RUNS'))}
      {item('delete', <Trash />, t('SYNC_DELETE'))}
    </Menu>
  );
  return (
    <Dropdown placement="bottom-end" content={menu}>
      <Button variant="text" radius="lg" aria-label={t('SYNC_ACTIONS')} data-testid="sync-actions">
        <More size={16} />
      </Button>
    </Dropdown>
  );
}
