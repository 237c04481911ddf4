// The preview table: one virtualized row per chart, with a checkbox, its icon, name and
// description, latest version, version count, category, size and state tags.
import { Checkbox, Tag } from '@kubed/components';
import { useMemo, type ReactNode } from 'react';
import { ChartIcon } from '../../../components/ChartIcon';
import { formatBytes } from '../../../components/format';
import { Muted } from '../../../components/layout';
import { DeprecatedTag, InStoreTag, OverLimitTag } from '../../../components/StateTags';
import { VirtualTable, type VirtualColumn } from '../../../components/VirtualTable';
import { asText } from '../../../i18n';
import { ChartCell, Tags } from './layout';
import { selectionState, type ChartRow } from './model';

export interface ChartTableProps {
  rows: readonly ChartRow[];
  selected: ReadonlySet<string>;
  onToggle: (name: string) => void;
  /** Select or clear every row shown. */
  onToggleAll: (on: boolean) => void;
  /** Changes when the filter does: the table scrolls back to the top. */
  filterKey: string;
  /** Shown when no row matches. */
  empty: ReactNode;
}

function StateTags({ row }: { row: ChartRow }) {
  return (
    <Tags>
      {row.state === 'imported' && <InStoreTag />}
      {row.state === 'update' && (
        <Tag color="info" data-state="update">
          {t('WIZARD_TAG_NEW_VERSIONS', { count: row.toCreate })}
        </Tag>
      )}
      {row.overLimit && <OverLimitTag />}
      {row.deprecated && <DeprecatedTag />}
    </Tags>
  );
}

export function ChartTable({ rows, selected, onToggle, onToggleAll, filterKey, empty }: ChartTableProps) {
  const all = selectionState(selected, rows);
  const columns = useMemo<VirtualColumn<ChartRow>[]>(
    () => [
      {
        key: 'select',
        width: 48,
        title: (
          <Checkbox
            data-testid="select-all"
            aria-label={t('WIZARD_SELECT_ALL')}
            checked={all === 'all'}
            indeterminate={all === 'some'}
            disabled={rows.length === 0}
            onChange={() => {
              onToggleAll(all !== 'all');
            }}
          />
        ),
        render: (row) => (
          <Checkbox
            data-testid="select-chart"
            aria-label={t('WIZARD_SELECT_CHART', asText({ name: row.name }))}
            checked={selected.has(row.name)}
            onChange={() => {
              onToggle(row.name);
            }}
          />
        ),
      },
      {
        key: 'name',
        title: t('WIZARD_COLUMN_CHART'),
        render: (row) => (
          <ChartCell>
            <ChartIcon src={row.icon} />
            <div>
              <strong title={row.name}>{row.name}</strong>
              <small title={row.description}>{row.description || '-'}</small>
            </div>
          </ChartCell>
        ),
      },
      {
        key: 'latest',
        width: 130,
        title: t('WIZARD_COLUMN_LATEST'),
        render: (row) => row.latestVersion ?? <Muted>-</Muted>,
      },
      {
        key: 'versions',
        width: 90,
        align: 'right',
        title: t('WIZARD_COLUMN_VERSIONS'),
        render: (row) => row.versionCount,
      },
      {
        key: 'category',
        width: 150,
        title: t('WIZARD_COLUMN_CATEGORY'),
        render: (row) => row.category ?? <Muted>{t('WIZARD_NO_CATEGORY')}</Muted>,
      },
      {
        key: 'size',
        width: 100,
        align: 'right',
        title: t('WIZARD_COLUMN_SIZE'),
        render: (row) =>
          row.size === undefined ? <Muted>{t('WIZARD_SIZE_UNKNOWN')}</Muted> : formatBytes(row.size),
      },
      {
        key: 'state',
        width: 230,
        title: t('WIZARD_COLUMN_STATE'),
        render: (row) => <StateTags row={row} />,
      },
    ],
    [all, rows.length, selected, onToggle, onToggleAll],
  );
  return (
    <VirtualTable
      testId="chart-table"
      rowTestId="chart-row"
      ariaLabel={t('WIZARD_CHARTS')}
      rows={rows}
      columns={columns}
      rowKey={(row) => row.name}
      isSelected={(row) => selected.has(row.name)}
      height="min(560px, calc(100vh - 380px))"
      resetKey={filterKey}
      empty={empty}
    />
  );
}
