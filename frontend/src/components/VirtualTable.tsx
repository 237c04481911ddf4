// A kube-design table that renders only the rows in view, so thousands of rows scroll smoothly:
// fixed row height, fixed column widths (no re-layout while scrolling), spacer rows above and
// below the window, a sticky header.
import { BaseTable } from '@kubed/components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import styled from 'styled-components';

const { Table, TableHead, TableBody, TableRow, TableCell } = BaseTable;

export interface VirtualColumn<T> {
  key: string;
  title: ReactNode;
  /** px or a CSS width; the table layout is fixed, so give every column but one a width. */
  width?: number | string;
  align?: 'left' | 'center' | 'right';
  render: (row: T) => ReactNode;
}

export interface VirtualTableProps<T> {
  rows: readonly T[];
  columns: readonly VirtualColumn<T>[];
  rowKey: (row: T) => string;
  /** The scroll area's height at most (CSS); fewer rows take less, with no blank below them. */
  height: string;
  /** Row height in px; kube-design's body rows are 56. */
  rowHeight?: number;
  /** Shown instead of the body when there is no row. */
  empty?: ReactNode;
  /** Highlights a row as selected. */
  isSelected?: (row: T) => boolean;
  /** The scroll goes back to the top when this changes (a new filter). */
  resetKey?: string;
  testId?: string;
  /** Each row's data-testid; its `data-key` is `rowKey(row)`. */
  rowTestId?: string;
  ariaLabel?: string;
}

const Scroll = styled.div<{ $height: string }>`
  max-height: ${({ $height }) => $height};
  overflow: auto;
  border-radius: 4px;
  background: ${({ theme }) => theme.palette.background};

  table {
    table-layout: fixed;
  }
  thead th {
    background: ${({ theme }) => theme.palette.background};
    box-shadow: inset 0 -1px 0 ${({ theme }) => theme.palette.accents_1};
  }
  tbody td {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
`;

const Spacer = styled.tr`
  td {
    padding: 0;
    border: 0;
  }
`;

export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  height,
  rowHeight = 56,
  empty,
  isSelected,
  resetKey,
  testId,
  rowTestId = 'table-row',
  ariaLabel,
}: VirtualTableProps<T>) {
  const scroll = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroll.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });

  useEffect(() => {
    scroll.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <Scroll ref={scroll} $height={height} data-testid={testId}>
      <Table stickyHeader aria-label={ariaLabel} aria-rowcount={rows.length + 1}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column.key} variant="head" align={column.align} style={{ width: column.width }}>
                {column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && empty !== undefined ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            <>
              {before > 0 && (
                <Spacer aria-hidden style={{ height: before }}>
                  <td colSpan={columns.length} />
                </Spacer>
              )}
              {items.map((item) => {
                const row = rows[item.index];
                if (row === undefined) return null;
                const key = rowKey(row);
                return (
                  <TableRow
                    key={key}
                    data-testid={rowTestId}
                    data-key={key}
                    aria-rowindex={item.index + 2}
                    selected={isSelected?.(row)}
                    style={{ height: rowHeight }}
                  >
                    {columns.map((column) => (
                      <TableCell key={column.key} align={column.align} style={{ height: rowHeight }}>
                        {column.render(row)}
                      </TableCell>
                    ))}
                  </TableRow>
                );
              })}
              {after > 0 && (
                <Spacer aria-hidden style={{ height: after }}>
                  <td colSpan={columns.length} />
                </Spacer>
              )}
            </>
          )}
        </TableBody>
      </Table>
    </Scroll>
  );
}
