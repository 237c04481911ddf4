// Removing the store versions the repository no longer lists (--prune): asks KubeSphere which are
// in use, decides (plan/removed.ts), then deletes through the App Store API. A dry run asks but
// deletes nothing. When KubeSphere cannot say what is in use, nothing is deleted.
import { StoreError, reasonOf } from '../errors.js';
import { say, type Message } from '../messages/index.js';
import type { StoreSnapshot } from '../plan/plan.js';
import {
  createdByImporter,
  decidePrune,
  findRemovedUpstream,
  unreadEntries,
  type PruneDecision,
  type RemovedChart,
  type RemovedContext,
} from '../plan/removed.js';
import type { ChartRepository, RepoIndex } from '../repo/types.js';
import type { AppStore, StoreApp } from '../store/types.js';
import type { PrunedVersion, RemovedUpstreamChart } from './types.js';

export interface PruneOptions {
  dryRun: boolean;
  signal?: AbortSignal;
  onPruned?: (entry: PrunedVersion) => void;
}

export interface PruneOutcome {
  pruned: PrunedVersion[];
  warnings: Message[];
}

/**
 * The store versions of this importer's apps that the repository no longer lists. None from an
 * offline bundle, whose index is a selection (what it lacks may still be listed by the
 * repository), nor from an index without a single chart (a stub or a broken mirror is more likely
 * than a repository that removed everything).
 */
export function removedUpstreamOf(
  repo: ChartRepository,
  index: RepoIndex,
  snapshot: StoreSnapshot,
  context: RemovedContext,
  charts?: readonly string[],
): RemovedChart[] {
  if (repo.partialIndex || index.entries.size === 0) return [];
  return findRemovedUpstream(index.entries, snapshot, context, charts, unreadEntries(index.warnings));
}

/** The store apps whose versions a run reads besides its charts': this importer's, of the charts in scope. */
export function removedScope(
  repoUrl: string,
  workspace: string | undefined,
  charts: readonly string[] | undefined,
): (app: StoreApp) => boolean {
  const only = charts === undefined ? undefined : new Set(charts);
  return (app) => createdByImporter(app, { repoUrl, workspace }) && (!only || only.has(app.originalName));
}

export function removedUpstreamChart({ chart, app, removed, chartGone }: RemovedChart): RemovedUpstreamChart {
  return { chart, app, versions: removed.map((version) => version.versionName), chartGone };
}

export async function pruneRemoved(
  store: AppStore,
  charts: readonly RemovedChart[],
  options: PruneOptions,
): Promise<PruneOutcome> {
  if (charts.length === 0) return { pruned: [], warnings: [] };
  const names = charts.flatMap((chart) => chart.removed.map((version) => version.name));
  let releases: Map<string, number>;
  try {
    if (!store.versionsInUse) throw new Error('this App Store client cannot list installed applications');
    releases = await store.versionsInUse(names, options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const warning = say('prune-in-use-unknown', { problem: reasonOf(error) });
    const kept = charts.flatMap((chart) =>
      chart.removed.map((version): PrunedVersion =>
        entry(
          { chart: chart.chart, app: chart.app, version: version.versionName },
          'kept',
          say('prune-kept-unverified'),
        ),
      ),
    );
    for (const pruned of kept) options.onPruned?.(pruned);
    return { pruned: kept, warnings: [warning] };
  }
  const decisions = decidePrune(charts, releases);
  // One version at a time: the store client bounds calls anyway, and the order is the report's.
  const pruned: PrunedVersion[] = [];
  for (const decision of decisions) {
    const outcome = await carryOut(store, decision, options);
    pruned.push(outcome);
    options.onPruned?.(outcome);
  }
  return { pruned, warnings: [] };
}

async function carryOut(
  store: AppStore,
  decision: PruneDecision,
  { dryRun, signal }: PruneOptions,
): Promise<PrunedVersion> {
  if (decision.action === 'keep') return entry(decision, 'kept', decision.reason);
  if (dryRun) return entry(decision, 'planned', decision.reason);
  try {
    await store.deleteVersion(decision.app, decision.name, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    // Gone already (another run, a person): what was asked for is done.
    if (!(error instanceof StoreError && error.status === 404))
      return entry(decision, 'kept', say('prune-delete-failed', { problem: reasonOf(error) }));
  }
  return entry(decision, 'removed', decision.reason);
}

function entry(
  { chart, app, version }: Pick<PruneDecision, 'chart' | 'app' | 'version'>,
  status: PrunedVersion['status'],
  reason: Message,
): PrunedVersion {
  return { chart, version, app, status, reason: reason.message, reasons: [reason] };
}
