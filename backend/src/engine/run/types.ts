import type { Message, Remedy } from '../messages/index.js';
import type { CategoryRule } from '../plan/category.js';
import type { PublishMode, Selection } from '../plan/types.js';
import type { VerifyOptions } from '../verify/types.js';

export type ItemStatus = 'created' | 'exists' | 'failed' | 'planned';

/**
 * One chart version's outcome. The CLI's `--json` items have the first five fields only
 * (cli/output.ts jsonItem).
 */
export interface ImportItem {
  chart: string;
  version: string;
  status: ItemStatus;
  /** The store app name; '' when the chart could not be mapped to one. */
  app: string;
  /** Why it failed, or notes (slimmed, digest warning, resumed) joined by "; "; '' when there is nothing to say. */
  reason: string;
  /** `reason` as messages, for a console in the user's language; absent when `reason` is ''. */
  reasons?: Message[];
  /** A failed item's: whether running again can fix it, or something must change first. */
  remedy?: Remedy;
}

export interface ImportSummary {
  created: number;
  exists: number;
  failed: number;
  planned: number;
}

export interface ImportReport {
  repo: string;
  items: ImportItem[];
  summary: ImportSummary;
  warnings: Message[];
  /**
   * Dry run with `dryRunSizes`: planned versions whose package is over the store's limit without
   * S3. Not in the CLI's --json report, whose shape is fixed.
   */
  overLimit?: number;
  /** With `prune` only: what happened to each store version the repository no longer lists. */
  pruned?: PrunedVersion[];
  /** The store versions the repository no longer lists, by chart (whether or not they were pruned). */
  removedUpstream?: RemovedUpstreamChart[];
}

/**
 * A store version the repository no longer lists, after a prune (run/prune.ts): removed, kept
 * (with why), or, in a dry run, planned for removal. The CLI's `--json` `pruned` entries have
 * the first five fields.
 */
export interface PrunedVersion {
  chart: string;
  version: string;
  app: string;
  status: 'removed' | 'kept' | 'planned';
  reason: string;
  reasons: Message[];
}

/** One chart's store versions that the repository no longer lists (spec.versionName), newest first. */
export interface RemovedUpstreamChart {
  chart: string;
  app: string;
  versions: string[];
  /** The chart is gone from the repository altogether. */
  chartGone: boolean;
}

/** One chart of a plan: its store app ('' when it has none) and how many items it will have. */
export interface PlannedChart {
  chart: string;
  app: string;
  versions: number;
}

export type ImportEvent =
  | { type: 'index'; charts: number; versions: number }
  | {
      type: 'plan';
      charts: number;
      versions: number;
      toUpload: number;
      /** Every chart of the plan, in plan order; charts asked for that the repository lacks last. */
      planned: PlannedChart[];
    }
  | { type: 'item'; item: ImportItem; done: number; total: number }
  | { type: 'warning'; warning: Message }
  | { type: 'pruned'; entry: PrunedVersion };

export interface ImportOptions {
  /** The repository URL as shown to users and used for app identity; no credentials. */
  repoUrl: string;
  selection: Selection;
  publish: PublishMode;
  dryRun: boolean;
  /**
   * KubeSphere calls at once, whatever the repository's shape; up to twice as many versions are
   * in hand (downloading, or waiting for the store with their package).
   */
  concurrency: number;
  /** Store category (display name or object name) by chart name, over the charts' own annotations. */
  categories?: ReadonlyMap<string, string>;
  /** After the charts' annotations: the first that matches a chart decides its category. */
  categoryRules?: readonly CategoryRule[];
  /** The store's package limit without S3 (ks-core maxFileSize); bigger packages are slimmed. */
  maxPackageBytes?: number;
  /**
   * Dry run: look up the size of each package to upload without downloading it (as a preview
   * does) and flag those over `maxPackageBytes`. Off by default: it costs a request per version.
   */
  dryRunSizes?: boolean;
  /** Above this many versions to upload, warn about the etcd space they take. */
  largePlanVersions?: number;
  /**
   * Signature policy (engine/verify): off (default) fetches nothing; warn notes a version whose
   * signature does not verify; require uploads it without releasing it.
   */
  verify?: VerifyOptions;
  /**
   * Adopt apps uploaded by hand (plan/adopt.ts): a chart without its own app goes to the one app
   * of the target uploaded by hand for it. An app adopted earlier is found again without it.
   */
  adopt?: boolean;
  /** Store each new app's icon in KubeSphere (run/icons.ts); default true. */
  icons?: boolean;
  /**
   * Stops at once: every request is aborted, even a store write under way, which may leave a
   * version half-way (a draft) for the next run to complete. For a shutdown.
   */
  signal?: AbortSignal;
  /**
   * Stops between versions: nothing new starts (downloads not yet uploaded are dropped), and each
   * version whose store writes began finishes them (upload, version action, app action). Then the
   * run throws CancelledError, its items reporting exactly what the store got; or, when nothing
   * was left undone, it returns its report.
   */
  cancel?: AbortSignal;
  onEvent?: (event: ImportEvent) => void;
  /**
   * Remove the store versions of this importer's apps that the repository no longer lists,
   * except an app's last version and versions KubeSphere reports in use (run/prune.ts). Without
   * it they stay and a warning counts them.
   */
  prune?: boolean;
}
