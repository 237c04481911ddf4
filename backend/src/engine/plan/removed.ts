// Versions the repository no longer lists ("removed upstream"), and which of them a prune removes.
// Pure: the store state comes in a snapshot, what KubeSphere reports in use as a set.
import { say, shown, type Message } from '../messages/index.js';
import type { ChartVersionRef } from '../repo/types.js';
import { storedVersionFinder } from '../store/dialect.js';
import { appNameFor } from '../store/names.js';
import type { StoreApp, StoreRules, StoreVersion } from '../store/types.js';
import { compareChartVersions, parseChartVersion } from '../version.js';
import type { StoreSnapshot } from './plan.js';

export interface RemovedContext {
  repoUrl: string;
  workspace: string | undefined;
  rules: StoreRules;
}

/** One chart's store versions that its repository no longer lists. */
export interface RemovedChart {
  chart: string;
  app: string;
  /** The versions the index no longer lists, newest first. */
  removed: StoreVersion[];
  /** Every version the app has in the store. */
  storeVersions: StoreVersion[];
  /** The chart is gone from the index altogether. */
  chartGone: boolean;
}

/** What a prune does with one version removed upstream. */
export interface PruneDecision {
  chart: string;
  app: string;
  /** The version as the store names it (spec.versionName). */
  version: string;
  /** The ApplicationVersion's object name (the DELETE path's). */
  name: string;
  action: 'remove' | 'keep';
  reason: Message;
}

/**
 * An app this importer created for this repository and target: its name is the one the importer
 * derives from its chart (store/names.ts), and the upload sent the chart name as `originalName`.
 */
export function createdByImporter(app: StoreApp, context: Omit<RemovedContext, 'rules'>): boolean {
  return (
    app.originalName !== '' &&
    appNameFor({ repoUrl: context.repoUrl, workspace: context.workspace, chartName: app.originalName }) ===
      app.name
  );
}

/**
 * What the repository lists but the importer could not read: the index entries its warnings name
 * (a skipped entry, a chart whose versions are no list, OCI metadata not read). Such a version,
 * or a chart when the warning names no version, is not "removed". Names as shown() cuts them.
 */
export interface UnreadEntries {
  charts: ReadonlySet<string>;
  /** `${chart}\n${version}`. */
  versions: ReadonlySet<string>;
}

export function unreadEntries(warnings: readonly Message[]): UnreadEntries {
  const charts = new Set<string>();
  const versions = new Set<string>();
  for (const { params } of warnings) {
    if (typeof params.chart !== 'string') continue;
    if (typeof params.version === 'string' && params.version !== '')
      versions.add(`${params.chart}\n${params.version}`);
    else charts.add(params.chart);
  }
  return { charts, versions };
}

/**
 * The store versions of this importer's apps that the index no longer lists for their chart. The
 * whole index entry counts, not a selection: `--versions latest` does not make older versions
 * "removed"; nor do entries the index has but the importer could not read (`unread`). With a
 * chart list only those charts are looked at. Apps whose versions the snapshot did not read are
 * skipped.
 */
export function findRemovedUpstream(
  entries: ReadonlyMap<string, readonly ChartVersionRef[]>,
  snapshot: StoreSnapshot,
  context: RemovedContext,
  charts?: readonly string[],
  unread: UnreadEntries = { charts: new Set(), versions: new Set() },
): RemovedChart[] {
  const only = charts === undefined ? undefined : new Set(charts);
  const found: RemovedChart[] = [];
  for (const app of snapshot.apps.values()) {
    const chart = app.originalName;
    if (!createdByImporter(app, context) || (only && !only.has(chart))) continue;
    if (unread.charts.has(shown(chart))) continue;
    const storeVersions = snapshot.versions.get(app.name);
    if (storeVersions === undefined) continue;
    const refs = entries.get(chart) ?? [];
    const finder = storedVersionFinder(context.rules, storeVersions, app.name);
    const listed = new Set<string>();
    for (const ref of refs) {
      const stored = finder(ref.version, ref.digest);
      if (stored) listed.add(stored.name);
    }
    const removed = newestFirst(
      storeVersions.filter(
        (version) =>
          !listed.has(version.name) && !unread.versions.has(`${shown(chart)}\n${shown(version.versionName)}`),
      ),
    );
    if (removed.length > 0)
      found.push({ chart, app: app.name, removed, storeVersions, chartGone: refs.length === 0 });
  }
  return found.sort((a, b) => a.chart.localeCompare(b.chart));
}

export function countRemoved(charts: readonly RemovedChart[]): number {
  return charts.reduce((sum, chart) => sum + chart.removed.length, 0);
}

/** The warning of a run that does not prune; undefined when nothing was removed upstream. */
export function removedUpstreamWarning(charts: readonly RemovedChart[]): Message | undefined {
  const count = countRemoved(charts);
  return count === 0 ? undefined : say('versions-removed-upstream', { count, charts: charts.length });
}

/**
 * Which versions removed upstream a prune deletes. Kept: those KubeSphere reports in use
 * (`releases` by version object name), and, when no active version of the app would stay, the
 * newest active one (else, when no version at all would stay, the newest), so that no app is left
 * without a version users can install.
 */
export function decidePrune(
  charts: readonly RemovedChart[],
  releases: ReadonlyMap<string, number>,
): PruneDecision[] {
  const decisions: PruneDecision[] = [];
  for (const { chart, app, removed, storeVersions } of charts) {
    const base = (version: StoreVersion) => ({
      chart,
      app,
      version: version.versionName,
      name: version.name,
    });
    const candidates = removed.filter((version) => !releases.has(version.name));
    const remaining = storeVersions.filter((version) => !candidates.includes(version));
    // `removed` is newest first. When no active version would stay (only drafts, rejected or
    // suspended ones, or none at all), the newest active candidate is kept; with none active, the
    // newest candidate when nothing at all would stay.
    const lastKept = remaining.some(isActive)
      ? undefined
      : (candidates.find(isActive) ?? (remaining.length === 0 ? candidates[0] : undefined));
    for (const version of removed) {
      const inUse = releases.get(version.name);
      if (inUse !== undefined)
        decisions.push({
          ...base(version),
          action: 'keep',
          reason: say('prune-kept-in-use', { releases: inUse }),
        });
      else if (version === lastKept)
        decisions.push({ ...base(version), action: 'keep', reason: say('prune-kept-last-version') });
      else decisions.push({ ...base(version), action: 'remove', reason: say('prune-removed') });
    }
  }
  return decisions;
}

/** Released in the store (ReviewState `active`): what users can install. */
function isActive(version: StoreVersion): boolean {
  return version.state === 'active';
}

/** Newest first by chart version (Helm's order); versions that are no SemVer last, newest created first. */
function newestFirst(versions: StoreVersion[]): StoreVersion[] {
  return [...versions].sort((a, b) => {
    const va = parseChartVersion(a.versionName);
    const vb = parseChartVersion(b.versionName);
    if (va && vb) return compareChartVersions(vb, va);
    if (va) return -1;
    if (vb) return 1;
    return (b.created ?? '').localeCompare(a.created ?? '');
  });
}
