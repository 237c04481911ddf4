// Schemas shared by several resources, as in backend/openapi/storeimporter.v1alpha1.yaml. What the
// service answers with comes from the backend's own types (types only, no code is bundled).
import type { ImportItem, JobPhase } from '@store-importer/backend/api-types';

export type {
  ImportItem,
  ImportSource,
  ImportSpec,
  ImportSummary,
  JobPhase,
  JobRecord,
  JobStatus,
  PublishMode,
} from '@store-importer/backend/api-types';

/** One chart version's outcome: created, exists, failed, or planned (dry run). */
export type ItemStatus = ImportItem['status'];

/** `latest`, `all` or the newest N stable versions (`'3'`). */
export type Versions = string;

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
  /**
   * Also send the credentials to other hosts the repository names: chart URLs of its index, an
   * OCI registry's token service (like `helm --pass-credentials`). Never over plain http from an
   * https repository.
   */
  passCredentials?: boolean;
}

/** A Helm repository configured in KubeSphere. */
export interface ConfiguredRepoRef {
  name: string;
  workspace?: string;
}

/** Either a URL (with optional credentials) or a repository configured in KubeSphere. */
export type SourceRequest = UrlSource | { repo: ConfiguredRepoRef };

/**
 * Chart name -> store category display name: overrides the chart's own category annotation. A
 * name the store lacks is created, as for annotations.
 */
export type CategoryMapping = Record<string, string>;

/** What to import from a source. */
export interface Selection {
  versions?: Versions;
  charts?: string[];
  includeDeprecated?: boolean;
  /** Absent for the global store. */
  workspace?: string;
}

export const TERMINAL_PHASES: readonly JobPhase[] = ['Succeeded', 'PartiallyFailed', 'Failed', 'Cancelled'];

export function isTerminalPhase(phase: JobPhase): boolean {
  return TERMINAL_PHASES.includes(phase);
}

/** A Kubernetes Status of success (DELETE answers). */
export interface SuccessStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success';
}
