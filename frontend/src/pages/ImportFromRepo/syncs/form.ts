// The sync form's value, what is wrong with it, and the requests it makes. Pure: no DOM, so the
// tests run it as the form does.
import type {
  CategoryMapping,
  CreateSyncRequest,
  ImportSource,
  ImportSpec,
  JobRecord,
  SyncRecord,
  UpdateSyncRequest,
} from '../../../api';
import {
  DEFAULT_OPTIONS,
  optionsOf,
  optionsProblem,
  toSelection,
  type ImportOptions,
} from '../../../components/options';
import {
  EMPTY_URL_SOURCE,
  sourceProblem,
  toSourceRequest,
  type SourceValue,
} from '../../../components/source';
import { DEFAULT_SCHEDULE, scheduleProblem } from './schedule';
import {
  ruleDraftsOf,
  ruleDraftsProblem,
  toCategoryRules,
  type RuleDraft,
} from '../../../components/categoryRules';

export interface SyncFormValue {
  name: string;
  /** A URL (credentials write-only) or a repository configured in KubeSphere. */
  source: SourceValue;
  options: ImportOptions;
  /** Chart names, comma or space separated; empty for every chart. */
  charts: string;
  /** Store category by chart name, over the charts' own (the wizard's mapping editor). */
  categories: Record<string, string>;
  /** Category rules, as the editor holds them. */
  categoryRules: RuleDraft[];
  schedule: string;
  suspend: boolean;
}

export const NAME_MAX = 52;
const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CHART_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_CHARTS = 1000;

export function emptySyncForm(): SyncFormValue {
  return {
    name: '',
    source: { ...EMPTY_URL_SOURCE },
    options: { ...DEFAULT_OPTIONS },
    charts: '',
    categories: {},
    categoryRules: [],
    schedule: DEFAULT_SCHEDULE,
    suspend: false,
  };
}

/**
 * The form for editing a sync. Credentials are write-only: the form starts without any, and
 * sending none keeps the stored ones (the service keeps them while the repository host stays).
 */
export function syncFormOf(sync: SyncRecord): SyncFormValue {
  const { spec } = sync;
  return {
    name: sync.name,
    ...importFieldsOf(spec),
    schedule: spec.schedule,
    suspend: spec.suspend,
  };
}

/** The form's source for a stored one: its configured repository, or its URL without any secret. */
function sourceValueOf(source: ImportSource): SourceValue {
  if (source.configuredRepo) return { kind: 'configured', repo: { ...source.configuredRepo } };
  return {
    ...EMPTY_URL_SOURCE,
    url: source.url,
    insecureSkipTLSVerify: source.insecureSkipTLSVerify ?? false,
    plainHttp: source.plainHttp ?? false,
    passCredentials: source.passCredentials ?? false,
  };
}

/** What a sync and a job have in common: where from, which charts, how, and into which categories. */
function importFieldsOf(
  spec: ImportSpec,
): Pick<SyncFormValue, 'source' | 'options' | 'charts' | 'categories' | 'categoryRules'> {
  return {
    source: sourceValueOf(spec.source),
    options: optionsOf(spec),
    charts: (spec.charts ?? []).join(', '),
    categories: { ...(spec.categories ?? {}) },
    categoryRules: ruleDraftsOf(spec.categoryRules),
  };
}

/** A sync's name for a job's import: its configured repository's name or its host, as a DNS label. */
export function suggestedName(source: ImportSource): string {
  let base = source.configuredRepo?.name ?? '';
  if (base === '') {
    try {
      base = new URL(source.url.replace(/^oci:/i, 'https:')).hostname;
    } catch {
      base = '';
    }
  }
  const label = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, NAME_MAX - '-sync'.length)
    .replace(/^-+|-+$/g, '');
  return label === '' ? '' : `${label}-sync`;
}

/**
 * "Schedule this import": a new sync with a finished job's import. Credentials are never in a
 * job, so a URL source comes without them (the form asks for them again when the job's source
 * had a Secret: `needsCredentials`).
 */
export function syncFormOfJob(job: JobRecord): { value: SyncFormValue; needsCredentials: boolean } {
  const { spec } = job;
  return {
    value: { ...emptySyncForm(), name: suggestedName(spec.source), ...importFieldsOf(spec) },
    needsCredentials: spec.source.secretRef !== undefined && spec.source.configuredRepo === undefined,
  };
}

/** `a, b c` -> ['a', 'b', 'c'], each once. */
export function parseCharts(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((name) => name !== ''))];
}

export type NameProblem = 'required' | 'length' | 'pattern';

export function nameProblem(name: string): NameProblem | undefined {
  if (name === '') return 'required';
  if (name.length > NAME_MAX) return 'length';
  return NAME_PATTERN.test(name) ? undefined : 'pattern';
}

export type ChartsProblem = { kind: 'invalid'; name: string } | { kind: 'too-many' };

export function chartsProblem(text: string): ChartsProblem | undefined {
  const charts = parseCharts(text);
  if (charts.length > MAX_CHARTS) return { kind: 'too-many' };
  const invalid = charts.find((name) => !CHART_PATTERN.test(name) || name.length > 253);
  return invalid === undefined ? undefined : { kind: 'invalid', name: invalid };
}

/** Whether any field stops the form from being sent (each field shows its own message). */
export function hasProblem(value: SyncFormValue): boolean {
  return (
    nameProblem(value.name) !== undefined ||
    sourceProblem(value.source) !== undefined ||
    optionsProblem(value.options) !== undefined ||
    chartsProblem(value.charts) !== undefined ||
    ruleDraftsProblem(value.categoryRules) !== undefined ||
    scheduleProblem(value.schedule) !== undefined
  );
}

/** The fields a sync's spec has beyond what the form edits: kept as they are on every update. */
interface KeptSpec {
  dryRun?: boolean;
  concurrency?: number;
}

function keptOf(spec: ImportSpec): KeptSpec {
  return { dryRun: spec.dryRun, concurrency: spec.concurrency };
}

/**
 * The mapping sent: categories given (not blank), for the sync's charts only when it names some
 * (a mapping of a chart it does not import would do nothing).
 */
export function categoriesOf(categories: Readonly<Record<string, string>>, charts: readonly string[]) {
  const only = charts.length > 0 ? new Set(charts) : undefined;
  const mapping: CategoryMapping = {};
  for (const [chart, category] of Object.entries(categories)) {
    if (category.trim() !== '' && (only === undefined || only.has(chart))) mapping[chart] = category.trim();
  }
  return Object.keys(mapping).length > 0 ? mapping : undefined;
}

/** `storedCredentials`: the sync keeps credentials in a Secret, so passCredentials applies even when none are typed. */
function settingsOf(value: SyncFormValue, sync?: SyncRecord) {
  const charts = parseCharts(value.charts);
  const categories = categoriesOf(value.categories, charts);
  const categoryRules = toCategoryRules(value.categoryRules);
  return {
    source: toSourceRequest(value.source, sync?.spec.source.secretRef !== undefined),
    ...toSelection(value.options),
    ...(charts.length > 0 ? { charts } : {}),
    ...(categories ? { categories } : {}),
    ...(categoryRules ? { categoryRules } : {}),
    schedule: value.schedule.trim(),
    suspend: value.suspend,
  };
}

export function createRequestOf(value: SyncFormValue): CreateSyncRequest {
  return { name: value.name, ...settingsOf(value) };
}

/** PUT replaces the spec: what the form does not show is carried over from the sync read. */
export function updateRequestOf(value: SyncFormValue, sync: SyncRecord): UpdateSyncRequest {
  return { ...keptOf(sync.spec), ...settingsOf(value, sync), resourceVersion: sync.resourceVersion ?? '' };
}

/** Pause or resume: the sync as it is, with `suspend` changed and no credentials (kept). */
export function suspendRequestOf(sync: SyncRecord, suspend: boolean): UpdateSyncRequest {
  return updateRequestOf({ ...syncFormOf(sync), suspend }, sync);
}
