// Reads the store state a plan or a preview needs: the apps that charts of this repository map
// to, and those apps' versions. Nothing else of the store is read.
import pLimit from 'p-limit';

import type { PlanContext, StoreSnapshot } from '../plan/plan.js';
import { appNameFor } from '../store/names.js';
import type { AppStore } from '../store/types.js';

export async function readSnapshot(
  store: AppStore,
  charts: readonly string[],
  context: PlanContext,
  concurrency: number,
  signal?: AbortSignal,
): Promise<StoreSnapshot> {
  const snapshot: StoreSnapshot = { apps: new Map(), versions: new Map() };
  if (charts.length === 0) return snapshot;
  const wanted = new Set(charts.map((chart) => appNameFor({ ...context, chartName: chart })));
  for (const app of await store.listApps(signal)) if (wanted.has(app.name)) snapshot.apps.set(app.name, app);
  const limit = pLimit(Math.max(1, concurrency));
  await Promise.all(
    [...snapshot.apps.keys()].map((name) =>
      limit(async () => snapshot.versions.set(name, await store.listVersions(name, signal))),
    ),
  );
  return snapshot;
}
