// The service's model of imports: what a user or a schedule asks for, and how a run goes.
// Shared by the HTTP routes, the job manager and the state stores.
import type { ImportItem, ImportSummary } from '../../engine/index.js';
import type { PublishMode } from '../../engine/index.js';

/** Where the charts come from. Credentials are never part of this: see `RepoCredentials`. */
export interface ImportSource {
  /** http(s) Helm repo base URL or oci://registry/path/chart. */
  url: string;
  /** A Secret in the service's namespace with keys username, password, token, ca.crt (all optional). */
  secretRef?: { name: string };
  insecureSkipTLSVerify?: boolean;
  plainHttp?: boolean;
  /** Credentials to other hosts the repository names too (like helm --pass-credentials). */
  passCredentials?: boolean;
  /** Set when the source was a Helm repo configured in KubeSphere (its URL was read from there). */
  configuredRepo?: { name: string; workspace?: string };
}

/** Secrets for one run; kept in memory only, never written to a CR, a log or a response. */
export interface RepoCredentials {
  username?: string;
  password?: string;
  token?: string;
  caPem?: string;
}

/** What to import and how: the CLI's options. */
export interface ImportSpec {
  source: ImportSource;
  /** 'latest', 'all' or a positive number as a string, as the CLI's --versions. */
  versions: string;
  charts?: string[];
  includeDeprecated: boolean;
  /** Target workspace; absent for the global store. */
  workspace?: string;
  publish: PublishMode;
  dryRun: boolean;
  concurrency: number;
  /** Store category (display name or object name) by chart name, over the charts' own annotations. */
  categories?: Record<string, string>;
}

/**
 * How one chart of a job is going: its store app ('' for a chart the repository lacks), the
 * versions it has in the plan, and their outcomes so far. A dry run counts `planned` where a run
 * counts `created`; `exists` and `failed` mean the same in both.
 */
export interface JobChartStatus {
  chart: string;
  app: string;
  /** Items this chart has in the plan; the chart is done when the four counts add up to it. */
  total: number;
  created: number;
  exists: number;
  failed: number;
  planned: number;
}

export type JobPhase = 'Pending' | 'Running' | 'Succeeded' | 'PartiallyFailed' | 'Failed' | 'Cancelled';

export interface JobStatus {
  phase: JobPhase;
  /** Versions handled so far, and in the plan (0 until the plan is known). */
  progress: { done: number; total: number };
  summary: ImportSummary;
  /** Failed items, at most MAX_RECORDED_FAILURES. */
  failures: ImportItem[];
  /**
   * Items that did not fail but have something to say (slimmed, resumed, a digest warning), so a
   * reloaded page still shows them; the first MAX_RECORDED_FAILURES only. Absent until the first.
   */
  notes?: ImportItem[];
  /**
   * Every chart of the plan (from the moment it is known) with its outcome counts, in plan
   * order; at most MAX_RECORDED_CHARTS (the charts past it are counted in `summary` only).
   */
  charts?: JobChartStatus[];
  warnings: string[];
  /** One sentence for Failed / Cancelled. */
  message?: string;
  startTime?: string;
  completionTime?: string;
  /** The replica (pod) running it, while Pending or Running. */
  owner?: string;
  /** Renewed by the owner while it runs: a Running job whose heartbeat is stale lost its owner. */
  heartbeatTime?: string;
  /** Someone asked to cancel it; the owner stops at its next checkpoint (cross-replica cancel). */
  cancelRequested?: boolean;
}

export interface JobRecord {
  /** DNS-1123 name, also the ImportJob object's name. */
  id: string;
  spec: ImportSpec;
  /** The sync (RepoImport) that started it; absent for a job a user started. */
  syncName?: string;
  /** Who asked, for display only (never used for authorization). */
  requestedBy: string;
  /** 'user': runs with the caller's token (not kept across restarts); 'service': with the extension's own identity. */
  runAs: 'user' | 'service';
  createdAt: string;
  status: JobStatus;
}

export const MAX_RECORDED_FAILURES = 50;
/** Keeps an ImportJob well under etcd's object size limit (about 100 bytes a chart). */
export const MAX_RECORDED_CHARTS = 2_000;

/** A scheduled sync: a RepoImport. */
export interface SyncRecord {
  name: string;
  spec: ImportSpec & {
    /** Cron expression (5 fields), UTC. */
    schedule: string;
    suspend: boolean;
  };
  status: {
    lastJobId?: string;
    lastRunTime?: string;
    lastResult?: JobPhase;
    lastSummary?: ImportSummary;
    /** Failed items of the last run, at most MAX_RECORDED_FAILURES. */
    lastFailures?: ImportItem[];
    /**
     * The next scheduled run (ISO, UTC); none while paused. Planned by the API when the sync is
     * created, its schedule changed or it is resumed, and by the scheduler after each run.
     */
    nextRunTime?: string;
    /** `Synced`: whether the last run imported everything it should have. */
    conditions?: SyncCondition[];
  };
  /** Optimistic concurrency token (metadata.resourceVersion). */
  resourceVersion?: string;
}

/** A Kubernetes-style condition (metav1.Condition's fields, without observedGeneration). */
export interface SyncCondition {
  type: 'Synced';
  status: 'True' | 'False' | 'Unknown';
  /** The last run's phase, e.g. Succeeded, PartiallyFailed. */
  reason: string;
  message: string;
  lastTransitionTime: string;
}

/** A live event of a running job, for Server-Sent Events. */
export type JobEvent =
  | { type: 'status'; job: JobRecord }
  | { type: 'item'; item: ImportItem; done: number; total: number }
  | { type: 'warning'; message: string };
