// Reads the store state a plan or a preview needs: the apps that charts of this repository map
// to, and those apps' versions. Nothing else of the store is read.
import pLimit from 'p-limit';

import type { PlanContext, StoreSnapshot } from '../plan/plan.js';
import { appNameFor } from '../store/names.js';
import type { AppStore, StoreApp } from '../store/types.js';

type SnapshotContext = Pick<PlanContext, 'repoUrl' | 'workspace'>;

export async function readSnapshot(
  store: AppStore,
  charts: readonly string[],
  context: SnapshotContext,
  concurrency: number,
  signal?: AbortSignal,
): Promise<StoreSnapshot> {
  if (charts.length === 0) return { apps: new Map(), versions: new Map() };
  return beginSnapshot(store, context, concurrency, signal).complete(charts);
}

/**
 * Starts reading the store's apps now, before the charts are known (the list does not depend on
 * them: it can go while the index loads); `complete` keeps the charts' apps and reads their
 * versions. A snapshot never completed leaves the apps unread, its failure unreported.
 */
export function beginSnapshot(
  store: AppStore,
  context: SnapshotContext,
  concurrency: number,
  signal?: AbortSignal,
): { complete: (charts: readonly string[]) => Promise<StoreSnapshot> } {
  const apps = store.listApps(signal);
  apps.catch(() => undefined);
  return { complete: (charts) => completeSnapshot(store, apps, charts, context, concurrency, signal) };
}

async function completeSnapshot(
  store: AppStore,
  apps: Promise<StoreApp[]>,
  charts: readonly string[],
  context: SnapshotContext,
  concurrency: number,
  signal?: AbortSignal,
): Promise<StoreSnapshot> {
  const snapshot: StoreSnapshot = { apps: new Map(), versions: new Map() };
  const wanted = new Set(charts.map((chart) => appNameFor({ ...context, chartName: chart })));
  for (const app of await apps) if (wanted.has(app.name)) snapshot.apps.set(app.name, app);
  const limit = pLimit(Math.max(1, concurrency));
  await Promise.all(
    [...snapshot.apps.keys()].map((name) =>
      limit(async () => snapshot.versions.set(name, await store.listVersions(name, signal))),
    ),
  );
  return snapshot;
}
