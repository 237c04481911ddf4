// Between the wizard's state and its address state (prefill.ts). What it starts from when it opens
// with one (a past job's settings, or its own work after a reload, Back or a tab): the source and
// options at once, the charts and categories once a preview has listed the repository's charts;
// and what it writes back as it changes. Pure, so the tests run it as the wizard does.
import type { CategoryRule } from '../../../api';
import { DEFAULT_OPTIONS, optionsOf, toSelection, type ImportOptions } from '../../../components/options';
import { EMPTY_URL_SOURCE, type SourceValue, type UrlSourceValue } from '../../../components/source';
import { categoryMapping } from '../../../components/categories';
import { chartsForRequest, type ChartRow } from './model';
import type { WizardPrefill, WizardStep } from './prefill';

/** Whether the wizard was opened with anything to fill in. */
export function hasPrefill(prefill: WizardPrefill): boolean {
  return Object.keys(prefill).length > 0;
}

export function prefillSource(prefill: WizardPrefill): SourceValue {
  const { source } = prefill;
  if (source === undefined) return { ...EMPTY_URL_SOURCE };
  if ('repo' in source) return { kind: 'configured', repo: source.repo };
  // The id only: the page asks for the file again (the service may still have it).
  if ('bundle' in source) return { kind: 'bundle', id: source.bundle };
  return {
    ...EMPTY_URL_SOURCE,
    // The kind only: the fields stay empty until typed again.
    auth: prefill.auth ?? 'none',
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
    prune: prefill.prune,
    adopt: prefill.adopt,
    verify: prefill.verify,
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
 * The job's charts among the previewed rows (every chart when the job named none, every one but
 * `except` when it names those), deprecated ones only when they are imported; and its category
 * mapping.
 */
export function prefilledCharts(
  prefill: WizardPrefill,
  rows: readonly ChartRow[],
  includeDeprecated: boolean,
): PrefilledCharts {
  const names = new Set(rows.map((row) => row.name));
  const taken = (row: ChartRow): boolean => includeDeprecated || !row.deprecated;
  let selected: Set<string>;
  if (prefill.charts !== undefined) {
    const wanted = new Set(prefill.charts);
    selected = new Set(rows.filter((row) => wanted.has(row.name) && taken(row)).map((row) => row.name));
  } else {
    const left = new Set(prefill.except);
    selected = new Set(rows.filter((row) => !left.has(row.name) && taken(row)).map((row) => row.name));
  }
  const overrides = Object.fromEntries(
    Object.entries(prefill.categories ?? {}).filter(([chart]) => names.has(chart)),
  );
  const missing = (prefill.charts ?? []).filter((chart) => !names.has(chart));
  return { selected, overrides, missing };
}

/** What the wizard holds, as it writes it into its address. */
export interface WizardWork {
  step: WizardStep;
  source: SourceValue;
  options: ImportOptions;
  /** The selection, once a preview listed the charts; else the address state still to apply. */
  charts: { rows: readonly ChartRow[]; selected: ReadonlySet<string> } | { pending: WizardPrefill };
  overrides: Readonly<Record<string, string>>;
  categoryRules?: CategoryRule[] | undefined;
  /** The keys were left out of the address the wizard opened on, and are not given again yet. */
  keysDropped?: boolean | undefined;
}

/** The address state of the wizard's work: no credentials, only their kind. */
export function prefillOfWork({
  step,
  source,
  options,
  charts,
  overrides,
  categoryRules,
  keysDropped,
}: WizardWork): WizardPrefill {
  // The options as a request has them: the keys trimmed, no policy when off.
  const selection = toSelection(options);
  const { verify } = selection;
  const keyless = verify !== undefined && verify.keyring === undefined && verify.cosignKey === undefined;
  const prefill: WizardPrefill = {
    step,
    ...(selection.versions === 'latest' ? {} : { versions: selection.versions }),
    publish: selection.publish,
    ...(selection.workspace ? { workspace: selection.workspace } : {}),
    ...(options.includeDeprecated ? { includeDeprecated: true } : {}),
    ...(selection.prune === true ? { prune: true } : {}),
    ...(selection.adopt === true ? { adopt: true } : {}),
    ...(categoryRules ? { categoryRules } : {}),
    ...(verify ? { verify } : {}),
    // Still to give again: a reload says so again.
    ...(keysDropped === true && keyless ? { keysDropped: true } : {}),
  };
  if (source.kind === 'configured') {
    if (source.repo !== undefined) prefill.source = { repo: source.repo };
  } else if (source.kind === 'bundle') {
    if (source.id !== undefined) prefill.source = { bundle: source.id };
  } else if (source.url.trim() !== '') {
    prefill.source = {
      url: source.url.trim(),
      insecureSkipTLSVerify: source.insecureSkipTLSVerify,
      plainHttp: source.plainHttp,
      passCredentials: source.passCredentials,
    };
    if (source.auth !== 'none') prefill.auth = source.auth;
    const secret = [source.caPem, source.certPem, source.keyPem].some((pem) => pem.trim() !== '');
    if (source.auth !== 'none' || secret) prefill.needsCredentials = true;
  }
  if ('pending' in charts) {
    const { pending } = charts;
    return {
      ...prefill,
      ...(pending.charts ? { charts: pending.charts } : {}),
      ...(pending.except ? { except: pending.except } : {}),
      ...(pending.categories ? { categories: pending.categories } : {}),
      ...(pending.trimmed ? { trimmed: true } : {}),
    };
  }
  return { ...prefill, ...selectionOf(charts.rows, charts.selected, options.includeDeprecated, overrides) };
}

/** The selection in its shortest form: nothing (every chart), the charts, or all but some. */
function selectionOf(
  rows: readonly ChartRow[],
  selected: ReadonlySet<string>,
  includeDeprecated: boolean,
  overrides: Readonly<Record<string, string>>,
): Pick<WizardPrefill, 'charts' | 'except' | 'categories'> {
  const categories = categoryMapping(overrides, rows, selected);
  const named = chartsForRequest(selected, rows, includeDeprecated);
  const withCategories = categories === undefined ? {} : { categories };
  if (named === undefined) return withCategories;
  const except = rows
    .filter((row) => (includeDeprecated || !row.deprecated) && !selected.has(row.name))
    .map((row) => row.name);
  const shorter = except.join(',').length < named.join(',').length && except.length > 0;
  return { ...(shorter ? { except } : { charts: named }), ...withCategories };
}

/** What a URL source holds that never goes into an address: kept in memory only. */
export type SourceSecrets = Pick<
  UrlSourceValue,
  'auth' | 'username' | 'password' | 'token' | 'caPem' | 'certPem' | 'keyPem'
>;

export function secretsOf(source: SourceValue): SourceSecrets | undefined {
  if (source.kind !== 'url') return undefined;
  const { auth, username, password, token, caPem, certPem, keyPem } = source;
  return { auth, username, password, token, caPem, certPem, keyPem };
}

/** The source with the secrets kept in memory, when they were typed for its URL; else undefined. */
export function restoreSecrets(
  source: SourceValue,
  kept: { url: string; secrets: SourceSecrets } | undefined,
): SourceValue | undefined {
  if (source.kind !== 'url' || kept === undefined || kept.url.trim() !== source.url.trim()) return undefined;
  return { ...source, ...kept.secrets };
}
