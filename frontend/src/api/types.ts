// Schemas shared by several resources, as in backend/openapi/storeimporter.v1alpha1.yaml.

/** `latest`, `all` or the newest N stable versions (`'3'`). */
export type Versions = string;

/** `active`: released in the store; `review`: submitted for review; `draft`: uploaded only. */
export type PublishMode = 'active' | 'review' | 'draft';

/** A repository by URL, with credentials used for this request only. */
export interface UrlSource {
  url: string;
  username?: string;
  password?: string;
  /** Sent to the repository as `Authorization: Bearer`. */
  token?: string;
  caPem?: string;
  insecureSkipTLSVerify?: boolean;
  /** oci:// only. */
  plainHttp?: boolean;
}

/** A Helm repository configured in KubeSphere. */
export interface ConfiguredRepoRef {
  name: string;
  workspace?: string;
}

/** Either a URL (with optional credentials) or a repository configured in KubeSphere. */
export type SourceRequest = UrlSource | { repo: ConfiguredRepoRef };

/** What to import from a source. */
export interface Selection {
  versions?: Versions;
  charts?: string[];
  includeDeprecated?: boolean;
  /** Absent for the global store. */
  workspace?: string;
}

export interface ImportSource {
  url: string;
  secretRef?: { name: string };
  insecureSkipTLSVerify?: boolean;
  plainHttp?: boolean;
  configuredRepo?: { name: string; workspace?: string };
}

export interface ImportSpec {
  source: ImportSource;
  versions: string;
  charts?: string[];
  includeDeprecated: boolean;
  workspace?: string;
  publish: PublishMode;
  dryRun: boolean;
  concurrency: number;
}

export interface ImportItem {
  chart: string;
  version: string;
  status: 'created' | 'exists' | 'failed' | 'planned';
  app: string;
  reason: string;
}

export interface ImportSummary {
  created: number;
  exists: number;
  failed: number;
  planned: number;
}

export type JobPhase = 'Pending' | 'Running' | 'Succeeded' | 'PartiallyFailed' | 'Failed' | 'Cancelled';

export const TERMINAL_PHASES: readonly JobPhase[] = ['Succeeded', 'PartiallyFailed', 'Failed', 'Cancelled'];

export function isTerminalPhase(phase: JobPhase): boolean {
  return TERMINAL_PHASES.includes(phase);
}

export interface JobStatus {
  phase: JobPhase;
  progress: { done: number; total: number };
  summary: ImportSummary;
  /** At most 50. */
  failures: ImportItem[];
  /** At most 20. */
  warnings: string[];
  message?: string;
  startTime?: string;
  completionTime?: string;
  owner?: string;
  heartbeatTime?: string;
  cancelRequested?: boolean;
}

export interface JobRecord {
  id: string;
  spec: ImportSpec;
  syncName?: string;
  /** For display only. */
  requestedBy: string;
  runAs: 'user' | 'service';
  createdAt: string;
  status: JobStatus;
}

/** A Kubernetes Status of success (DELETE answers). */
export interface SuccessStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success';
}
