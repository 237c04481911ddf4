// Runs an import: index -> selection -> store snapshot -> plan -> uploads and publishing.
// Idempotent: app names are derived from repo and chart, and every step first looks at what
// the store already has, so a re-run, or a run after an interruption, converges on one store.
import { createHash } from 'node:crypto';

import { checkPackageIdentity, inspectChart, slimChart, type ChartMetadata } from '../chart/index.js';
import { CancelledError, StoreError, StoreMissingError, isConflict, reasonOf } from '../errors.js';
import { describeError } from '../messages/describe.js';
import { failedWith, noted, say, shown, type Message } from '../messages/index.js';
import { longestFirst, newestLast } from '../plan/order.js';
import { uploadedByHand } from '../plan/adopt.js';
import { isUnfinished, planImport, selectedChartCategory, type PlanContext } from '../plan/plan.js';
import { removedUpstreamWarning } from '../plan/removed.js';
import { selectVersions } from '../plan/select.js';
import type { ChartPlan, ImportPlan, PublishMode, VersionPlan } from '../plan/types.js';
import type { ChartRepository, ChartVersionRef, RepoIndex } from '../repo/types.js';
import { findStoredVersion, storedVersionName, versionObjectName } from '../store/dialect.js';
import type {
  AppStore,
  ReviewState,
  StoreApp,
  StoreDialect,
  StoreVersion,
  UploadRequest,
} from '../store/types.js';
import { adoptedApps, withAdoptionNote } from './adoption.js';
import { CategoryResolver } from './categories.js';
import { storableIcon, type StoredIcon } from './icons.js';
import { limitStoreCalls } from './limited-store.js';
import { RankedLimit } from './ranked-limit.js';
import { settleWrite } from './settle.js';
import { lookUpSizes } from './sizes.js';
import { pruneRemoved, removedScope, removedUpstreamChart, removedUpstreamOf } from './prune.js';
import { beginSnapshot } from './snapshot.js';
import { SignatureCheck, withSignatureLine } from '../verify/index.js';
import type {
  ImportEvent,
  ImportItem,
  ImportOptions,
  ImportReport,
  ImportSummary,
  PrunedVersion,
} from './types.js';

/** ks-core's maxFileSize without an OSS store (handler_app.go). */
export const STORE_MAX_PACKAGE_BYTES = 1_048_576;
/** A package-less draft younger than this may still be uploading in another run: leave it. */
const DRAFT_GRACE_MS = 120_000;
const DEFAULT_LARGE_PLAN_VERSIONS = 200;

const TARGET_STATE: Record<PublishMode, ReviewState | undefined> = {
  active: 'active',
  review: 'submitted',
  draft: undefined,
};
/** A version whose signature fails under the policy require: never released. */
const HELD_STATE: Record<PublishMode, ReviewState | undefined> = {
  active: undefined,
  review: 'submitted',
  draft: undefined,
};

export async function runImport(
  repo: ChartRepository,
  appStore: AppStore,
  options: ImportOptions,
): Promise<ImportReport> {
  const emit = options.onEvent ?? (() => undefined);
  // Keys are read before anything else: a keyring that cannot be read stops the run at once.
  const signatures = await SignatureCheck.create(options.verify);
  const store = limitStoreCalls(appStore, options.concurrency);
  // Until the uploads start nothing is written, so a cancel stops the reads at once.
  const readSignal = eitherSignal(options.signal, options.cancel);
  // The store's dialect and apps do not depend on the index: read them while it loads.
  const dialectRead = store.serverDialect(readSignal);
  dialectRead.catch(() => undefined);
  const snapshotRead = beginSnapshot(
    store,
    { repoUrl: options.repoUrl, workspace: store.workspace },
    options.concurrency,
    readSignal,
  );
  const index = await repo.loadIndex(readSignal);
  emit({ type: 'index', charts: index.entries.size, versions: countVersions(index) });

  const selection = selectVersions(index, options.selection);
  const categories = new CategoryResolver(store);
  // The first upload of a chart with a category needs the store's categories: read them now,
  // beside the apps, rather than in front of that upload.
  const namesCategory = selection.charts.some(
    (chart) => selectedChartCategory(chart, options).category !== undefined,
  );
  if (!options.dryRun && namesCategory) categories.preload(options.signal);
  const [dialect, snapshot] = await Promise.all([
    dialectRead,
    snapshotRead.complete(
      selection.charts.map(({ chart }) => chart),
      removedScope(options.repoUrl, store.workspace, options.selection.charts),
    ),
  ]);
  const context: PlanContext = {
    repoUrl: options.repoUrl,
    workspace: store.workspace,
    dialect,
    ...(options.categories ? { categories: options.categories } : {}),
    ...(options.categoryRules ? { categoryRules: options.categoryRules } : {}),
    ...(options.adopt ? { adopt: true } : {}),
    entries: index.entries,
  };
  const plan = planImport(selection, snapshot, context);
  const removed = removedUpstreamOf(
    repo,
    index,
    snapshot,
    { repoUrl: options.repoUrl, workspace: store.workspace, rules: dialect.rules },
    options.selection.charts,
  );
  const notPruned = options.prune ? undefined : removedUpstreamWarning(removed);
  const warnings = [
    ...aboutSelection(index.warnings, options.selection.charts),
    ...(dialect.warning ? [dialect.warning] : []),
    ...plan.warnings,
    ...(notPruned ? [notPruned] : []),
  ];
  for (const warning of warnings) emit({ type: 'warning', warning });

  const toUpload = plan.charts.reduce(
    (sum, chart) => sum + chart.versions.filter((version) => version.action === 'create').length,
    0,
  );
  const total =
    plan.charts.reduce((sum, chart) => sum + chart.versions.length, 0) + plan.missingCharts.length;
  const planned = [
    ...plan.charts.map((chart) => ({
      chart: chart.chart,
      app: chart.appName,
      versions: chart.versions.length,
    })),
    ...plan.missingCharts.map((chart) => ({ chart, app: '', versions: 1 })),
  ];
  emit({ type: 'plan', charts: plan.charts.length, versions: total, toUpload, planned });
  const largePlan = options.largePlanVersions ?? DEFAULT_LARGE_PLAN_VERSIONS;
  if (toUpload > largePlan) {
    const warning = say('large-plan', { count: toUpload, gib: Math.ceil(toUpload / 1024) });
    warnings.push(warning);
    emit({ type: 'warning', warning });
  }

  const items: ImportItem[] = [];
  const adopted = adoptedApps(plan);
  const record = (outcome: ImportItem): void => {
    const item = withAdoptionNote(outcome, adopted);
    items.push(item);
    emit({ type: 'item', item, done: items.length, total });
  };
  for (const chart of plan.missingCharts) {
    record({
      chart,
      version: '',
      status: 'failed',
      app: '',
      ...failedWith(say('chart-missing')),
    });
  }

  let overLimit: number | undefined;
  if (options.dryRun) {
    const oversize = await oversizePackages(repo, plan, options, readSignal);
    for (const warning of oversize.warnings) {
      warnings.push(warning);
      emit({ type: 'warning', warning });
    }
    for (const chart of plan.charts) for (const item of dryRunItems(chart, oversize.note)) record(item);
    if (options.dryRunSizes) overLimit = oversize.count;
  } else {
    const importer = new ChartImporter(
      repo,
      store,
      dialect,
      categories,
      options,
      readSignal,
      record,
      signatures,
    );
    await importer.importAll(plan);
  }
  // After the imports, so that a cancel or a failure that stops the run removes nothing.
  let pruned: PrunedVersion[] | undefined;
  if (options.prune && repo.partialIndex) {
    pruned = [];
    const warning = say('prune-partial-index');
    warnings.push(warning);
    emit({ type: 'warning', warning });
  } else if (options.prune && !options.cancel?.aborted) {
    const outcome = await pruneRemoved(store, removed, {
      dryRun: options.dryRun,
      signal: options.signal,
      onPruned: (entry) => {
        emit({ type: 'pruned', entry });
      },
    });
    pruned = outcome.pruned;
    for (const warning of outcome.warnings) {
      warnings.push(warning);
      emit({ type: 'warning', warning });
    }
  }
  // Items arrive as versions finish; the report lists them in plan order, whatever the schedule.
  const report: ImportReport = {
    repo: options.repoUrl,
    items: inPlanOrder(items, plan),
    summary: summarize(items),
    warnings,
    ...(removed.length > 0 ? { removedUpstream: removed.map(removedUpstreamChart) } : {}),
    ...(pruned ? { pruned } : {}),
  };
  return overLimit === undefined ? report : { ...report, overLimit };
}

/**
 * The index's warnings that concern the run: with a chart list, those about other charts are left
 * out (they would read as the run's problems); warnings about no chart in particular stay.
 */
function aboutSelection(warnings: readonly Message[], charts: readonly string[] | undefined): Message[] {
  if (charts === undefined) return [...warnings];
  // A warning names its chart as shown() cuts it.
  const selected = new Set(charts.map((chart) => shown(chart)));
  return warnings.filter(({ params }) => typeof params.chart !== 'string' || selected.has(params.chart));
}

/** Versions a dry run would upload, over the store's package limit, by size lookups (sizes.ts). */
interface Oversize {
  /** The note of such a version's item; undefined for the others. */
  note: (ref: ChartVersionRef) => Message | undefined;
  count: number;
  warnings: Message[];
}

async function oversizePackages(
  repo: ChartRepository,
  plan: ImportPlan,
  options: ImportOptions,
  signal: AbortSignal | undefined,
): Promise<Oversize> {
  const limit = options.maxPackageBytes ?? STORE_MAX_PACKAGE_BYTES;
  if (!options.dryRunSizes || limit <= 0) return { note: () => undefined, count: 0, warnings: [] };
  const uploads = plan.charts.flatMap((chart) =>
    chart.blocked
      ? []
      : chart.versions
          .filter((version) => !version.refused && version.action !== 'exists')
          .map((version) => version.ref),
  );
  const { sizes, warnings } = await lookUpSizes(repo, uploads, { concurrency: options.concurrency, signal });
  const over = new Set(uploads.filter((ref) => (sizes.get(ref) ?? 0) > limit));
  return {
    note: (ref) =>
      over.has(ref)
        ? say('package-over-limit', { sizeBytes: sizes.get(ref) ?? 0, limitBytes: limit })
        : undefined,
    count: over.size,
    warnings,
  };
}

function eitherSignal(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

/** Charts the repository lacks first (they are reported first), then the plan's, oldest version first. */
function inPlanOrder(items: readonly ImportItem[], plan: ImportPlan): ImportItem[] {
  const position = new Map<string, number>();
  const keyOf = (chart: string, version: string): string => `${chart}\n${version}`;
  for (const chart of plan.missingCharts) position.set(keyOf(chart, ''), position.size);
  for (const chart of plan.charts)
    for (const { ref } of chart.versions) position.set(keyOf(chart.chart, ref.version), position.size);
  const positionOf = (item: ImportItem): number =>
    position.get(keyOf(item.chart, item.version)) ?? position.size;
  return [...items].sort((a, b) => positionOf(a) - positionOf(b));
}

function countVersions(index: RepoIndex): number {
  let count = 0;
  for (const versions of index.entries.values()) count += versions.length;
  return count;
}

function dryRunItems(chart: ChartPlan, oversize: Oversize['note']): ImportItem[] {
  return chart.versions.map(({ ref, action }) => {
    const base = { chart: chart.chart, version: ref.version, app: chart.appName };
    const refused = chart.blocked ?? chart.versions.find((version) => version.ref === ref)?.refused;
    if (refused) return { ...base, status: 'failed', ...failedWith(refused) };
    if (action === 'exists') return { ...base, status: 'exists', reason: '' };
    const tooLarge = oversize(ref);
    const notes = [
      ...(action === 'resume' ? [say('draft-will-resume')] : []),
      ...(tooLarge === undefined ? [] : [tooLarge]),
    ];
    return { ...base, status: 'planned', ...noted(notes) };
  });
}

export function summarize(items: readonly ImportItem[]): ImportSummary {
  const summary: ImportSummary = { created: 0, exists: 0, failed: 0, planned: 0 };
  for (const item of items) summary[item.status] += 1;
  return summary;
}

/**
 * Versions in hand per store call in flight: while `concurrency` versions wait on KubeSphere,
 * as many more download and inspect their packages, so the store never waits on a download.
 * Memory follows it: at most 2 x concurrency packages at once, whatever the repository's size.
 */
const VERSIONS_IN_HAND_PER_CALL = 2;

/** One chart while its versions are imported; its version tasks share it. */
interface ChartProgress {
  readonly chart: ChartPlan;
  /** The store app, once the store has it (found by the plan or created by a version). */
  app: StoreApp | undefined;
  /** The app's versions in the store, as far as this run knows. */
  versions: StoreVersion[];
  /** One of its versions is active: the app is released once its versions are in. */
  published: boolean;
}

/**
 * Imports the versions of a plan's charts, longest chart first. Store calls are bounded by the
 * store given (limitStoreCalls); the versions in hand by a ranked limit, so a long chart's
 * versions overtake the short charts still waiting.
 */
class ChartImporter {
  /** Learnt from the first refused upload: the store has no S3, so big packages are slimmed first. */
  private storeHasOss: boolean | undefined;
  /** An error that stops the whole run: no store, or credentials refused for writes. */
  private fatal: StoreError | undefined;
  /** A cancel left a version or a chart undone. */
  private stopped = false;
  private readonly inHand: RankedLimit;
  /** App name -> its icon as stored (run/icons.ts). */
  private readonly icons = new Map<string, Promise<StoredIcon>>();

  /**
   * `options.signal` aborts store writes (a hard stop); `readSignal`, which a cancel aborts too,
   * is for downloads: a version whose package is not uploaded yet has nothing in the store.
   */
  constructor(
    private readonly repo: ChartRepository,
    private readonly store: AppStore,
    private readonly dialect: StoreDialect,
    private readonly categories: CategoryResolver,
    private readonly options: ImportOptions,
    private readonly readSignal: AbortSignal | undefined,
    private readonly record: (item: ImportItem) => void,
    /** The run's signature policy and keys; undefined when the policy is off. */
    private readonly signatures?: SignatureCheck,
  ) {
    this.inHand = new RankedLimit(VERSIONS_IN_HAND_PER_CALL * Math.max(1, options.concurrency));
  }

  async importAll(plan: ImportPlan): Promise<void> {
    // Every chart settles before the run ends: after a cancel, the versions in flight finish
    // their writes and are reported, so that nothing lands in the store after the run's end.
    await settleAll(longestFirst(plan.charts).map((chart, rank) => this.importChart(chart, rank)));
    if (this.stopped) throw new CancelledError('the import was cancelled');
    if (this.fatal) throw this.fatal;
  }

  /** A method, not a getter: TypeScript would keep a getter's narrowed value across awaits. */
  private cancelled(): boolean {
    return this.options.cancel?.aborted === true;
  }

  private fail(chart: ChartPlan, version: VersionPlan, reason: Message): void {
    this.record({
      chart: chart.chart,
      version: version.ref.version,
      status: 'failed',
      app: chart.appName,
      ...failedWith(reason),
    });
  }

  /**
   * One version at a time until the app exists (its first version creates it), then the others
   * at once, the newest last (plan/order.ts newestLast), then the app's release.
   */
  private async importChart(chart: ChartPlan, rank: number): Promise<void> {
    if (chart.blocked) {
      for (const version of chart.versions) this.fail(chart, version, chart.blocked);
      return;
    }
    const progress: ChartProgress = {
      chart,
      app: chart.app,
      versions: chart.storeVersions,
      published: false,
    };
    const inTurn = (version: VersionPlan): Promise<void> =>
      this.inHand.run(rank, () => this.importVersionInTurn(progress, version));
    let first = 0;
    while (first < chart.versions.length && !progress.app && !this.cancelled()) {
      const version = chart.versions[first];
      first += 1;
      if (version) await inTurn(version);
    }
    const { meanwhile, later } = newestLast(chart, chart.versions.slice(first));
    await settleAll(meanwhile.map(inTurn));
    await settleAll(later.map(inTurn));
    // Also after a cancel: the versions made active get their app released.
    if (progress.app) await this.publishApp(chart, progress.app, progress.published);
  }

  /** A version whose turn came: imported and recorded, failed with its reason, or left after a cancel. */
  private async importVersionInTurn(progress: ChartProgress, version: VersionPlan): Promise<void> {
    const { chart } = progress;
    if (this.options.signal?.aborted) throw new CancelledError('the import was cancelled');
    // A version whose turn comes after a cancel does not start.
    if (this.cancelled()) {
      this.stopped = true;
      return;
    }
    if (this.fatal) {
      this.fail(chart, version, describeError(this.fatal));
      return;
    }
    if (version.refused) {
      this.fail(chart, version, version.refused);
      return;
    }
    try {
      const result = await this.importVersion(chart, version, progress.app, progress.versions);
      // Whatever wrote the version (this run or another), the app exists now: release it below.
      if (!progress.app && result.item.status !== 'failed')
        progress.app = {
          name: chart.appName,
          state: 'draft',
          workspace: '',
          categoryName: '',
          originalName: chart.chart,
        };
      if (result.stored) progress.versions = [...progress.versions, result.stored];
      progress.published ||= result.published;
      this.record({ chart: chart.chart, version: version.ref.version, app: chart.appName, ...result.item });
    } catch (error) {
      if (error instanceof CancelledError) {
        // A cancel only stops a version before its first write (see importVersion).
        if (this.options.signal?.aborted || !this.cancelled()) throw error;
        this.stopped = true;
        return;
      }
      if (isFatal(error)) this.fatal = error;
      this.fail(chart, version, describeError(error));
    }
  }

  /** The icon of a chart's new app, fetched once per app however many of its versions try to create it. */
  private storedIcon(chart: ChartPlan, icon: string | undefined): Promise<StoredIcon> {
    let stored = this.icons.get(chart.appName);
    if (!stored) {
      stored =
        this.options.icons === false
          ? Promise.resolve({})
          : storableIcon(chart.chart, icon, this.repo.fetchIcon?.bind(this.repo), this.readSignal);
      this.icons.set(chart.appName, stored);
    }
    return stored;
  }

  /** The store's version for a chart version (the server's naming, store/dialect.ts). */
  private stored(
    versions: readonly StoreVersion[],
    appName: string,
    ref: { version: string; digest?: string },
  ): StoreVersion | undefined {
    return findStoredVersion(this.dialect.rules, versions, appName, ref.version, ref.digest);
  }

  private async importVersion(
    chart: ChartPlan,
    version: VersionPlan,
    app: StoreApp | undefined,
    versions: readonly StoreVersion[],
  ): Promise<VersionOutcome> {
    const { signal } = this.options;
    const existing = this.stored(versions, chart.appName, version.ref);
    if (existing) {
      // A version uploaded by hand to an adopted app stays as the admin left it (plan/adopt.ts).
      if (chart.adoption && uploadedByHand(existing))
        return { item: { status: 'exists', reason: '' }, published: existing.state === 'active' };
      const outcome = await this.finishExisting(chart, existing);
      if (outcome) return outcome;
    }

    const pkg = await this.repo.fetchPackage(version.ref, this.readSignal);
    const notes: Message[] = [];
    if (pkg.digestWarning) notes.push(pkg.digestWarning);
    const metadata = await this.identify(pkg.bytes, chart, version);
    // The package as downloaded, before any slimming, is what its signature covers.
    const signature = await this.signatures?.check(this.repo, version.ref, pkg, this.readSignal);
    const signed = signature && this.signatures?.outcome(signature, version.ref);
    if (signed) notes.push(...signed.notes);
    // Only the upload that creates the app sets its icon (helper.go CreateOrUpdateApp): an app the
    // store has keeps the icon it has, so a re-run fetches no icon.
    const chartIcon = metadata.icon ?? version.ref.icon;
    const icon = app ? undefined : await this.storedIcon(chart, chartIcon);
    if (icon && 'note' in icon) notes.push(icon.note);
    // The last point where a cancel drops this version: none of its writes has started.
    if (this.cancelled()) throw new CancelledError('the import was cancelled');
    const request: UploadRequest = {
      appName: chart.appName,
      originalName: metadata.name,
      aliasName: metadata.name,
      versionName: metadata.version,
      // Only the upload that creates the app sets its category (helper.go CreateOrUpdateApp; a
      // version upload leaves the app's labels): an app the store has needs no category made.
      categoryName: app ? '' : await this.categories.resolve(chart.category, signal),
      // Always a digest: an empty one is what a hand upload leaves (plan/adopt.ts). Without one in
      // the index, the downloaded package's sha256 hex, as an index or an OCI layer gives it; a
      // slimmed upload keeps the digest of the package it came from, as it keeps the index's.
      digest: version.ref.digest || packageDigest(pkg.bytes),
      // Not stored (none, refused or unreachable): the chart's own icon URL is sent as it is, a
      // link the console loads itself; the store keeps no picture for it.
      icon: icon && 'icon' in icon ? icon.icon : chartIcon,
      appHome: metadata.home,
      description: signature ? withSignatureLine(metadata.description, signature) : metadata.description,
      abstraction: metadata.description,
    };
    const versionName = versionObjectName(this.dialect.rules, chart.appName, metadata.version);
    const isStored = async (): Promise<boolean> =>
      this.stored(await this.store.listVersions(chart.appName, signal), chart.appName, version.ref) !==
      undefined;
    const upload = async (bytes: Buffer): Promise<UploadResult> => {
      // A slimmed package is what gets stored: it passes the same identity check.
      if (bytes !== pkg.bytes) await this.identify(bytes, chart, version);
      if (!app) {
        try {
          return {
            kind: 'app',
            ...(await settleWrite(() => this.store.createApp(request, bytes, signal), isStored)),
          };
        } catch (error) {
          // No package store: ks-core wrote the app and version CRs before failing; take them back.
          if (error instanceof StoreMissingError)
            await this.undo(() => this.store.deleteApp(chart.appName, signal));
          if (!isConflict(error)) throw error;
          // Another run created the app meanwhile: add the version to it.
        }
      }
      try {
        return {
          kind: 'version',
          ...(await settleWrite(
            () => this.store.createVersion(chart.appName, request, bytes, signal),
            isStored,
          )),
        };
      } catch (error) {
        if (error instanceof StoreMissingError)
          await this.undo(() => this.store.deleteVersion(chart.appName, versionName, signal));
        if (isConflict(error)) return { kind: 'conflict' };
        throw error;
      }
    };
    const result = await this.uploadFitting(pkg.bytes, upload, notes);
    if (result.note) notes.push(result.note);
    if (result.kind === 'conflict') {
      // Another run uploaded this version meanwhile: finish it the way a re-run would.
      const stored = this.stored(await this.store.listVersions(chart.appName, signal), chart.appName, {
        version: metadata.version,
        digest: request.digest,
      });
      const outcome = stored ? await this.finishExisting(chart, stored) : undefined;
      // The other run created it: this one only helped finish it.
      if (outcome?.item.status === 'created')
        return {
          ...outcome,
          item: { status: 'exists', ...noted([say('uploaded-concurrently')]) },
        };
      if (outcome) return outcome;
      throw new StoreError(say('version-unfinished', { version: metadata.version }), 409);
    }
    // Held back by its signature: not released, at most submitted for review.
    const target = signed?.held ? HELD_STATE[this.options.publish] : TARGET_STATE[this.options.publish];
    if (target) {
      const { note } = await this.setVersionState(chart.appName, versionName, target);
      if (note) notes.push(note);
    }
    return {
      item: { status: 'created', ...noted(notes) },
      published: target === 'active',
      stored: {
        name: versionName,
        versionName: storedVersionName(this.dialect.rules, metadata.version),
        state: target ?? 'draft',
        digest: request.digest,
      },
    };
  }

  /**
   * A version the store already has. Past draft: left as it is. A draft with its package: brought
   * to the publish mode's state. A draft without a package (an upload that failed half-way):
   * deleted so that it is uploaded again (returns undefined), unless it is so fresh that another
   * run may still be uploading it.
   */
  private async finishExisting(
    chart: ChartPlan,
    existing: StoreVersion,
  ): Promise<VersionOutcome | undefined> {
    const { signal } = this.options;
    const target = TARGET_STATE[this.options.publish];
    if (!isUnfinished(existing.state)) {
      return { item: { status: 'exists', reason: '' }, published: existing.state === 'active' };
    }
    if (await this.store.hasVersionPackage(chart.appName, existing.name, signal)) {
      if (!target) return { item: { status: 'exists', reason: '' }, published: false };
      // Under require, a draft is released only as a package this run verified and uploaded.
      const held = await this.heldDraft(chart, existing);
      if (held === 'upload-again') {
        await this.store.deleteVersion(chart.appName, existing.name, signal);
        return undefined;
      }
      if (held) return held;
      const { note } = await this.setVersionState(chart.appName, existing.name, target);
      return {
        item: { status: 'created', ...noted([say('draft-completed'), ...(note ? [note] : [])]) },
        published: target === 'active',
      };
    }
    const age = existing.created ? Date.now() - Date.parse(existing.created) : Infinity;
    if (age < DRAFT_GRACE_MS) {
      return {
        item: { status: 'failed', ...failedWith(say('upload-in-progress')) },
        published: false,
      };
    }
    await this.store.deleteVersion(chart.appName, existing.name, signal);
    return undefined;
  }

  /**
   * Under the policy require, a draft that would be released is checked first (its package and
   * signature downloaded again): one that fails stays as it is, with the reason. One that verifies
   * is uploaded again ('upload-again'): the draft's stored bytes are not known to be the ones that
   * verified now (an earlier run may have stored a tampered package, or a slimmed one).
   */
  private async heldDraft(
    chart: ChartPlan,
    existing: StoreVersion,
  ): Promise<VersionOutcome | 'upload-again' | undefined> {
    if (this.signatures?.policy !== 'require' || TARGET_STATE[this.options.publish] !== 'active')
      return undefined;
    const ref = chart.versions.find(
      (version) => storedVersionName(this.dialect.rules, version.ref.version) === existing.versionName,
    )?.ref;
    if (!ref) return undefined;
    const pkg = await this.repo.fetchPackage(ref, this.readSignal);
    const result = await this.signatures.check(this.repo, ref, pkg, this.readSignal);
    const { notes, held } = this.signatures.outcome(result, ref);
    return held ? { item: { status: 'exists', ...noted(notes) }, published: false } : 'upload-again';
  }

  /** Reads a package and checks it is the index entry's chart version: on every path that uploads. */
  private async identify(bytes: Buffer, chart: ChartPlan, version: VersionPlan): Promise<ChartMetadata> {
    const { metadata } = await inspectChart(bytes);
    checkPackageIdentity(metadata, { name: chart.chart, version: version.ref.version });
    return metadata;
  }

  /** A version action; one whose answer was lost is checked in the store. */
  private setVersionState(app: string, name: string, target: ReviewState): Promise<{ note?: Message }> {
    const { signal } = this.options;
    return settleWrite(
      () => this.store.setVersionState(app, name, target, signal),
      async () =>
        (await this.store.listVersions(app, signal)).some((v) => v.name === name && v.state === target),
    );
  }

  /** Uploads as is; when the store refuses the size (no S3), slims the package and tries again. */
  private async uploadFitting(
    bytes: Buffer,
    upload: (bytes: Buffer) => Promise<UploadResult>,
    notes: Message[],
  ): Promise<UploadResult> {
    const limit = this.options.maxPackageBytes ?? STORE_MAX_PACKAGE_BYTES;
    if (bytes.length <= limit || this.storeHasOss !== false) {
      try {
        const created = await upload(bytes);
        if (bytes.length > limit) this.storeHasOss = true;
        return created;
      } catch (error) {
        // The store keeps packages in ConfigMaps (no S3): it refused the size.
        if (!(error instanceof StoreError && error.failure.kind === 'too-large')) throw error;
        this.storeHasOss = false;
      }
    }
    const slim = await slimChart(bytes, { maxBytes: limit });
    notes.push(
      say('slimmed', {
        fromBytes: bytes.length,
        toBytes: slim.bytes.length,
        removed: slim.removed.map((entry) => entry.path).join(', '),
      }),
    );
    return upload(slim.bytes);
  }

  /** Best effort: a failed clean-up is left for the next run's draft check. */
  private async undo(step: () => Promise<void>): Promise<void> {
    await step().catch((error: unknown) => {
      this.options.onEvent?.({
        type: 'warning',
        warning: say('cleanup-failed', { problem: reasonOf(error) }),
      });
    });
  }

  /** Releases the app once one of its versions is active (publish mode `active`). */
  private async publishApp(chart: ChartPlan, app: StoreApp, anyActive: boolean): Promise<void> {
    if (this.options.publish !== 'active' || !anyActive) return;
    if (app.state === 'active') return;
    if (app.state === 'suspended') {
      this.options.onEvent?.({
        type: 'warning',
        warning: say('app-suspended', { chart: chart.chart, app: chart.appName }),
      });
      return;
    }
    const { signal } = this.options;
    await settleWrite(
      () => this.store.setAppState(chart.appName, 'active', signal),
      async () =>
        (await this.store.listApps(signal)).some(
          ({ name, state }) => name === chart.appName && state === 'active',
        ),
    ).catch((error: unknown) => {
      this.options.onEvent?.({
        type: 'warning',
        warning: say('app-release-failed', {
          chart: chart.chart,
          app: chart.appName,
          problem: reasonOf(error),
        }),
      });
    });
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** A package's sha256, plain hex: the form of a Helm index's `digest` and of oci-helm.ts's. */
function packageDigest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Waits for every task, then throws the first failure: nothing is left running behind an error. */
async function settleAll(tasks: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  for (const result of results) if (result.status === 'rejected') throw toError(result.reason);
}

/** Errors no other chart can get past: the store is missing, or the token may not write. */
function isFatal(error: unknown): error is StoreError {
  return (
    error instanceof StoreMissingError ||
    (error instanceof StoreError && (error.status === 401 || error.status === 403))
  );
}

interface VersionOutcome {
  item: Pick<ImportItem, 'reason' | 'reasons' | 'remedy'> & { status: 'created' | 'exists' | 'failed' };
  /** The version is active in the store after this step. */
  published: boolean;
  /** The version this step created. */
  stored?: StoreVersion;
}

/**
 * What an upload did: created the app (with its first version), added a version, or found it
 * there (another run's); `note` when KubeSphere answered an error after writing.
 */
interface UploadResult {
  kind: 'app' | 'version' | 'conflict';
  note?: Message;
}

export type { ImportEvent };
