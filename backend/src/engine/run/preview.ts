// What an import of a repository would do, chart by chart and version by version, without
// downloading a package or writing anything: the data of the console's preview table.
import { categoryOf, planImport, type PlanContext } from '../plan/plan.js';
import { selectVersions } from '../plan/select.js';
import type { Selection, VersionAction } from '../plan/types.js';
import type { ChartRepository } from '../repo/types.js';
import { appNameFor } from '../store/names.js';
import type { AppStore } from '../store/types.js';
import { isPrerelease } from '../version.js';
import { readSnapshot } from './snapshot.js';

export interface PreviewVersion {
  version: string;
  appVersion?: string;
  created?: string;
  deprecated: boolean;
  prerelease: boolean;
  /** State of this version in the store, when it is there. */
  storeState?: string;
  /** What an import with the given selection does to it; 'skip' when the selection leaves it out. */
  action: VersionAction | 'skip';
}

export interface PreviewChart {
  name: string;
  /** The store app the chart maps to (whether or not it exists yet). */
  app: string;
  /** State of that app in the store, when it exists. */
  appState?: string;
  description?: string;
  icon?: string;
  home?: string;
  category?: string;
  /** The newest version is deprecated: Helm treats the whole chart as deprecated. */
  deprecated: boolean;
  /** Newest stable version, if any. */
  latestVersion?: string;
  /** Newest first. */
  versions: PreviewVersion[];
}

export interface RepoPreview {
  repo: string;
  charts: PreviewChart[];
  warnings: string[];
  totals: { charts: number; versions: number; selected: number; toCreate: number; inStore: number };
}

export interface PreviewOptions {
  repoUrl: string;
  selection: Selection;
  concurrency: number;
  signal?: AbortSignal;
}

export async function previewRepository(
  repo: ChartRepository,
  store: AppStore,
  options: PreviewOptions,
): Promise<RepoPreview> {
  const index = await repo.loadIndex(options.signal);
  const context: PlanContext = { repoUrl: options.repoUrl, workspace: store.workspace };
  const snapshot = await readSnapshot(
    store,
    [...index.entries.keys()],
    context,
    options.concurrency,
    options.signal,
  );
  const selection = selectVersions(index, options.selection);
  const plan = planImport(selection, snapshot, context);
  const planned = new Map<string, VersionAction>();
  for (const chart of plan.charts) {
    for (const version of chart.versions)
      planned.set(`${chart.chart}\n${version.ref.version}`, version.action);
  }

  const totals = { charts: index.entries.size, versions: 0, selected: planned.size, toCreate: 0, inStore: 0 };
  const charts: PreviewChart[] = [];
  for (const [name, refs] of index.entries) {
    const app = appNameFor({ ...context, chartName: name });
    const storeVersions = new Map((snapshot.versions.get(app) ?? []).map((v) => [v.versionName, v.state]));
    const newest = refs[0];
    const versions = refs.map((ref): PreviewVersion => {
      const action = planned.get(`${name}\n${ref.version}`) ?? 'skip';
      const storeState = storeVersions.get(ref.version);
      if (action === 'create') totals.toCreate += 1;
      if (storeState !== undefined) totals.inStore += 1;
      return {
        version: ref.version,
        appVersion: ref.appVersion,
        created: ref.created,
        deprecated: ref.deprecated,
        prerelease: isPrerelease(ref.version),
        storeState,
        action,
      };
    });
    totals.versions += versions.length;
    charts.push({
      name,
      app,
      appState: snapshot.apps.get(app)?.state,
      description: newest?.description,
      icon: newest?.icon,
      home: newest?.home,
      category: newest ? categoryOf(newest.annotations) : undefined,
      deprecated: newest?.deprecated ?? false,
      latestVersion: versions.find((v) => !v.prerelease && !v.deprecated)?.version,
      versions,
    });
  }
  return { repo: options.repoUrl, charts, warnings: [...index.warnings, ...plan.warnings], totals };
}
