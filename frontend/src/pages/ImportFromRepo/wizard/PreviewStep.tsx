// Step 2: the repository's charts against the store. Search, filter and pick the charts to import.
import { Alert, Button } from '@kubed/components';
import { useCallback, useMemo, useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { formatBytes } from '../../../components/format';
import type { RepoPreview, SourceRequest, VerifySettings } from '../../../api';
import { asText, listText } from '../../../i18n';
import { ChartTable } from './ChartTable';
import { ChartDetailsDrawer } from './details/ChartDetailsDrawer';
import {
  categoriesOf,
  DEFAULT_FILTER,
  filterRows,
  setRowsSelected,
  sortRows,
  toggle,
  totalsOf,
  type ChartRow,
  type RowFilter,
  type RowSort,
} from './model';
import { PreviewToolbar } from './PreviewToolbar';
import { FigureList, StepActions } from './StepActions';
import { RemovedUpstream } from './RemovedUpstream';
import { Warnings } from './Warnings';

export interface PreviewStepProps {
  preview: RepoPreview;
  /** The source the preview read: each chart's details are read from it. Without it, no details. */
  source?: SourceRequest;
  /** The signature policy chosen so far: details then show the version's signature. */
  verify?: VerifySettings;
  rows: readonly ChartRow[];
  selected: ReadonlySet<string>;
  onSelectedChange: (selected: Set<string>) => void;
  filter: RowFilter;
  onFilterChange: (filter: RowFilter) => void;
  sort: RowSort | undefined;
  onSortChange: (sort: RowSort) => void;
  /** Why "next" is not possible yet, localized. */
  problem?: string;
  /** Charts of a past job (the prefill) that the repository no longer lists. */
  missingCharts?: readonly string[];
  /** The wizard's address could not hold the selection: the default one is shown. */
  selectionTrimmed?: boolean;
  onBack: () => void;
  onNext: () => void;
}

/** Charts of the past job (the prefill) that the repository no longer lists: they cannot be selected. */
function MissingCharts({ names }: { names: readonly string[] }) {
  const params = asText({ count: names.length, names: listText(names) });
  return (
    <Alert type="warning" style={{ marginTop: 12 }} data-testid="prefill-missing">
      {t('WIZARD_PREFILL_MISSING', params)}
    </Alert>
  );
}

export function PreviewStep(props: PreviewStepProps) {
  const { preview, rows, selected, onSelectedChange, filter, onFilterChange, problem } = props;
  const { missingCharts = [], source } = props;
  // The chart whose details are open.
  const [detailsOf, setDetailsOf] = useState<string>();
  const detailsChart = detailsOf === undefined ? undefined : preview.charts.find((c) => c.name === detailsOf);
  const visible = useMemo(() => sortRows(filterRows(rows, filter), props.sort), [rows, filter, props.sort]);
  const categories = useMemo(() => categoriesOf(rows), [rows]);
  const totals = useMemo(() => totalsOf(rows, preview), [rows, preview]);
  // Stable callbacks: the table's columns are memoized on them.
  const onToggle = useCallback(
    (name: string) => {
      onSelectedChange(toggle(selected, name));
    },
    [selected, onSelectedChange],
  );
  const onToggleAll = useCallback(
    (on: boolean) => {
      onSelectedChange(setRowsSelected(selected, visible, on));
    },
    [selected, visible, onSelectedChange],
  );

  if (rows.length === 0) {
    return (
      <>
        <EmptyState
          testId="repo-empty"
          title={t('WIZARD_REPO_EMPTY')}
          description={
            // "the warnings below" only when there are some
            preview.warnings.length > 0
              ? t('WIZARD_REPO_EMPTY_DESC')
              : t('WIZARD_REPO_EMPTY_DESC_NO_WARNINGS')
          }
        />
        <Warnings warnings={preview.warnings} />
        <StepActions onBack={props.onBack} />
      </>
    );
  }

  const filtered =
    JSON.stringify(filter) !== JSON.stringify({ ...DEFAULT_FILTER, showDeprecated: filter.showDeprecated });
  return (
    <>
      <FigureList
        testId="preview-totals"
        items={[
          { value: totals.charts, label: t('WIZARD_TOTAL_CHARTS'), testId: 'total-charts' },
          { value: totals.versions, label: t('WIZARD_TOTAL_VERSIONS'), testId: 'total-versions' },
          { value: totals.newCharts, label: t('WIZARD_TOTAL_NEW'), testId: 'total-new' },
          { value: totals.inStore, label: t('WIZARD_TOTAL_IN_STORE'), testId: 'total-in-store' },
          { value: totals.tooLarge, label: t('WIZARD_TOTAL_TOO_LARGE'), testId: 'total-too-large' },
        ]}
      />
      <Warnings warnings={preview.warnings} />
      <RemovedUpstream preview={preview} />
      {missingCharts.length > 0 && <MissingCharts names={missingCharts} />}
      {props.selectionTrimmed === true && (
        <Alert type="info" style={{ marginTop: 12 }} data-testid="selection-trimmed">
          {t('WIZARD_SELECTION_TRIMMED')}
        </Alert>
      )}
      {totals.tooLarge > 0 && preview.packageLimitBytes > 0 && (
        <Alert type="info" style={{ marginTop: 12 }}>
          {t('WIZARD_TOO_LARGE_NOTE', asText({ limit: formatBytes(preview.packageLimitBytes) }))}
        </Alert>
      )}
      <PreviewToolbar
        filter={filter}
        onFilterChange={onFilterChange}
        categories={categories}
        deprecatedCount={totals.deprecated}
      />
      <ChartTable
        rows={visible}
        selected={selected}
        onToggle={onToggle}
        onToggleAll={onToggleAll}
        filterKey={JSON.stringify(filter)}
        sort={props.sort}
        onSortChange={props.onSortChange}
        onOpenDetails={source === undefined ? undefined : setDetailsOf}
        empty={
          <EmptyState
            testId="filter-empty"
            title={t('WIZARD_NO_MATCH')}
            description={t('WIZARD_NO_MATCH_DESC')}
            action={
              filtered && (
                <Button
                  variant="outline"
                  onClick={() => {
                    onFilterChange({ ...DEFAULT_FILTER, showDeprecated: filter.showDeprecated });
                  }}
                >
                  {t('WIZARD_CLEAR_FILTERS')}
                </Button>
              )
            }
          />
        }
      />
      {source !== undefined && detailsChart !== undefined && (
        <ChartDetailsDrawer
          key={detailsChart.name}
          source={source}
          verify={props.verify}
          chart={detailsChart}
          onClose={() => {
            setDetailsOf(undefined);
          }}
        />
      )}
      <StepActions
        hintTestId="selection-count"
        hint={
          problem ?? t('WIZARD_SELECTED_COUNT', asText({ selected: selected.size, shown: visible.length }))
        }
        onBack={props.onBack}
        onNext={props.onNext}
        nextDisabled={problem !== undefined}
      />
    </>
  );
}
