// The import wizard: source -> charts -> options -> review, then the job page. Every step's state
// lives here, so going back keeps it, and is written into the address (useWizardAddress.ts), so
// the page's tabs, Back/Forward and a reload keep it too; credentials stay in memory (the frame's,
// across tabs) and are sent again with the job (the service never stores them). Opened from a past
// job ("Import again", "Retry failed") or from its own address after a reload, it starts from that
// state, and selects its charts once the preview lists them.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { isBundleGone, type CreateJobRequest, type RepoPreview } from '../../../api';
import { useCreateJob } from '../../../api/queries';
import { optionsProblem, type ImportOptions } from '../../../components/OptionsFields';
import { workspaceProblem } from '../../../components/options';
import { verifyProblem } from '../../../components/verify';
import { isOciUrl } from '../../../components/source';
import { sourceProblem, type SourceValue } from '../../../components/SourceFields';
import { paths } from '../../../routes/paths';
import {
  hasPrefill,
  prefilledCharts,
  prefillOfWork,
  prefillOptions,
  prefillSource,
  restoreSecrets,
  secretsOf,
} from './fromPrefill';
import { StepBody, WizardPanel } from './layout';
import {
  DEFAULT_FILTER,
  defaultSelection,
  selectionProblem,
  toRows,
  withoutDeprecated,
  type ChartRow,
  type RowFilter,
  type RowSort,
} from './model';
import { OptionsStep } from './OptionsStep';
import { wizardStepValues } from './prefill';
import { PreviewStep } from './PreviewStep';
import { jobRequest } from './request';
import { ReviewStep } from './ReviewStep';
import { SourceStep } from './SourceStep';
import { StepHeader } from './StepHeader';
import { instanceOf, newInstanceId, useWizardAddress } from './useWizardAddress';
import { useBundleReupload } from './useBundleReupload';
import { useRuledRows } from './useRuledRows';
import { useSourcePreview } from './useSourcePreview';
import { ruleDraftsOf, toCategoryRules, type RuleDraft } from '../../../components/categoryRules';

/** Step indexes, as the step header counts them and the address names them (wizardStepValues). */
const Step = { Source: 0, Charts: 1, Options: 2, Review: 3 } as const;
type Step = (typeof Step)[keyof typeof Step];
const STEPS: readonly Step[] = [Step.Source, Step.Charts, Step.Options, Step.Review];

/**
 * The step the wizard can show instead of `wanted`: the charts need a preview, the options a
 * selection that can be sent, the review options that can be sent too.
 */
function reachableStep(
  wanted: Step,
  rows: readonly ChartRow[] | undefined,
  selected: ReadonlySet<string>,
  options: ImportOptions,
): Step {
  if (rows === undefined) return Step.Source;
  if (wanted <= Step.Charts) return wanted;
  if (selectionProblem(selected, rows, options.includeDeprecated) !== undefined) return Step.Charts;
  if (wanted === Step.Options || optionsProblem(options) !== undefined) return Step.Options;
  return Step.Review;
}

/**
 * One wizard per address it did not write itself: a link, the console's menu entry or a reload
 * opens a wizard anew from its address, while Back/Forward between its own entries keeps it.
 */
export default function ImportWizard() {
  const location = useLocation();
  const [instance, setInstance] = useState(() => ({ id: newInstanceId(), key: location.key }));
  if (instanceOf(location.state) !== instance.id && location.key !== instance.key)
    setInstance({ id: newInstanceId(), key: location.key });
  return <WizardSteps key={instance.id} instance={instance.id} />;
}

function WizardSteps({ instance }: { instance: string }) {
  const navigate = useNavigate();
  const address = useWizardAddress(instance);
  const { prefill: opened, secrets: kept } = address.opened;
  const [initial] = useState(() => {
    const source = prefillSource(opened);
    const restored = restoreSecrets(source, kept);
    return { source: restored ?? source, credentialsMissing: opened.needsCredentials === true && !restored };
  });
  // Until the first preview: then its charts and categories are applied, and its notice goes.
  const [pending, setPending] = useState(() => (hasPrefill(opened) ? opened : undefined));
  const [missing, setMissing] = useState<string[]>([]);
  const [trimmed, setTrimmed] = useState(false);
  const [step, setStep] = useState<Step>(Step.Source);
  const [source, setSource] = useState<SourceValue>(initial.source);
  // A source from a job or the address wins over the default (the configured repositories).
  const [sourceChosen, setSourceChosen] = useState(() => opened.source !== undefined);
  const sourcePreview = useSourcePreview();
  const preview: RepoPreview | undefined = sourcePreview.preview;
  const previewRows = useMemo(() => (preview === undefined ? [] : toRows(preview)), [preview]);
  const [ruleDrafts, setRuleDrafts] = useState<RuleDraft[]>(() => ruleDraftsOf(opened.categoryRules));
  const categoryRules = useMemo(() => toCategoryRules(ruleDrafts), [ruleDrafts]);
  // Every step shows the categories the import will give, the rules' included.
  const ruled = useRuledRows(previewRows, sourcePreview.source, categoryRules);
  const { rows } = ruled;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<RowFilter>(DEFAULT_FILTER);
  const [sort, setSort] = useState<RowSort>();
  const [options, setOptions] = useState<ImportOptions>(() => prefillOptions(opened));
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  // The keys did not fit in the address it opened on: asked for until given (or the policy is off).
  const keysDropped = opened.keysDropped === true && verifyProblem(options.verify) !== undefined;
  const starter = useCreateJob();

  const selectedRows = useMemo(() => rows.filter((row) => selected.has(row.name)), [rows, selected]);
  const shownStep = preview === undefined ? Step.Source : step;

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

  const importWorkspace =
    options.target === 'workspace' && workspaceProblem(options) === undefined
      ? options.workspace.trim()
      : undefined;

  // A bundle the service lost goes up again (useBundleReupload.ts), and what failed runs again.
  const reupload = useBundleReupload(importWorkspace, setSource);
  useEffect(() => {
    if (isBundleGone(sourcePreview.error)) reupload.run(source, previewFrom);
    // Once per failure: the other values are read as they are then.
  }, [sourcePreview.error]);
  useEffect(() => {
    if (isBundleGone(starter.error))
      reupload.run(source, (next) => {
        startWith(requestFor(next));
      });
  }, [starter.error]);

  function changeSource(next: SourceValue): void {
    setSource(next);
    setSourceChosen(true);
    starter.reset();
    // A re-upload of the old source must neither go on nor land on top of the new one.
    reupload.reset();
  }

  function runPreview(): void {
    previewFrom(source);
  }

  function cancelPreview(): void {
    reupload.reset();
    sourcePreview.cancel();
  }

  function previewFrom(from: SourceValue): void {
    sourcePreview.run(from, (result) => {
      reupload.reset();
      const fresh = toRows(result);
      if (pending === undefined) {
        setSelected(defaultSelection(fresh));
        setFilter(DEFAULT_FILTER);
        setOptions({ ...options, includeDeprecated: false });
        setOverrides({});
        setMissing([]);
        setTrimmed(false);
        setStep(Step.Charts);
        return;
      }
      const charts = prefilledCharts(pending, fresh, options.includeDeprecated);
      setSelected(charts.selected);
      setFilter({ ...DEFAULT_FILTER, showDeprecated: options.includeDeprecated });
      setOverrides(charts.overrides);
      setMissing(charts.missing);
      setTrimmed(pending.trimmed === true);
      setPending(undefined);
      // The wizard's own work goes back to its step; a past job's settings to the charts.
      const wanted = pending.step === undefined ? Step.Charts : wizardStepValues.indexOf(pending.step);
      setStep(
        reachableStep(STEPS[Math.max(Step.Charts, wanted)] ?? Step.Charts, fresh, charts.selected, options),
      );
    });
  }

  // Opened on a later step (a reload, a tab, Back): read the repository again and go back there,
  // unless credentials must be typed first.
  useEffect(() => {
    const later = opened.step !== undefined && opened.step !== 'source';
    if (later && !initial.credentialsMissing && sourceProblem(initial.source) === undefined) runPreview();
    // Once, as the wizard opens.
  }, []);

  // Back/Forward between this wizard's entries: show the step the address names, if it can be.
  const addressStep = address.step === undefined ? undefined : STEPS[wizardStepValues.indexOf(address.step)];
  useEffect(() => {
    if (addressStep === undefined || addressStep === step) return;
    setStep(reachableStep(addressStep, preview === undefined ? undefined : rows, selected, options));
    // Only when the address changes: the other values are read as they are then.
  }, [addressStep]);

  // Everything but the credentials into the address, and the credentials into the frame's memory.
  const work = useMemo(
    () =>
      prefillOfWork({
        // Still to apply after a preview: the step it leads to.
        step: pending?.step ?? wizardStepValues[shownStep],
        source,
        options,
        charts: pending === undefined ? { rows, selected } : { pending },
        overrides,
        categoryRules,
        keysDropped,
      }),
    [pending, shownStep, source, options, rows, selected, overrides, categoryRules, keysDropped],
  );
  const { save } = address;
  useEffect(() => {
    const secrets = secretsOf(source);
    const typed =
      secrets !== undefined && Object.values(secrets).some((value) => value !== '' && value !== 'none');
    save(
      work,
      source.kind === 'url' && secrets !== undefined ? { url: source.url, secrets } : undefined,
      work.source !== undefined || typed,
    );
  }, [save, work, source]);

  // The one way the job is built from the wizard's choices: the review's and a retried start's
  // (after a bundle went up again) cannot differ.
  const requestFor = useCallback(
    (from: SourceValue): CreateJobRequest =>
      jobRequest({ source: from, options, rows, selected, overrides, categoryRules }),
    [options, rows, selected, overrides, categoryRules],
  );
  // Built on the review step only: it carries the credentials, which nothing else needs.
  const job = useMemo(
    () => (step === Step.Review ? requestFor(source) : undefined),
    [step, source, requestFor],
  );

  function start(): void {
    if (job !== undefined) startWith(job);
  }

  function startWith(request: CreateJobRequest): void {
    starter.mutate(request, {
      onSuccess: (created) => {
        reupload.reset();
        address.forget();
        navigate(paths.job(created.id));
      },
    });
  }

  const go = (to: Step) => () => {
    starter.reset();
    setStep(to);
  };

  let body;
  if (step === Step.Source || preview === undefined) {
    body = (
      <SourceStep
        source={source}
        sourceChosen={sourceChosen}
        workspace={importWorkspace}
        onSourceChange={changeSource}
        onPreview={runPreview}
        onCancel={cancelPreview}
        loading={sourcePreview.loading}
        reuploading={reupload.running}
        // While the file goes up again, the "bundle not found" that started it is no news.
        error={reupload.error ?? (reupload.running ? undefined : sourcePreview.error)}
        prefilled={
          pending && {
            restored: pending.step !== undefined,
            needsCredentials:
              pending.step === undefined ? pending.needsCredentials === true : initial.credentialsMissing,
          }
        }
      />
    );
  } else if (step === Step.Charts) {
    body = (
      <PreviewStep
        preview={preview}
        source={sourcePreview.source}
        verify={options.verify}
        rows={rows}
        selected={selected}
        onSelectedChange={setSelected}
        filter={filter}
        onFilterChange={changeFilter}
        sort={sort}
        onSortChange={setSort}
        problem={selectionProblem(selected, rows, options.includeDeprecated)}
        missingCharts={missing}
        selectionTrimmed={trimmed}
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
        ruleDrafts={ruleDrafts}
        onRuleDraftsChange={setRuleDrafts}
        rulesError={ruled.error}
        oci={source.kind === 'configured' || (source.kind === 'url' && isOciUrl(source.url))}
        keysDropped={keysDropped}
        onBack={go(Step.Charts)}
        onNext={go(Step.Review)}
      />
    );
  } else if (job !== undefined) {
    body = (
      <ReviewStep
        job={job}
        // Until the job page opens: a started import is not started again.
        starting={starter.isLoading || starter.isSuccess || reupload.running}
        startError={reupload.error ?? (reupload.running ? undefined : (starter.error ?? undefined))}
        // The categories shown may still change with the rules: not started from them yet.
        waiting={ruled.fetching}
        onBack={go(Step.Options)}
        onStart={start}
      />
    );
  }

  return (
    <WizardPanel data-testid="import-wizard" data-step={wizardStepValues[shownStep]}>
      <StepHeader
        active={shownStep}
        onStepClick={(index) => {
          if (index === Step.Source || index === Step.Charts || index === Step.Options) setStep(index);
        }}
      />
      <StepBody>{body}</StepBody>
    </WizardPanel>
  );
}
