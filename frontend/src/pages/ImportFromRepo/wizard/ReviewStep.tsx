// Step 4: a confirmation. What the import will do in words (target, publish mode, versions,
// deprecated charts, what is new, the categories it creates, where the packages go and what they
// cost), from a preview of exactly the job (sizes 'selected'); then the figures and the plan per
// chart. "Start import", after typing the number of versions for a large plan.
import { Alert, Input } from '@kubed/components';
import { useMemo, useState, type ChangeEvent } from 'react';
import styled from 'styled-components';
import type { CreateJobRequest } from '../../../api';
import { useCategories, usePreview } from '../../../api/queries';
import { CategoryWithSource } from '../../../components/CategorySource';
import { EmptyState, LoadingState } from '../../../components/EmptyState';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useManageRefusal } from '../../../components/ManageAccess';
import { formatBytes, formatNumber } from '../../../components/format';
import { labelled, Muted } from '../../../components/layout';
import { OverLimitTag } from '../../../components/StateTags';
import { VirtualTable, type VirtualColumn } from '../../../components/VirtualTable';
import { asText } from '../../../i18n';
import { ChartCell, Stack } from './layout';
import { LARGE_PLAN_VERSIONS, planSummary, storageCost, type PlanChart, type PlanSummary } from './plan';
import { reviewRequest } from './request';
import { largePlanConfirmed, reviewStatements, type ReviewStatement } from './review';
import { FigureList, StepActions, type FigureItem } from './StepActions';
import { RemovedUpstream } from './RemovedUpstream';
import { prunedCounts } from '../../../components/PrunedList';
import { Warnings } from './Warnings';

export interface ReviewStepProps {
  /** The job to start; the review previews exactly it. */
  job: CreateJobRequest;
  onBack: () => void;
  onStart: () => void;
  starting: boolean;
  /** Something the job depends on is still loading (the rules' categories): Start waits for it. */
  waiting?: boolean;
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
    render: (chart) => formatNumber(chart.exists),
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
    render: (chart) => <CategoryWithSource category={chart.category} source={chart.categorySource} />,
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

/** Where the packages go and how much they take there (the statement says it in words). */
function storageFigure(plan: PlanSummary): FigureItem {
  const cost = storageCost(plan);
  const testId = 'plan-bytes';
  switch (cost.kind) {
    case 'none':
      return { value: formatBytes(0), label: t('WIZARD_PLAN_NOTHING_STORED'), testId };
    case 'etcd': {
      const unknown = asText({ count: cost.unknownSizes, limit: formatBytes(cost.limit) });
      return {
        value: t('WIZARD_PLAN_AT_MOST', asText({ size: formatBytes(cost.atMost) })),
        label: cost.unknownSizes > 0 ? t('WIZARD_PLAN_IN_ETCD_UNKNOWN', unknown) : t('WIZARD_PLAN_IN_ETCD'),
        testId,
      };
    }
    case 's3':
      return {
        value: cost.bytes === 0 ? t('WIZARD_SIZE_UNKNOWN') : formatBytes(cost.bytes),
        label:
          cost.unknownSizes > 0
            ? t('WIZARD_PLAN_IN_S3_UNKNOWN', asText({ count: cost.unknownSizes }))
            : t('WIZARD_PLAN_IN_S3'),
        testId,
      };
  }
}

const StatementList = styled.dl`
  ${labelled}
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
  gap: 12px 24px;
  padding: 12px 16px;
  border-radius: 4px;
  background: ${({ theme }) => theme.palette.accents_0};

  dd {
    font-weight: 600;
  }
`;

/** What will happen, in words: the confirmation the review is. */
function Statements({ statements }: { statements: readonly ReviewStatement[] }) {
  return (
    <StatementList data-testid="review-statements" aria-label={t('WIZARD_REVIEW_WHAT')}>
      {statements.map((statement) => (
        <div key={statement.id} data-testid={`review-${statement.id}`}>
          <dt>{statement.label}</dt>
          <dd>{statement.text}</dd>
        </div>
      ))}
    </StatementList>
  );
}

const ConfirmRow = styled.label`
  display: flex;
  align-items: center;
  gap: 12px;
  margin-top: 8px;
`;

interface PlanAlertsProps {
  plan: PlanSummary;
  /** What is typed to confirm a large plan. */
  typed: string;
  onTypedChange: (typed: string) => void;
}

function PlanAlerts({ plan, typed, onTypedChange }: PlanAlertsProps) {
  const limit = formatBytes(plan.packageLimitBytes);
  return (
    <>
      {plan.large && (
        <Alert type="warning" title={t('WIZARD_PLAN_LARGE_TITLE')} data-testid="plan-large">
          {t('WIZARD_PLAN_LARGE', asText({ count: plan.versionsToCreate, max: LARGE_PLAN_VERSIONS }))}
          <ConfirmRow>
            {t('WIZARD_PLAN_LARGE_CONFIRM', asText({ count: plan.versionsToCreate }))}
            <Input
              data-testid="large-confirm-input"
              width={120}
              value={typed}
              autoComplete="off"
              onChange={(event: ChangeEvent<HTMLInputElement>) => {
                onTypedChange(event.target.value);
              }}
            />
          </ConfirmRow>
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

export function ReviewStep({ job, onBack, onStart, starting, waiting, startError }: ReviewStepProps) {
  const review = usePreview(useMemo(() => reviewRequest(job), [job]));
  const storeCategories = useCategories();
  // Importing needs App Store management in the target; a dry run only reads.
  const startRefusal = useManageRefusal(job.workspace, job.dryRun !== true);
  const plan = useMemo(
    () => (review.data === undefined ? undefined : planSummary(review.data)),
    [review.data],
  );
  const statements = useMemo(
    () => (plan === undefined ? [] : reviewStatements(job, plan, storeCategories.data, review.data?.pruned)),
    [job, plan, storeCategories.data, review.data?.pruned],
  );
  const [typed, setTyped] = useState('');
  const columns = useMemo(planColumns, []);
  // With `prune`: the versions the repository no longer lists that the job removes.
  const removing = prunedCounts(review.data?.pruned ?? []).removed;

  let body;
  if (review.error !== null) {
    body = (
      <ErrorAlert
        error={review.error}
        title={t('WIZARD_REVIEW_FAILED')}
        onRetry={() => {
          void review.refetch();
        }}
      />
    );
  } else if (plan === undefined || review.data === undefined || review.isFetching) {
    body = <LoadingState label={t('WIZARD_REVIEW_LOADING')} />;
  } else {
    body = (
      <Stack>
        <Statements statements={statements} />
        <PlanFigures plan={plan} />
        <PlanAlerts plan={plan} typed={typed} onTypedChange={setTyped} />
        <Warnings warnings={review.data.warnings} />
        <RemovedUpstream preview={review.data} />
        {plan.versionsToCreate === 0 && removing > 0 ? (
          // Nothing to upload, yet work to do: the job removes what the repository dropped.
          <EmptyState
            testId="plan-prune-only"
            title={t('WIZARD_PLAN_PRUNE_ONLY')}
            description={t('WIZARD_PLAN_PRUNE_ONLY_DESC', asText({ count: removing }))}
          />
        ) : plan.versionsToCreate === 0 ? (
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
        nextDisabled={
          starting ||
          waiting === true ||
          plan === undefined ||
          review.isFetching ||
          // Nothing to upload: a job still has work when it removes versions the repository dropped.
          (plan.versionsToCreate === 0 && removing === 0) ||
          !largePlanConfirmed(plan, typed)
        }
        nextTestId="start-button"
        nextRefusal={startRefusal}
      />
    </>
  );
}
