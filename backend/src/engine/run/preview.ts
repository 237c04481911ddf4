// What an import of a repository would do, chart by chart and version by version, without
// downloading a package or writing anything: the data of the console's preview table. Package
// sizes are looked up without downloading (see sizes.ts).
import { say, type Message } from '../messages/index.js';
import { decideCategory, type CategoryRule, type CategorySource } from '../plan/category.js';
import { planImport, type PlanContext } from '../plan/plan.js';
import { selectVersions } from '../plan/select.js';
import type { Selection, VersionAction } from '../plan/types.js';
import type { ChartRepository, ChartVersionRef } from '../repo/types.js';
import { appNameFor } from '../store/names.js';
import { storedVersionFinder } from '../store/dialect.js';
import type { AppStore } from '../store/types.js';
import { isPrerelease } from '../version.js';
import { removedUpstreamWarning } from '../plan/removed.js';
import { STORE_MAX_PACKAGE_BYTES } from './import.js';
import { pruneRemoved, removedScope, removedUpstreamChart, removedUpstreamOf } from './prune.js';
import { type SizeLookupLimits, type SizeMode, lookUpSizes } from './sizes.js';
import { readSnapshot } from './snapshot.js';
import type { PrunedVersion, RemovedUpstreamChart } from './types.js';

export type { SizeMode } from './sizes.js';

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
  /** Package size in bytes, when it was looked up and the repository told. */
  size?: number;
  /** The package is over the store's limit: the import will slim it, which may fail. Set with `size`. */
  overLimit?: boolean;
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
  /** The category it goes to (plan/category.ts): the request's mapping, an annotation, a rule. */
  category?: string;
  /** What decided `category`. */
  categorySource: CategorySource;
  /** `app` was uploaded by hand: `adopted` by an import with these options, or `found` adopted before. */
  adoption?: 'adopted' | 'found';
  /** The newest version is deprecated: Helm treats the whole chart as deprecated. */
  deprecated: boolean;
  /** Newest stable version, if any. */
  latestVersion?: string;
  /** Size of `latestVersion` (the newest version when there is no stable one), when known. */
  size?: number;
  overLimit?: boolean;
  /** Newest first. */
  versions: PreviewVersion[];
}

export interface PreviewTotals {
  charts: number;
  versions: number;
  /** Versions the selection picks. */
  selected: number;
  /** Versions whose action is `create`. */
  toCreate: number;
  inStore: number;
  /** Sum of the known sizes of the versions an import uploads (action `create` or `resume`). */
  bytesToCreate: number;
  /** Versions an import uploads whose size is unknown. */
  unknownSizes: number;
  /** Versions an import uploads that are over the store's package limit. */
  overLimit: number;
}

export interface RepoPreview {
  repo: string;
  charts: PreviewChart[];
  warnings: Message[];
  totals: PreviewTotals;
  /** The store's package limit in bytes (ks-core's without S3); 0 when there is none. */
  packageLimitBytes: number;
  /** Store versions of this importer's apps that the repository no longer lists, by chart; absent when none. */
  removedUpstream?: RemovedUpstreamChart[];
  /** With `prune`: what an import with `prune` would do to them (nothing is removed by a preview). */
  pruned?: PrunedVersion[];
}

export interface PreviewOptions {
  repoUrl: string;
  selection: Selection;
  concurrency: number;
  /** Store category by chart name, over the charts' own annotations. */
  categories?: ReadonlyMap<string, string>;
  /** After the charts' annotations: the first that matches a chart decides its category. */
  categoryRules?: readonly CategoryRule[];
  /** Which package sizes to look up. Default `latest`. */
  sizes?: SizeMode;
  /** Default ks-core's 1 MiB; 0 when the store keeps packages in S3 (no limit). */
  packageLimitBytes?: number;
  sizeLookups?: SizeLookupLimits;
  /** Say what an import with `prune` would do to the versions the repository no longer lists. */
  prune?: boolean;
  /** Plan as an import that adopts apps uploaded by hand would (plan/adopt.ts). */
  adopt?: boolean;
  signal?: AbortSignal;
}

/** Versions an import uploads: their sizes are what lands in the store. */
function uploads(action: VersionAction | 'skip'): boolean {
  return action === 'create' || action === 'resume';
}

/** The version a chart's row shows: the newest stable, not deprecated one, else the newest. */
function shownVersion(refs: readonly ChartVersionRef[]): ChartVersionRef | undefined {
  return refs.find((ref) => !ref.deprecated && !isPrerelease(ref.version)) ?? refs[0];
}

/** The versions whose sizes the mode asks for, the ones each row shows first. */
function sizeTargets(
  entries: ReadonlyMap<string, ChartVersionRef[]>,
  actionOf: (chart: string, ref: ChartVersionRef) => VersionAction | 'skip',
  mode: SizeMode,
): ChartVersionRef[] {
  if (mode === 'none') return [];
  const targets = new Set<ChartVersionRef>();
  for (const refs of entries.values()) {
    const shown = shownVersion(refs);
    if (shown) targets.add(shown);
  }
  if (mode === 'selected') {
    for (const [chart, refs] of entries)
      for (const ref of refs) if (uploads(actionOf(chart, ref))) targets.add(ref);
  }
  return [...targets];
}

export async function previewRepository(
  repo: ChartRepository,
  store: AppStore,
  options: PreviewOptions,
): Promise<RepoPreview> {
  const index = await repo.loadIndex(options.signal);
  const dialect = await store.serverDialect(options.signal);
  const context: PlanContext = {
    repoUrl: options.repoUrl,
    workspace: store.workspace,
    dialect,
    ...(options.categories ? { categories: options.categories } : {}),
    ...(options.categoryRules ? { categoryRules: options.categoryRules } : {}),
    ...(options.adopt ? { adopt: true } : {}),
    entries: index.entries,
  };
  const snapshot = await readSnapshot(
    store,
    [...index.entries.keys()],
    context,
    options.concurrency,
    options.signal,
    removedScope(options.repoUrl, store.workspace, options.selection.charts),
  );
  const selection = selectVersions(index, options.selection);
  const plan = planImport(selection, snapshot, context);
  const removed = removedUpstreamOf(
    repo,
    index,
    snapshot,
    { repoUrl: options.repoUrl, workspace: store.workspace, rules: dialect.rules },
    options.selection.charts,
  );
  const notPruned = options.prune ? undefined : removedUpstreamWarning(removed);
  const pruning = !options.prune
    ? undefined
    : repo.partialIndex
      ? { pruned: [], warnings: [say('prune-partial-index')] }
      : await pruneRemoved(store, removed, { dryRun: true, signal: options.signal });
  const planned = new Map<string, VersionAction>();
  for (const chart of plan.charts) {
    for (const version of chart.versions)
      planned.set(`${chart.chart}\n${version.ref.version}`, version.action);
  }
  const actionOf = (chart: string, ref: ChartVersionRef) => planned.get(`${chart}\n${ref.version}`) ?? 'skip';

  const limit = options.packageLimitBytes ?? STORE_MAX_PACKAGE_BYTES;
  const { sizes, warnings: sizeWarnings } = await lookUpSizes(
    repo,
    sizeTargets(index.entries, actionOf, options.sizes ?? 'latest'),
    { ...options.sizeLookups, concurrency: options.concurrency, signal: options.signal },
  );
  const sized = (ref: ChartVersionRef | undefined): { size?: number; overLimit?: boolean } => {
    const size = ref && sizes.get(ref);
    return size === undefined ? {} : { size, overLimit: limit > 0 && size > limit };
  };

  const totals: PreviewTotals = {
    charts: index.entries.size,
    versions: 0,
    selected: planned.size,
    toCreate: 0,
    inStore: 0,
    bytesToCreate: 0,
    unknownSizes: 0,
    overLimit: 0,
  };
  const charts: PreviewChart[] = [];
  // Charts going to an app uploaded by hand (plan/adopt.ts): that app is theirs.
  const adopting = new Map(plan.charts.flatMap((chart) => (chart.adoption ? [[chart.chart, chart]] : [])));
  for (const [name, refs] of index.entries) {
    const adopted = adopting.get(name);
    const app = adopted?.appName ?? appNameFor({ ...context, chartName: name });
    const storedVersion = storedVersionFinder(dialect.rules, snapshot.versions.get(app) ?? [], app);
    const versions = refs.map((ref): PreviewVersion => {
      const action = actionOf(name, ref);
      const storeState = storedVersion(ref.version, ref.digest)?.state;
      const size = sized(ref);
      if (action === 'create') totals.toCreate += 1;
      if (storeState !== undefined) totals.inStore += 1;
      if (uploads(action)) {
        if (size.size === undefined) totals.unknownSizes += 1;
        else totals.bytesToCreate += size.size;
        if (size.overLimit) totals.overLimit += 1;
      }
      return {
        version: ref.version,
        appVersion: ref.appVersion,
        created: ref.created,
        deprecated: ref.deprecated,
        prerelease: isPrerelease(ref.version),
        storeState,
        action,
        ...size,
      };
    });
    totals.versions += versions.length;
    const newest = refs[0];
    const shown = shownVersion(refs);
    const decided = newest ? decideCategory(newest, context) : undefined;
    charts.push({
      name,
      app,
      appState: adopted ? adopted.app?.state : snapshot.apps.get(app)?.state,
      ...(adopted?.adoption ? { adoption: adopted.adoption } : {}),
      description: newest?.description,
      icon: newest?.icon,
      home: newest?.home,
      category: decided?.category,
      categorySource: decided?.source ?? { kind: 'none' },
      deprecated: newest?.deprecated ?? false,
      latestVersion: shown && !shown.deprecated && !isPrerelease(shown.version) ? shown.version : undefined,
      ...sized(shown),
      versions,
    });
  }
  return {
    repo: options.repoUrl,
    charts,
    warnings: [
      ...index.warnings,
      ...(dialect.warning ? [dialect.warning] : []),
      ...plan.warnings,
      // A chart that several apps uploaded by hand hold is not imported: said before the import.
      ...plan.charts.flatMap(({ blocked }) => (blocked?.code === 'adopt-ambiguous' ? [blocked] : [])),
      ...sizeWarnings,
      ...(notPruned ? [notPruned] : []),
      ...(pruning?.warnings ?? []),
    ],
    totals,
    packageLimitBytes: limit,
    ...(removed.length > 0 ? { removedUpstream: removed.map(removedUpstreamChart) } : {}),
    ...(pruning ? { pruned: pruning.pruned } : {}),
  };
}
