// A kube-design table that renders only the rows in view, so thousands of rows scroll smoothly:
// fixed row height, fixed column widths (no re-layout while scrolling), spacer rows above and
// below the window, a header that sticks under the console's. The page scrolls, not the table:
// a scroll box inside the scrolling console page made two scroll bars and trapped the wheel.
import { BaseTable } from '@kubed/components';
import { CaretDown, SortAscending, SortDescending } from '@kubed/icons';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import styled from 'styled-components';

const { Table, TableHead, TableBody, TableRow, TableCell } = BaseTable;

export interface VirtualColumn<T> {
  key: string;
  title: ReactNode;
  /** px or a CSS width; the table layout is fixed, so give every column but one a width. */
  width?: number | string;
  align?: 'left' | 'center' | 'right';
  render: (row: T) => ReactNode;
  /** Sortable: the order the rows are in by this column now (false: another order), and a header click. */
  sort?: { order: 'asc' | 'desc' | false; onSort: () => void };
}

export interface VirtualTableProps<T> {
  rows: readonly T[];
  columns: readonly VirtualColumn<T>[];
  rowKey: (row: T) => string;
  /** Row height in px; kube-design's body rows are 56. */
  rowHeight?: number;
  /** Shown instead of the body when there is no row. */
  empty?: ReactNode;
  /** Highlights a row as selected. */
  isSelected?: (row: T) => boolean;
  /** The page scrolls back to the table's top when this changes (a new filter) and it was below. */
  resetKey?: string;
  testId?: string;
  /** Each row's data-testid; its `data-key` is `rowKey(row)`. */
  rowTestId?: string;
  ariaLabel?: string;
}

// The console's fixed header is --page-header-height tall (its BaseLayout sets it on :root).
const Frame = styled.div`
  border-radius: 4px;
  background: ${({ theme }) => theme.palette.background};
  scroll-margin-top: var(--page-header-height, 0px);
  /* The spacer rows change height as the window moves: the browser must not scroll to follow them. */
  overflow-anchor: none;

  table {
    table-layout: fixed;
  }
  thead th {
    position: sticky;
    top: var(--page-header-height, 0px);
    z-index: 1;
    background: ${({ theme }) => theme.palette.background};
    box-shadow: inset 0 -1px 0 ${({ theme }) => theme.palette.accents_1};
  }
  tbody td {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
`;

// The header of a sortable column: the whole title is the button; the icon says the order.
const SortButton = styled.button`
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 0;
  border: 0;
  background: none;
  font: inherit;
  color: inherit;
  cursor: pointer;

  .kubed-icon {
    flex: none;
  }
  &[data-order='none'] .kubed-icon {
    color: ${({ theme }) => theme.palette.accents_5};
    fill: ${({ theme }) => theme.palette.accents_3};
  }
`;

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

function HeadCell<T>({ column }: { column: VirtualColumn<T> }) {
  const { sort } = column;
  const order = sort === undefined || sort.order === false ? 'none' : sort.order;
  return (
    <TableCell
      variant="head"
      align={column.align}
      style={{ width: column.width }}
      aria-sort={sort && (order === 'none' ? 'none' : ARIA_SORT[order])}
      data-sort={sort && column.key}
    >
      {sort === undefined ? (
        column.title
      ) : (
        <SortButton type="button" data-order={order} onClick={sort.onSort}>
          {column.title}
          {order === 'asc' && <SortAscending size={16} />}
          {order === 'desc' && <SortDescending size={16} />}
          {order === 'none' && <CaretDown size={16} />}
        </SortButton>
      )}
    </TableCell>
  );
}

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
  rowHeight = 56,
  empty,
  isSelected,
  resetKey,
  testId,
  rowTestId = 'table-row',
  ariaLabel,
}: VirtualTableProps<T>) {
  const frame = useRef<HTMLDivElement>(null);
  const bodyTop = useBodyTop(frame);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => rowHeight,
    overscan: 10,
    scrollMargin: bodyTop,
  });

  useEffect(() => {
    const top = frame.current?.getBoundingClientRect().top;
    if (top !== undefined && top < 0) frame.current?.scrollIntoView();
  }, [resetKey]);

  // Item positions count from the page's top; the spacers from the body's.
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const before = first === undefined ? 0 : first.start - bodyTop;
  const after = last === undefined ? 0 : virtualizer.getTotalSize() - (last.end - bodyTop);

  return (
    <Frame ref={frame} data-testid={testId}>
      <Table aria-label={ariaLabel} aria-rowcount={rows.length + 1}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <HeadCell key={column.key} column={column} />
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
    </Frame>
  );
}

/**
 * Where the table's first row is, from the page's top: what the page scrolls past before the rows
 * (the console's header, the figures and filters above). Measured once mounted, then whenever the
 * page's size changes (a notice above opens, rows are filtered): not after each render, where a
 * new value would render the virtualizer, and so this, again within the same commit.
 */
function useBodyTop(frame: RefObject<HTMLDivElement>): number {
  const [top, setTop] = useState(0);
  const measure = (): void => {
    const body = frame.current?.querySelector('tbody');
    if (!body) return;
    const next = body.getBoundingClientRect().top + window.scrollY;
    // Kept within a pixel: a fractional top read back after a scroll differs in its last bits, and
    // each new value re-renders the virtualizer, which renders this again: an endless update loop
    // (React error 185, seen once in CI).
    setTop((current) => (Math.abs(current - next) < 1 ? current : Math.round(next)));
  };
  useLayoutEffect(measure, []);
  // One observer for the table's life: `measure` reads the ref only.
  useEffect(() => {
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      observer.disconnect();
    };
  }, []);
  return top;
}
