// What the wizard starts from when it opens with a prefill (a past job's settings): the source and
// options at once, the charts and categories once the first preview has listed the repository's
// charts. Pure, so the tests run it as the wizard does.
import { DEFAULT_OPTIONS, optionsOf, type ImportOptions } from '../../../components/options';
import { EMPTY_URL_SOURCE, type SourceValue } from '../../../components/source';
import { defaultSelection, type ChartRow } from './model';
import type { WizardPrefill } from './prefill';

/** Whether the wizard was opened with anything to fill in. */
export function hasPrefill(prefill: WizardPrefill): boolean {
  return Object.keys(prefill).length > 0;
}

export function prefillSource(prefill: WizardPrefill): SourceValue {
  const { source } = prefill;
  if (source === undefined) return { ...EMPTY_URL_SOURCE };
  if ('repo' in source) return { kind: 'configured', repo: source.repo };
  return {
    ...EMPTY_URL_SOURCE,
    url: source.url,
    insecureSkipTLSVerify: source.insecureSkipTLSVerify,
    plainHttp: source.plainHttp,
    passCredentials: source.passCredentials,
  };
}

export function prefillOptions(prefill: WizardPrefill): ImportOptions {
  return optionsOf({
    versions: prefill.versions,
    publish: prefill.publish ?? DEFAULT_OPTIONS.publish,
    workspace: prefill.workspace,
    includeDeprecated: prefill.includeDeprecated,
  });
}

export interface PrefilledCharts {
  selected: Set<string>;
  /** Store categories of the charts the job mapped, for those the repository still has. */
  overrides: Record<string, string>;
  /** Charts of the job the repository no longer lists. */
  missing: string[];
}

/**
 * The job's charts among the previewed rows (every chart when the job named none), deprecated
 * ones only when they are imported; and its category mapping.
 */
export function prefilledCharts(
  prefill: WizardPrefill,
  rows: readonly ChartRow[],
  includeDeprecated: boolean,
): PrefilledCharts {
  const names = new Set(rows.map((row) => row.name));
  const wanted = prefill.charts === undefined ? undefined : new Set(prefill.charts);
  const selected =
    wanted === undefined
      ? includeDeprecated
        ? names
        : defaultSelection(rows)
      : new Set(
          rows
            .filter((row) => wanted.has(row.name) && (includeDeprecated || !row.deprecated))
            .map((row) => row.name),
        );
  const overrides = Object.fromEntries(
    Object.entries(prefill.categories ?? {}).filter(([chart]) => names.has(chart)),
  );
  const missing = (prefill.charts ?? []).filter((chart) => !names.has(chart));
  return { selected, overrides, missing };
}
