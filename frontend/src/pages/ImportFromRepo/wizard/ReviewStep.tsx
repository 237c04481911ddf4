// Step 4: the plan, from a preview with the chosen options, charts and sizes 'selected': what will
// be created, what is skipped as already in the store, what may fail as too large, and how much
// lands in etcd at most (or that the packages go to S3). Then "Start import".
import { Alert } from '@kubed/components';
import { useMemo } from 'react';
import { createPreview, type PreviewRequest } from '../../../api';
import { EmptyState, LoadingState } from '../../../components/EmptyState';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatBytes } from '../../../components/format';
import { Muted } from '../../../components/layout';
import { OverLimitTag } from '../../../components/StateTags';
import { useRequest } from '../../../components/useRequest';
import { VirtualTable, type VirtualColumn } from '../../../components/VirtualTable';
import { asText } from '../../../i18n';
import { ChartCell, Stack } from './layout';
import { LARGE_PLAN_VERSIONS, planSummary, type PlanChart, type PlanSummary } from './plan';
import { FigureList, StepActions, type FigureItem } from './StepActions';
import { Warnings } from './Warnings';

export interface ReviewStepProps {
  /** The preview of the import: source, options, charts, categories, sizes 'selected'. */
  request: PreviewRequest;
  onBack: () => void;
  onStart: () => void;
  starting: boolean;
  startError?: unknown;
}

function sizeText(plan: { bytes: number; unknownSizes: number }): string {
  if (plan.unknownSizes === 0) return formatBytes(plan.bytes);
  if (plan.bytes === 0) return t('WIZARD_SIZE_UNKNOWN');
  return t('WIZARD_SIZE_PLUS_UNKNOWN', asText({ size: formatBytes(plan.bytes), count: plan.unknownSizes }));
}

// A function: t() is the console's, read when the page renders, not when the bundle loads.
const planColumns = (): VirtualColumn<PlanChart>[] => [
  {
    key: 'chart',
    width: '24%',
    title: t('WIZARD_COLUMN_CHART'),
    render: (chart) => (
      <ChartCell>
        <strong title={chart.name}>{chart.name}</strong>
      </ChartCell>
    ),
  },
  {
    key: 'create',
    title: t('WIZARD_COLUMN_TO_CREATE'),
    render: (chart) =>
      chart.create.length === 0 ? (
        <Muted>{t('WIZARD_NOTHING_TO_CREATE')}</Muted>
      ) : (
        <span title={chart.create.join(', ')}>{chart.create.join(', ')}</span>
      ),
  },
  {
    key: 'exists',
    width: 110,
    align: 'right',
    title: t('WIZARD_COLUMN_IN_STORE'),
    render: (chart) => chart.exists,
  },
  {
    key: 'size',
    width: 150,
    align: 'right',
    title: t('WIZARD_COLUMN_SIZE'),
    render: (chart) => (chart.create.length === 0 ? <Muted>-</Muted> : sizeText(chart)),
  },
  {
    key: 'category',
    width: 160,
    title: t('WIZARD_COLUMN_CATEGORY'),
    render: (chart) => chart.category ?? <Muted>{t('WIZARD_UNCATEGORIZED')}</Muted>,
  },
  {
    key: 'state',
    width: 110,
    title: t('WIZARD_COLUMN_STATE'),
    render: (chart) => chart.overLimit > 0 && <OverLimitTag />,
  },
];

function PlanFigures({ plan }: { plan: PlanSummary }) {
  return (
    <FigureList
      testId="plan-totals"
      items={[
        { value: plan.chartsToImport, label: t('WIZARD_PLAN_CHARTS'), testId: 'plan-charts' },
        { value: plan.versionsToCreate, label: t('WIZARD_PLAN_CREATE'), testId: 'plan-create' },
        { value: plan.versionsExisting, label: t('WIZARD_PLAN_EXISTS'), testId: 'plan-exists' },
        { value: plan.overLimit, label: t('WIZARD_PLAN_OVER_LIMIT'), testId: 'plan-over-limit' },
        storageFigure(plan),
      ]}
    />
  );
}

/**
 * Where the packages go and how much they take there. With a package limit, etcd: at most the
 * known sizes, each capped at the limit (a bigger package is slimmed under it, or fails). Without
 * one, S3: the packages' sizes, and no etcd at all.
 */
function storageFigure(plan: PlanSummary): FigureItem {
  const count = plan.unknownSizes;
  if (plan.packageLimitBytes === 0)
    return {
      value: formatBytes(plan.bytesToCreate),
      label: count > 0 ? t('WIZARD_PLAN_IN_S3_UNKNOWN', { count }) : t('WIZARD_PLAN_IN_S3'),
      testId: 'plan-bytes',
    };
  const limit = formatBytes(plan.packageLimitBytes);
  return {
    value: t('WIZARD_PLAN_AT_MOST', asText({ size: formatBytes(plan.storedBytes) })),
    label: count > 0 ? t('WIZARD_PLAN_IN_ETCD_UNKNOWN', asText({ count, limit })) : t('WIZARD_PLAN_IN_ETCD'),
    testId: 'plan-bytes',
  };
}

function PlanAlerts({ plan }: { plan: PlanSummary }) {
  const limit = formatBytes(plan.packageLimitBytes);
  return (
    <>
      {plan.large && (
        <Alert type="warning" title={t('WIZARD_PLAN_LARGE_TITLE')} data-testid="plan-large">
          {t('WIZARD_PLAN_LARGE', { count: plan.versionsToCreate, max: LARGE_PLAN_VERSIONS })}
        </Alert>
      )}
      {plan.overLimit > 0 && (
        <Alert type="warning" data-testid="plan-over-limit-note">
          {t('WIZARD_PLAN_OVER_LIMIT_NOTE', asText({ count: plan.overLimit, limit }))}
        </Alert>
      )}
    </>
  );
}

export function ReviewStep({ request, onBack, onStart, starting, startError }: ReviewStepProps) {
  const key = JSON.stringify(request);
  const review = useRequest((signal) => createPreview(request, signal), [key]);
  const plan = useMemo(
    () => (review.data === undefined ? undefined : planSummary(review.data)),
    [review.data],
  );
  const columns = useMemo(planColumns, []);

  let body;
  if (review.error !== undefined) {
    body = <ErrorAlert error={review.error} title={t('WIZARD_REVIEW_FAILED')} onRetry={review.reload} />;
  } else if (plan === undefined || review.data === undefined || review.loading) {
    body = <LoadingState label={t('WIZARD_REVIEW_LOADING')} />;
  } else {
    body = (
      <Stack>
        <PlanFigures plan={plan} />
        <PlanAlerts plan={plan} />
        <Warnings warnings={review.data.warnings} />
        {plan.versionsToCreate === 0 ? (
          <EmptyState
            testId="plan-empty"
            title={t('WIZARD_PLAN_EMPTY')}
            description={t('WIZARD_PLAN_EMPTY_DESC')}
          />
        ) : (
          <VirtualTable
            testId="plan-table"
            rowTestId="plan-row"
            ariaLabel={t('WIZARD_PLAN')}
            rows={plan.charts}
            columns={columns}
            rowKey={(chart) => chart.name}
            height="min(420px, calc(100vh - 460px))"
          />
        )}
        {startError !== undefined && <ErrorAlert error={startError} title={t('WIZARD_START_FAILED')} />}
      </Stack>
    );
  }

  return (
    <>
      {body}
      <StepActions
        onBack={onBack}
        backDisabled={starting}
        onNext={onStart}
        nextLabel={t('WIZARD_START')}
        nextLoading={starting}
        nextDisabled={starting || plan === undefined || review.loading || plan.versionsToCreate === 0}
        nextTestId="start-button"
      />
    </>
  );
}
