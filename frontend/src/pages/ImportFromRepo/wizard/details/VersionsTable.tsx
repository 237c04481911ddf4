// The Versions tab: every version the preview lists, newest first, with what the preview knows of
// it (no package is read for this tab), and a button to show another version's details.
import { BaseTable, Button, Tag } from '@kubed/components';
import type { PreviewVersion } from '../../../../api';
import { formatBytes } from '../../../../components/format';
import { Muted } from '../../../../components/layout';
import { DeprecatedTag, StoreStateTag } from '../../../../components/StateTags';
import { formatTime } from '../../../../components/time';

const { Table, TableHead, TableBody, TableRow, TableCell } = BaseTable;

function actionLabel(action: PreviewVersion['action']): string {
  switch (action) {
    case 'create':
      return t('DETAILS_ACTION_CREATE');
    case 'resume':
      return t('DETAILS_ACTION_RESUME');
    case 'exists':
      return t('DETAILS_ACTION_EXISTS');
    case 'skip':
      return t('DETAILS_ACTION_SKIP');
  }
}

function ReleaseTags({ version }: { version: PreviewVersion }) {
  if (version.deprecated) return <DeprecatedTag />;
  if (version.prerelease)
    return (
      <Tag color="warning" data-state="prerelease">
        {t('DETAILS_PRERELEASE')}
      </Tag>
    );
  return <Muted>{t('DETAILS_STABLE')}</Muted>;
}

export interface VersionsTableProps {
  versions: readonly PreviewVersion[];
  /** The version the panel shows. */
  current: string;
  onShow: (version: string) => void;
}

export function VersionsTable({ versions, current, onShow }: VersionsTableProps) {
  return (
    <Table data-testid="details-versions">
      <TableHead hasBorder>
        <TableRow>
          <TableCell>{t('DETAILS_COLUMN_VERSION')}</TableCell>
          <TableCell>{t('DETAILS_COLUMN_APP_VERSION')}</TableCell>
          <TableCell>{t('DETAILS_COLUMN_CREATED')}</TableCell>
          <TableCell>{t('DETAILS_COLUMN_FLAGS')}</TableCell>
          <TableCell>{t('DETAILS_COLUMN_IN_STORE')}</TableCell>
          <TableCell>{t('DETAILS_COLUMN_ACTION')}</TableCell>
          <TableCell align="right">{t('DETAILS_COLUMN_SIZE')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {versions.map((version) => (
          <TableRow
            key={version.version}
            data-testid="details-version-row"
            data-version={version.version}
            aria-current={version.version === current ? 'true' : undefined}
            selected={version.version === current}
          >
            <TableCell>
              <strong>{version.version}</strong>
            </TableCell>
            <TableCell>{version.appVersion ?? <Muted>-</Muted>}</TableCell>
            <TableCell>{formatTime(version.created)}</TableCell>
            <TableCell>
              <ReleaseTags version={version} />
            </TableCell>
            <TableCell>
              {version.storeState === undefined ? (
                <Muted>{t('DETAILS_NOT_IN_STORE')}</Muted>
              ) : (
                <StoreStateTag state={version.storeState} />
              )}
            </TableCell>
            <TableCell>{actionLabel(version.action)}</TableCell>
            <TableCell align="right">
              {version.size === undefined ? (
                <Muted>{t('DETAILS_SIZE_UNKNOWN')}</Muted>
              ) : (
                formatBytes(version.size)
              )}
            </TableCell>
            <TableCell align="right">
              {version.version !== current && (
                <Button
                  size="sm"
                  variant="text"
                  data-testid="details-show-version"
                  onClick={() => {
                    onShow(version.version);
                  }}
                >
                  {t('DETAILS_SHOW_VERSION')}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
