// A list in the console's table look (kube-design BaseTable: toolbar with search and refresh,
// table, pagination), over rows already in memory. The job's charts, the history and the syncs
// use it, so the three lists look and behave alike.
import { BaseTable, Select } from '@kubed/components';
import { useEffect, useState, type ReactNode } from 'react';
import styled from 'styled-components';
import { EmptyState, LoadingState } from '../../../components/EmptyState';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { card } from '../../../components/layout';

const { Table, TableBody, TableCell, TableHead, TableRow, Pagination, Toolbar } = BaseTable;

const Frame = styled.div`
  ${card}

  .list-row-link {
    cursor: pointer;
  }
`;

const Footer = styled.div`
  padding: 0 20px;
`;

export interface ListColumn<T> {
  key: string;
  title: ReactNode;
  width?: number | string;
  render: (row: T) => ReactNode;
}

type FilterProps = Parameters<typeof Toolbar>[0]['filterProps'] & {
  onInputChange: (value: string) => void;
};

/** A drop-down filter in the toolbar (a status, a phase). */
export interface ListFilter<V extends string> {
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  testId: string;
}

export interface ListTableProps<T, V extends string = string> {
  columns: ListColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The whole row opens something (a job, a sync's jobs). */
  onRowClick?: (row: T) => void;
  /** Search box placeholder; no search box without it. */
  searchPlaceholder?: string;
  onSearch?: (keyword: string) => void;
  onRefresh?: () => void;
  loading?: boolean;
  filter?: ListFilter<V>;
  /** Buttons right of the refresh button. */
  toolbarRight?: ReactNode;
  /** Shown instead of the rows when there are none. */
  empty: ReactNode;
  /** A search or filter is on: no rows means none matches, and `noMatch` says so instead. */
  filtered?: boolean;
  noMatch?: { title: string; description: string };
  pageSize?: number;
  testId: string;
  /** Loading the rows failed: shown instead of the table, with a retry (the refresh). */
  loadError?: unknown;
  loadErrorTitle?: string;
  /** False until the rows first arrive: a loading state instead of the table. */
  loaded?: boolean;
  loadingLabel?: string;
}

export function ListTable<T, V extends string = string>({
  columns,
  rows,
  rowKey,
  onRowClick,
  searchPlaceholder,
  onSearch,
  onRefresh,
  loading = false,
  filter,
  toolbarRight,
  empty,
  filtered = false,
  noMatch,
  pageSize: initialPageSize = 10,
  testId,
  loadError,
  loadErrorTitle,
  loaded = true,
  loadingLabel,
}: ListTableProps<T, V>) {
  const [pagination, setPagination] = useState({ page: 1, pageSize: initialPageSize });
  const pages = Math.max(1, Math.ceil(rows.length / pagination.pageSize));
  // Rows shrink (a filter, a refresh): stay on a page that exists.
  useEffect(() => {
    if (pagination.page > pages) setPagination((current) => ({ ...current, page: pages }));
  }, [pages, pagination.page]);
  const page = Math.min(pagination.page, pages);
  const visible = rows.slice((page - 1) * pagination.pageSize, page * pagination.pageSize);

  const search = (value: unknown): void => {
    onSearch?.(typeof value === 'string' ? value.trim() : '');
  };
  const filterProps: FilterProps = {
    simpleMode: true,
    placeholder: searchPlaceholder ?? '',
    suggestions: [],
    onChange: search,
    onInputChange: search,
  };

  if (loadError !== undefined)
    return <ErrorAlert error={loadError} title={loadErrorTitle} onRetry={onRefresh} />;
  if (!loaded) return <LoadingState label={loadingLabel} />;
  return (
    <Frame data-testid={testId}>
      <Toolbar
        enableBatchActions={false}
        enableFilters={searchPlaceholder !== undefined}
        enableSettingMenu={false}
        filterProps={filterProps}
        refetch={onRefresh}
        refreshDisabled={onRefresh === undefined}
        loading={loading}
        toolbarLeft={
          filter && (
            <Select
              value={filter.value}
              options={filter.options}
              onChange={(value: V) => {
                filter.onChange(value);
              }}
              style={{ width: 180 }}
              data-testid={filter.testId}
            />
          )
        }
        toolbarRight={toolbarRight}
      />
      <Table>
        <TableHead hasBorder>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column.key} width={column.width}>
                {column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        {rows.length > 0 && (
          <TableBody hasBorder>
            {visible.map((row) => (
              <TableRow
                key={rowKey(row)}
                hover
                className={onRowClick ? 'list-row-link' : undefined}
                data-testid={`${testId}-row`}
                data-key={rowKey(row)}
              >
                {columns.map((column) => (
                  <TableCell
                    key={column.key}
                    onClick={
                      onRowClick &&
                      (() => {
                        onRowClick(row);
                      })
                    }
                  >
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        )}
      </Table>
      {rows.length === 0 ? (
        filtered && noMatch ? (
          <EmptyState testId={`${testId}-no-match`} title={noMatch.title} description={noMatch.description} />
        ) : (
          empty
        )
      ) : (
        <Footer>
          <Pagination
            total={rows.length}
            pagination={{ page, pageSize: pagination.pageSize }}
            onChange={setPagination}
          />
        </Footer>
      )}
    </Frame>
  );
}
