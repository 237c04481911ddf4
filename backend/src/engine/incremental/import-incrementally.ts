// An import that costs one index download and one app list when nothing changed since the last
// run that imported everything: same index content (by digest, `generated` ignored), same
// settings, and every app that run left still in the store as it was. Anything else runs in
// full (runImport), with the index already loaded.
import { say } from '../messages/index.js';
import { runImport, summarize } from '../run/import.js';
import type { ImportItem, ImportOptions, ImportReport, PlannedChart } from '../run/types.js';
import type { ChartRepository, RepoIndex } from '../repo/types.js';
import type { AppStore, StoreApp } from '../store/types.js';
import { reasonOf } from '../errors.js';
import { importedEverything, pruneLeftWork, recordOfRun, recordedApp, settingsDigest } from './record.js';
import type { IncrementalResult, IncrementalRun, RecordedApp, RunRecord } from './types.js';

/**
 * A record older than this gets a full run. A version deleted by hand leaves its app as the
 * list shows it (ks-core's DeleteAppVersion, pkg/kapis/application/v2/handler_appversion.go,
 * deletes the ApplicationVersion only), so only a full run notices it: at least daily.
 */
export const MAX_RECORD_AGE_MS = 24 * 60 * 60 * 1000;

export async function importIncrementally(
  repo: ChartRepository,
  store: AppStore,
  options: ImportOptions,
  run: IncrementalRun,
): Promise<IncrementalResult> {
  const now = run.now ?? (() => new Date());
  const settings = settingsDigest(options, store.workspace);
  const reason = reasonBeforeIndex(run, settings, options.dryRun, now());
  if (reason !== undefined) {
    // Nothing to compare: runImport loads the index itself, its first store reads beside it.
    const loaded = rememberingIndex(repo);
    return fullRun(loaded.repo, store, options, run, { settings, now, reason, index: loaded.index });
  }
  // The app list the comparison needs goes beside the index download.
  const readSignal = eitherSignal(options.signal, options.cancel);
  const [index, listed] = await Promise.all([repo.loadIndex(readSignal), store.listApps(readSignal)]);
  const previous = run.previous;
  const indexReason = reasonInIndex(previous, index);
  const drift = indexReason ?? (previous ? storeDrift(previous.apps, listed) : 'no earlier run');
  if (drift === undefined && previous) return unchanged(previous, index, options);
  return fullRun(withLoadedIndex(repo, index), store, options, run, {
    settings,
    now,
    reason: drift,
    index: () => index,
  });
}

/** runImport, then the record of that run when it imported everything. */
async function fullRun(
  repo: ChartRepository,
  store: AppStore,
  options: ImportOptions,
  run: IncrementalRun,
  context: {
    settings: string;
    now: () => Date;
    reason: string | undefined;
    index: () => RepoIndex | undefined;
  },
): Promise<IncrementalResult> {
  if (!options.dryRun) await run.beforeFullRun?.();
  const report = await runImport(repo, store, options);
  const indexDigest = context.index()?.contentDigest;
  const record =
    options.dryRun || indexDigest === undefined
      ? undefined
      : await recordAfterRun(report, store, options, {
          indexDigest,
          settings: context.settings,
          now: context.now,
        });
  return {
    report,
    unchanged: false,
    ...(context.reason ? { fullRunReason: context.reason } : {}),
    record,
  };
}

/** Why the previous record cannot spare a full run, known before the index is read; undefined when it may. */
function reasonBeforeIndex(
  run: IncrementalRun,
  settings: string,
  dryRun: boolean,
  now: Date,
): string | undefined {
  const { previous } = run;
  if (run.full) return 'a full run was asked for';
  if (dryRun) return 'a dry run always plans in full';
  if (previous === undefined) return 'no earlier run imported everything';
  if (previous.settings !== settings) return 'the settings changed since the last full run';
  const age = now.getTime() - Date.parse(previous.fullRunAt);
  const maxAge = run.maxAgeMs ?? MAX_RECORD_AGE_MS;
  if (!(age >= 0 && age < maxAge)) return `the last full run (${previous.fullRunAt}) is too old`;
  return undefined;
}

/** Why the index rules out the previous record; undefined when it is the same content. */
function reasonInIndex(previous: RunRecord | undefined, index: RepoIndex): string | undefined {
  if (index.contentDigest === undefined) return 'the repository has no index to compare (OCI)';
  if (previous?.indexDigest !== index.contentDigest) return 'the repository index changed';
  return undefined;
}

/** The first difference between the recorded apps and the store's list, as a sentence; undefined when none. */
function storeDrift(recorded: readonly RecordedApp[], listed: readonly StoreApp[]): string | undefined {
  const byName = new Map(listed.map((app) => [app.name, recordedApp(app)]));
  for (const app of recorded) {
    const now = byName.get(app.name);
    if (now === undefined) return `the store app ${app.name} is gone`;
    for (const field of ['state', 'latestVersion', 'categoryName'] as const) {
      if (now[field] !== app[field])
        return `the store app ${app.name} has ${field} "${now[field]}" (was "${app[field]}")`;
    }
  }
  return undefined;
}

/** The report a full run would give: every recorded item exists. Events as a run sends them. */
function unchanged(previous: RunRecord, index: RepoIndex, options: ImportOptions): IncrementalResult {
  const emit = options.onEvent ?? (() => undefined);
  let versions = 0;
  for (const refs of index.entries.values()) versions += refs.length;
  emit({ type: 'index', charts: index.entries.size, versions });
  // A prune would have found nothing new either: only a run that keeps them repeats the count.
  const removed =
    previous.removedUpstream && !options.prune
      ? say('versions-removed-upstream', previous.removedUpstream)
      : undefined;
  const warnings = [...index.warnings, ...(removed ? [removed] : [])];
  for (const warning of warnings) emit({ type: 'warning', warning });
  const items: ImportItem[] = previous.items.map(({ chart, version, app }) => ({
    chart,
    version,
    status: 'exists',
    app,
    reason: '',
  }));
  const planned = plannedCharts(items);
  emit({ type: 'plan', charts: planned.length, versions: items.length, toUpload: 0, planned });
  items.forEach((item, position) => {
    emit({ type: 'item', item, done: position + 1, total: items.length });
  });
  const report: ImportReport = {
    repo: options.repoUrl,
    items,
    summary: summarize(items),
    warnings,
  };
  const message = say('run-unchanged', {
    fullRunAt: previous.fullRunAt,
    versions: items.length,
    charts: planned.length,
  });
  return { report, unchanged: true, message, record: previous };
}

function plannedCharts(items: readonly ImportItem[]): PlannedChart[] {
  const charts = new Map<string, PlannedChart>();
  for (const { chart, app } of items) {
    const entry = charts.get(chart);
    if (entry) entry.versions += 1;
    else charts.set(chart, { chart, app, versions: 1 });
  }
  return [...charts.values()];
}

/** The repository with another way to its index; packages come from it as before. */
function withIndexLoader(
  repo: ChartRepository,
  loadIndex: (signal?: AbortSignal) => Promise<RepoIndex>,
): ChartRepository {
  return {
    loadIndex,
    fetchPackage: (ref, signal) => repo.fetchPackage(ref, signal),
    ...(repo.packageSize
      ? { packageSize: (ref, signal) => repo.packageSize?.(ref, signal) ?? Promise.resolve(undefined) }
      : {}),
    ...(repo.fetchIcon ? { fetchIcon: repo.fetchIcon.bind(repo) } : {}),
    ...(repo.loadSignature ? { loadSignature: repo.loadSignature.bind(repo) } : {}),
    ...(repo.partialIndex ? { partialIndex: true } : {}),
  };
}

/** The repository with its index already in hand: a full run does not download it again. */
function withLoadedIndex(repo: ChartRepository, index: RepoIndex): ChartRepository {
  return withIndexLoader(repo, () => Promise.resolve(index));
}

/** The repository as is, remembering the index it loads (for the record of the run). */
function rememberingIndex(repo: ChartRepository): {
  repo: ChartRepository;
  index: () => RepoIndex | undefined;
} {
  let loaded: RepoIndex | undefined;
  const load = async (signal?: AbortSignal): Promise<RepoIndex> => {
    loaded = await repo.loadIndex(signal);
    return loaded;
  };
  return { repo: withIndexLoader(repo, load), index: () => loaded };
}

/** The record of a run that imported everything, from one more app list; undefined otherwise. */
async function recordAfterRun(
  report: ImportReport,
  store: AppStore,
  options: ImportOptions,
  fields: { indexDigest: string; settings: string; now: () => Date },
): Promise<RunRecord | undefined> {
  // A prune to do again: no record, so the next run is a full one (record.ts pruneLeftWork).
  if (!importedEverything(report) || pruneLeftWork(report, options.prune)) return undefined;
  let listed: StoreApp[];
  try {
    // Not the cancel signal: a cancel that left nothing undone still ends a complete run.
    listed = await store.listApps(options.signal);
  } catch (error) {
    const warning = say('store-apps-unlisted', { problem: reasonOf(error) });
    report.warnings.push(warning);
    options.onEvent?.({ type: 'warning', warning });
    return undefined;
  }
  const { indexDigest, settings, now } = fields;
  return recordOfRun(report, listed, { indexDigest, settings, fullRunAt: now().toISOString() });
}

function eitherSignal(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}
