// The sync form's value, what is wrong with it, and the requests it makes. Pure: no DOM, so the
// tests run it as the form does.
import type {
  CategoryMapping,
  CreateSyncRequest,
  ImportSpec,
  SyncRecord,
  UpdateSyncRequest,
  UrlSourceRequest,
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
  type UrlSourceValue,
} from '../../../components/source';
import { DEFAULT_SCHEDULE, scheduleProblem } from './schedule';

export interface SyncFormValue {
  name: string;
  source: UrlSourceValue;
  options: ImportOptions;
  /** Chart names, comma or space separated; empty for every chart. */
  charts: string;
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
    source: {
      ...EMPTY_URL_SOURCE,
      url: spec.source.url,
      insecureSkipTLSVerify: spec.source.insecureSkipTLSVerify ?? false,
      plainHttp: spec.source.plainHttp ?? false,
      passCredentials: spec.source.passCredentials ?? false,
    },
    options: optionsOf(spec),
    charts: (spec.charts ?? []).join(', '),
    schedule: spec.schedule,
    suspend: spec.suspend,
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
    scheduleProblem(value.schedule) !== undefined
  );
}

/** The fields a sync's spec has beyond what the form edits: kept as they are on every update. */
interface KeptSpec {
  dryRun?: boolean;
  concurrency?: number;
  categories?: CategoryMapping;
}

function keptOf(spec: ImportSpec): KeptSpec {
  const { categories } = spec;
  return {
    dryRun: spec.dryRun,
    concurrency: spec.concurrency,
    ...(categories && Object.keys(categories).length > 0 ? { categories } : {}),
  };
}

/**
 * A sync's source is always a URL (the form offers nothing else). `storedCredentials`: the sync
 * keeps credentials in a Secret, so passCredentials applies even when none are typed.
 */
function urlSourceOf(value: UrlSourceValue, storedCredentials: boolean): UrlSourceRequest {
  const request = toSourceRequest(value, storedCredentials);
  if ('repo' in request) throw new Error('a sync reads its repository by URL');
  return request;
}

function settingsOf(value: SyncFormValue, sync?: SyncRecord) {
  const charts = parseCharts(value.charts);
  return {
    source: urlSourceOf(value.source, sync?.spec.source.secretRef !== undefined),
    ...toSelection(value.options),
    ...(charts.length > 0 ? { charts } : {}),
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
