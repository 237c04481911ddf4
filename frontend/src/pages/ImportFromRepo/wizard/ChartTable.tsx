// The preview table: one virtualized row per chart, with a checkbox, its icon, name and
// description, latest version, version count, versions to create, category, size and state
// tags; the header of a column with a value to compare sorts by it.
import { Checkbox, Tag } from '@kubed/components';
import { useMemo, type ReactNode } from 'react';
import { CategoryWithSource } from '../../../components/CategorySource';
import { ChartIcon } from '../../../components/ChartIcon';
import { formatBytes, formatNumber } from '../../../components/format';
import { Muted } from '../../../components/layout';
import { DeprecatedTag, InStoreTag, NewTag, OverLimitTag } from '../../../components/StateTags';
import { VirtualTable, type VirtualColumn } from '../../../components/VirtualTable';
import { asText } from '../../../i18n';
import { DetailsLink } from './details/DetailsLink';
import { adoptedAppText } from '../../../components/Adoption';
import { ChartCell, Tags } from './layout';
import { nextSort, selectionState, type ChartRow, type RowSort, type SortKey } from './model';

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
  /** The rows' order (they come sorted); undefined: the repository's. */
  sort: RowSort | undefined;
  onSortChange: (sort: RowSort) => void;
  /** Opens a chart's details; without it, the name is plain text. */
  onOpenDetails?: (name: string) => void;
}

function StateTags({ row }: { row: ChartRow }) {
  return (
    <Tags>
      {row.state === 'new' && <NewTag />}
      {row.state === 'imported' && <InStoreTag />}
      {row.state === 'update' && (
        <Tag color="info" data-state="update">
          {t('WIZARD_TAG_NEW_VERSIONS', asText({ count: row.toCreate }))}
        </Tag>
      )}
      {row.overLimit && <OverLimitTag />}
      {row.deprecated && <DeprecatedTag />}
    </Tags>
  );
}

export function ChartTable(props: ChartTableProps) {
  const { rows, selected, onToggle, onToggleAll, filterKey, empty, sort, onSortChange, onOpenDetails } =
    props;
  const all = selectionState(selected, rows);
  const columns = useMemo<VirtualColumn<ChartRow>[]>(() => {
    const sortBy = (key: SortKey): VirtualColumn<ChartRow>['sort'] => ({
      order: sort?.key === key ? sort.order : false,
      onSort: () => {
        onSortChange(nextSort(sort, key));
      },
    });
    return [
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
        sort: sortBy('name'),
        render: (row) => (
          <ChartCell>
            <ChartIcon src={row.icon} />
            <div>
              {onOpenDetails ? (
                <DetailsLink name={row.name} onOpen={onOpenDetails} />
              ) : (
                <strong title={row.name}>{row.name}</strong>
              )}
              <small title={row.description}>{row.description || '-'}</small>
              {row.adopts && <small data-testid="adopted-app">{adoptedAppText(row.adopts)}</small>}
            </div>
          </ChartCell>
        ),
      },
      {
        key: 'latest',
        width: 120,
        title: t('WIZARD_COLUMN_LATEST'),
        render: (row) => row.latestVersion ?? <Muted>-</Muted>,
      },
      {
        key: 'versions',
        width: 100,
        align: 'right',
        title: t('WIZARD_COLUMN_VERSIONS'),
        sort: sortBy('versions'),
        render: (row) => formatNumber(row.versionCount),
      },
      {
        key: 'toCreate',
        width: 130,
        align: 'right',
        title: t('WIZARD_COLUMN_TO_CREATE'),
        sort: sortBy('toCreate'),
        render: (row) => (row.toCreate === 0 ? <Muted>0</Muted> : formatNumber(row.toCreate)),
      },
      {
        key: 'category',
        width: 150,
        title: t('WIZARD_COLUMN_CATEGORY'),
        sort: sortBy('category'),
        render: (row) => <CategoryWithSource category={row.category} source={row.categorySource} />,
      },
      {
        key: 'size',
        width: 100,
        align: 'right',
        title: t('WIZARD_COLUMN_SIZE'),
        sort: sortBy('size'),
        render: (row) =>
          row.size === undefined ? <Muted>{t('WIZARD_SIZE_UNKNOWN')}</Muted> : formatBytes(row.size),
      },
      {
        key: 'state',
        width: 200,
        title: t('WIZARD_COLUMN_STATE'),
        render: (row) => <StateTags row={row} />,
      },
    ];
  }, [all, rows.length, selected, onToggle, onToggleAll, sort, onSortChange, onOpenDetails]);
  return (
    <VirtualTable
      testId="chart-table"
      rowTestId="chart-row"
      ariaLabel={t('WIZARD_CHARTS')}
      rows={rows}
      columns={columns}
      rowKey={(row) => row.name}
      isSelected={(row) => selected.has(row.name)}
      resetKey={filterKey}
      empty={empty}
    />
  );
}
