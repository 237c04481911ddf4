// Reads the store state a plan or a preview needs: the apps that charts of this repository map
// to, the apps uploaded by hand that charts without one may adopt (plan/adopt.ts), and those
// apps' versions. Nothing else of the store is read.
import pLimit from 'p-limit';

import { adoptionCandidates } from '../plan/adopt.js';
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
  also?: AlsoRead,
): Promise<StoreSnapshot> {
  if (charts.length === 0 && also === undefined) return { apps: new Map(), versions: new Map() };
  return beginSnapshot(store, context, concurrency, signal).complete(charts, also);
}

/** Apps read besides the charts' own (with their versions): those of charts the index lost (plan/removed.ts). */
export type AlsoRead = (app: StoreApp) => boolean;

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
): { complete: (charts: readonly string[], also?: AlsoRead) => Promise<StoreSnapshot> } {
  const apps = store.listApps(signal);
  apps.catch(() => undefined);
  return {
    complete: (charts, also) => completeSnapshot(store, apps, charts, context, concurrency, signal, also),
  };
}

async function completeSnapshot(
  store: AppStore,
  apps: Promise<StoreApp[]>,
  charts: readonly string[],
  context: SnapshotContext,
  concurrency: number,
  signal?: AbortSignal,
  also?: AlsoRead,
): Promise<StoreSnapshot> {
  const snapshot: StoreSnapshot = { apps: new Map(), versions: new Map() };
  const wanted = new Set(charts.map((chart) => appNameFor({ ...context, chartName: chart })));
  const listed = await apps;
  for (const app of listed) if (wanted.has(app.name) || also?.(app)) snapshot.apps.set(app.name, app);
  // Charts without their own app: the apps uploaded by hand they may go to, versions and all.
  const candidates = adoptionCandidates(listed, charts, context);
  if (candidates.size > 0) snapshot.candidates = candidates;
  const adoptable = [...candidates.values()].flat().map(({ name }) => name);
  const limit = pLimit(Math.max(1, concurrency));
  await Promise.all(
    [...new Set([...snapshot.apps.keys(), ...adoptable])].map((name) =>
      limit(async () => snapshot.versions.set(name, await store.listVersions(name, signal))),
    ),
  );
  return snapshot;
}
