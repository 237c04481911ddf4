// A sync's actions, in the console's "more" menu of a table row. Those that change the sync or
// start a run need App Store management where it imports: refused ahead when KubeSphere says so.
import { Button, Dropdown, Menu, MenuItem } from '@kubed/components';
import { Job, More, Pause, Pen, Start, Trash } from '@kubed/icons';
import type { ReactNode } from 'react';
import type { SyncRecord } from '../../../api';
import { ManageLabel, useManageRefusal } from '../../../components/ManageAccess';

export type SyncAction = 'edit' | 'suspend' | 'resume' | 'run' | 'runs' | 'delete';

/** The actions that only read. */
const READ_ONLY_ACTIONS: ReadonlySet<SyncAction> = new Set(['runs']);

export interface SyncRowActionsProps {
  sync: SyncRecord;
  disabled: boolean;
  onAction: (action: SyncAction, sync: SyncRecord) => void;
}

export function SyncRowActions({ sync, disabled, onAction }: SyncRowActionsProps) {
  const refusal = useManageRefusal(sync.spec.workspace);
  const item = (action: SyncAction, icon: ReactNode, label: string) => {
    const refused = READ_ONLY_ACTIONS.has(action) ? undefined : refusal;
    const off = disabled || refused !== undefined;
    return (
      <MenuItem
        key={action}
        icon={icon}
        disabled={off}
        // kube-design's disabled item only looks disabled: it still gets clicks.
        aria-disabled={off}
        data-testid={`sync-action-${action}`}
        onClick={() => {
          if (!off) onAction(action, sync);
        }}
      >
        <ManageLabel refusal={refused}>{label}</ManageLabel>
      </MenuItem>
    );
  };
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
