// The job's charts: how each one's versions went, why a version failed, and a link to the app
// it became in the App Store.
import { Tag } from '@kubed/components';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import styled from 'styled-components';
import { EmptyState } from '../../../components/EmptyState';
import { Muted } from '../../../components/layout';
import { ItemStatusTag } from '../../../components/StateTags';
import { storeAppPath } from './links';
import { ListTable, type ListColumn } from './ListTable';
import { chartState, handledVersions, noteText, type ChartRow, type ChartState } from './model';
import { asText } from '../../../i18n';

const AppLink = styled(Link)`
  font-weight: 600;
`;

const Counts = styled.span`
  white-space: nowrap;
  color: ${({ theme }) => theme.palette.accents_7};
`;

const Notes = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
  font-size: 12px;
  word-break: break-word;

  li[data-status='failed'] {
    color: ${({ theme }) => theme.palette.error};
  }
`;

/** Notes shown per chart; the rest are counted (a chart may have thousands of versions). */
const MAX_NOTES = 5;

type StateFilter = 'all' | ChartState;

function counts(row: ChartRow): string {
  const parts = [
    row.total > 0 ? t('JOB_COUNT_PROGRESS', asText({ done: handledVersions(row), total: row.total })) : '',
    row.created > 0 ? t('JOB_COUNT_CREATED', asText({ count: row.created })) : '',
    row.exists > 0 ? t('JOB_COUNT_EXISTS', asText({ count: row.exists })) : '',
    row.failed > 0 ? t('JOB_COUNT_FAILED', asText({ count: row.failed })) : '',
    row.planned > 0 ? t('JOB_COUNT_PLANNED', asText({ count: row.planned })) : '',
  ];
  return parts.filter((part) => part !== '').join(' · ');
}

/** A chart not done: waiting for its turn, or part-way (or stopped part-way). */
function pendingLabel(state: 'waiting' | 'partial', running: boolean): string {
  if (!running) return t('JOB_CHART_NOT_DONE');
  return state === 'waiting' ? t('JOB_CHART_WAITING') : t('JOB_CHART_PENDING');
}

/** Once the job ended, a chart not done is just that, whether or not it started. */
function stateOf(row: ChartRow, running: boolean): ChartState {
  const state = chartState(row);
  return !running && state === 'waiting' ? 'partial' : state;
}

function StateTag({ row, running }: { row: ChartRow; running: boolean }) {
  const state = stateOf(row, running);
  if (state !== 'waiting' && state !== 'partial') return <ItemStatusTag status={state} />;
  return (
    // Blue only while it moves: once the job ended, "not done" is as grey as "waiting".
    <Tag color={state === 'partial' && running ? 'info' : 'secondary'} data-state={state}>
      {pendingLabel(state, running)}
    </Tag>
  );
}

function NoteList({ row }: { row: ChartRow }) {
  if (row.notes.length === 0) return <Muted>-</Muted>;
  const shown = row.notes.slice(0, MAX_NOTES);
  return (
    <Notes>
      {shown.map((note) => (
        <li key={note.version} data-status={note.status}>
          {noteText(note)}
        </li>
      ))}
      {row.notes.length > shown.length && (
        <li>{t('JOB_MORE_NOTES', asText({ count: row.notes.length - shown.length }))}</li>
      )}
    </Notes>
  );
}

export interface ChartTableProps {
  rows: readonly ChartRow[];
  /** The job's target, for the app links. */
  workspace: string | undefined;
  /** The job released its versions: its apps are on the App Store's page. */
  released: boolean;
  /** A dry run creates nothing: no app to link. */
  dryRun: boolean;
  /** While the job runs, charts appear as their versions finish. */
  running: boolean;
  /** Reads the job again. */
  onRefresh: () => void;
}

export function ChartTable({ rows, workspace, released, dryRun, running, onRefresh }: ChartTableProps) {
  const [keyword, setKeyword] = useState('');
  const [state, setState] = useState<StateFilter>('all');

  const shown = useMemo(() => {
    const needle = keyword.toLowerCase();
    return rows.filter(
      (row) =>
        (state === 'all' || stateOf(row, running) === state) &&
        (needle === '' || row.chart.toLowerCase().includes(needle) || row.app.toLowerCase().includes(needle)),
    );
  }, [rows, keyword, state, running]);

  const columns: ListColumn<ChartRow>[] = [
    { key: 'chart', title: t('JOB_COLUMN_CHART'), width: '22%', render: (row) => row.chart },
    {
      key: 'state',
      title: t('JOB_COLUMN_STATUS'),
      width: '12%',
      render: (row) => <StateTag row={row} running={running} />,
    },
    {
      key: 'versions',
      title: t('JOB_COLUMN_VERSIONS'),
      width: '22%',
      render: (row) => <Counts>{counts(row)}</Counts>,
    },
    { key: 'reason', title: t('JOB_COLUMN_REASON'), render: (row) => <NoteList row={row} /> },
    {
      key: 'app',
      title: t('JOB_COLUMN_APP'),
      width: '16%',
      render: (row) =>
        !dryRun && row.app !== '' && row.created + row.exists > 0 ? (
          <AppLink to={storeAppPath(row.app, { workspace, released })} data-testid="job-app-link">
            {row.app}
          </AppLink>
        ) : (
          <Muted>-</Muted>
        ),
    },
  ];

  const stateOptions: { value: StateFilter; label: string }[] = [
    { value: 'all', label: t('JOB_FILTER_ALL') },
    { value: 'failed', label: t('ITEM_FAILED') },
    { value: 'created', label: t('ITEM_CREATED') },
    { value: 'exists', label: t('ITEM_EXISTS') },
    ...(running
      ? [
          { value: 'partial' as const, label: t('JOB_CHART_PENDING') },
          { value: 'waiting' as const, label: t('JOB_CHART_WAITING') },
        ]
      : [{ value: 'partial' as const, label: t('JOB_CHART_NOT_DONE') }]),
    ...(dryRun ? [{ value: 'planned' as const, label: t('ITEM_PLANNED') }] : []),
  ];

  const filtered = keyword !== '' || state !== 'all';
  return (
    <ListTable
      testId="job-charts"
      columns={columns}
      rows={shown}
      rowKey={(row) => row.chart}
      searchPlaceholder={t('JOB_SEARCH_CHARTS')}
      onSearch={setKeyword}
      onRefresh={onRefresh}
      filter={{ value: state, options: stateOptions, onChange: setState, testId: 'job-charts-state' }}
      filtered={filtered}
      noMatch={{ title: t('JOB_CHARTS_NO_MATCH'), description: t('JOB_CHARTS_NO_MATCH_DESC') }}
      empty={
        <EmptyState
          testId="job-charts-empty"
          title={running ? t('JOB_CHARTS_WAITING') : t('JOB_CHARTS_NONE')}
        />
      }
    />
  );
}
