// The import wizard: source -> charts -> options -> review, then the job page. Every step's state
// lives here, so going back keeps it; credentials stay in memory and are sent again with the job
// (the service never stores them). Opened from a past job ("Import again", "Retry failed"), it
// starts from that job's settings (prefill), and selects its charts once the preview lists them.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { createJob, type RepoPreview } from '../../../api';
import type { ImportOptions } from '../../../components/OptionsFields';
import type { SourceValue } from '../../../components/SourceFields';
import { paths } from '../../../routes/paths';
import { hasPrefill, prefilledCharts, prefillOptions, prefillSource } from './fromPrefill';
import { StepBody, WizardPanel } from './layout';
import {
  DEFAULT_FILTER,
  defaultSelection,
  selectionProblem,
  toRows,
  withoutDeprecated,
  type RowFilter,
} from './model';
import { OptionsStep } from './OptionsStep';
import { PreviewStep } from './PreviewStep';
import { jobRequest, reviewRequest } from './request';
import { ReviewStep } from './ReviewStep';
import { SourceStep } from './SourceStep';
import { StepHeader } from './StepHeader';
import { usePrefill } from './usePrefill';
import { useSourcePreview } from './useSourcePreview';

/** Step indexes, as the step header counts them. */
const Step = { Source: 0, Charts: 1, Options: 2, Review: 3 } as const;
type Step = (typeof Step)[keyof typeof Step];

export default function ImportWizard() {
  const navigate = useNavigate();
  const prefill = usePrefill();
  // Until the first preview: then its charts and categories are applied, and its notice goes.
  const [pending, setPending] = useState(() => (hasPrefill(prefill) ? prefill : undefined));
  const [missing, setMissing] = useState<string[]>([]);
  const [step, setStep] = useState<Step>(Step.Source);
  const [source, setSource] = useState<SourceValue>(() => prefillSource(prefill));
  const sourcePreview = useSourcePreview();
  const preview: RepoPreview | undefined = sourcePreview.preview;
  const rows = useMemo(() => (preview === undefined ? [] : toRows(preview)), [preview]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<RowFilter>(DEFAULT_FILTER);
  const [options, setOptions] = useState<ImportOptions>(() => prefillOptions(prefill));
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>();

  const selectedRows = useMemo(() => rows.filter((row) => selected.has(row.name)), [rows, selected]);

  // Showing deprecated charts means importing them when picked; hiding them drops them from the selection.
  function setIncludeDeprecated(include: boolean): void {
    if (!include) setSelected(withoutDeprecated(selected, rows));
  }
  function changeFilter(next: RowFilter): void {
    if (next.showDeprecated !== filter.showDeprecated) {
      setOptions({ ...options, includeDeprecated: next.showDeprecated });
      setIncludeDeprecated(next.showDeprecated);
    }
    setFilter(next);
  }
  function changeOptions(next: ImportOptions): void {
    if (next.includeDeprecated !== options.includeDeprecated) {
      setFilter({ ...filter, showDeprecated: next.includeDeprecated });
      setIncludeDeprecated(next.includeDeprecated);
    }
    setOptions(next);
  }

  function changeSource(next: SourceValue): void {
    setSource(next);
    setStartError(undefined);
  }

  function runPreview(): void {
    sourcePreview.run(source, (result) => {
      const fresh = toRows(result);
      if (pending === undefined) {
        setSelected(defaultSelection(fresh));
        setFilter(DEFAULT_FILTER);
        setOptions({ ...options, includeDeprecated: false });
        setOverrides({});
        setMissing([]);
      } else {
        const charts = prefilledCharts(pending, fresh, options.includeDeprecated);
        setSelected(charts.selected);
        setFilter({ ...DEFAULT_FILTER, showDeprecated: options.includeDeprecated });
        setOverrides(charts.overrides);
        setMissing(charts.missing);
        setPending(undefined);
      }
      setStep(Step.Charts);
    });
  }

  // Built on the review step only: it carries the credentials, which nothing else needs.
  const job = useMemo(
    () => (step === Step.Review ? jobRequest({ source, options, rows, selected, overrides }) : undefined),
    [step, source, options, rows, selected, overrides],
  );

  async function start(): Promise<void> {
    if (job === undefined) return;
    setStarting(true);
    setStartError(undefined);
    try {
      const created = await createJob(job);
      navigate(paths.job(created.id));
    } catch (error) {
      setStartError(error);
      setStarting(false);
    }
  }

  const go = (to: Step) => () => {
    setStartError(undefined);
    setStep(to);
  };

  let body;
  if (step === Step.Source || preview === undefined) {
    body = (
      <SourceStep
        source={source}
        onSourceChange={changeSource}
        onPreview={runPreview}
        onCancel={sourcePreview.cancel}
        loading={sourcePreview.loading}
        error={sourcePreview.error}
        prefilled={pending && { needsCredentials: pending.needsCredentials === true }}
      />
    );
  } else if (step === Step.Charts) {
    body = (
      <PreviewStep
        preview={preview}
        rows={rows}
        selected={selected}
        onSelectedChange={setSelected}
        filter={filter}
        onFilterChange={changeFilter}
        problem={selectionProblem(selected, rows, options.includeDeprecated)}
        missingCharts={missing}
        onBack={go(Step.Source)}
        onNext={go(Step.Options)}
      />
    );
  } else if (step === Step.Options) {
    body = (
      <OptionsStep
        options={options}
        onOptionsChange={changeOptions}
        rows={selectedRows}
        overrides={overrides}
        onOverridesChange={setOverrides}
        onBack={go(Step.Charts)}
        onNext={go(Step.Review)}
      />
    );
  } else if (job !== undefined) {
    body = (
      <ReviewStep
        request={reviewRequest(job)}
        starting={starting}
        startError={startError}
        onBack={go(Step.Options)}
        onStart={() => {
          void start();
        }}
      />
    );
  }

  return (
    <WizardPanel data-testid="import-wizard">
      <StepHeader
        active={preview === undefined ? Step.Source : step}
        onStepClick={(index) => {
          if (index === Step.Source || index === Step.Charts || index === Step.Options) setStep(index);
        }}
      />
      <StepBody>{body}</StepBody>
    </WizardPanel>
  );
}
