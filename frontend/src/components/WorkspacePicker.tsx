// Picks the workspace an import goes to from those the user can see in KubeSphere (GET /workspaces),
// searchable, with its loading, error and empty states. When KubeSphere does not let the user list
// workspaces (403), the name is typed instead: the service checks it before anything is imported.
import { Input, Select } from '@kubed/components';
import type { ChangeEvent } from 'react';
import styled from 'styled-components';
import type { WorkspaceItem } from '../api';
import { useWorkspaces } from '../api/queries';
import { ErrorAlert } from './ErrorAlert';
import { asText } from '../i18n';

const Column = styled.div`
  display: flex;
  flex-direction: column;
  gap: 4px;
  min-width: 260px;
`;

const Note = styled.div`
  max-width: 420px;
  font-size: 12px;
  line-height: 1.67;
  color: ${({ theme }) => theme.palette.accents_5};
`;

export interface WorkspacePickerProps {
  /** The control's id, so the form row's label focuses it. */
  id: string;
  value: string;
  onChange: (workspace: string) => void;
  disabled?: boolean;
}

function labelOf(workspace: WorkspaceItem): string {
  return workspace.displayName === workspace.name
    ? workspace.name
    : `${workspace.displayName} (${workspace.name})`;
}

export function WorkspacePicker({ id, value, onChange, disabled }: WorkspacePickerProps) {
  const workspaces = useWorkspaces();
  const error = workspaces.error;
  if (error?.reason === 'Forbidden')
    return (
      <Column>
        <Input
          id={id}
          data-testid="workspace-input"
          placeholder={t('OPTIONS_WORKSPACE_PLACEHOLDER')}
          value={value}
          disabled={disabled}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            onChange(event.target.value);
          }}
        />
        <Note data-testid="workspace-typed-note">{t('WORKSPACES_TYPE_NOTE')}</Note>
      </Column>
    );
  // A failure is shown once the workspace target is chosen, not while the global store is.
  if (error !== null && disabled !== true)
    return (
      <Column>
        <ErrorAlert
          error={error}
          title={t('WORKSPACES_LOAD_FAILED')}
          onRetry={() => {
            void workspaces.refetch();
          }}
        />
      </Column>
    );
  const items = workspaces.data ?? [];
  const loading = workspaces.data === undefined && error === null;
  // A workspace from a past job or the page address that the list does not have: kept, and said.
  const listed = !loading && error === null && disabled !== true;
  const unlisted = listed && value !== '' && !items.some((workspace) => workspace.name === value);
  return (
    <Column>
      <Select
        id={id}
        data-testid="workspace-select"
        style={{ width: '100%' }}
        placeholder={loading ? t('WORKSPACES_LOADING') : t('WORKSPACE_SELECT_PLACEHOLDER')}
        value={value === '' ? undefined : value}
        disabled={disabled === true || loading}
        loading={loading}
        showSearch
        optionFilterProp="label"
        onChange={(name: string) => {
          onChange(name);
        }}
        options={items.map((workspace) => ({ value: workspace.name, label: labelOf(workspace) }))}
      />
      {listed && items.length === 0 && <Note data-testid="workspaces-empty">{t('WORKSPACES_EMPTY')}</Note>}
      {unlisted && (
        <Note data-testid="workspace-not-listed">{t('WORKSPACE_NOT_LISTED', asText({ name: value }))}</Note>
      )}
    </Column>
  );
}
