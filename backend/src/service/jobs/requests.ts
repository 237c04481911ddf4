// The request bodies of the API, as the OpenAPI document (backend/openapi) describes them. The
// routes only see them after validation against that document's schemas.
import type { PublishMode } from '../../engine/index.js';
import type { SizeMode } from '../../engine/index.js';

/** A repository given by URL, with credentials for this request only. */
export interface UrlSourceRequest {
  url: string;
  username?: string;
  password?: string;
  token?: string;
  caPem?: string;
  insecureSkipTLSVerify?: boolean;
  plainHttp?: boolean;
  /** Credentials to other hosts the repository names too (like helm --pass-credentials). */
  passCredentials?: boolean;
}

/** A Helm repository already configured in KubeSphere (a Repo object). */
export interface ConfiguredRepoSourceRequest {
  repo: { name: string; workspace?: string };
}

export type SourceRequest = UrlSourceRequest | ConfiguredRepoSourceRequest;

export interface SelectionRequest {
  versions?: string;
  charts?: string[];
  includeDeprecated?: boolean;
  workspace?: string;
  /** Chart name -> store category (display name or object name), over the chart's annotation. */
  categories?: Record<string, string>;
}

export interface PreviewRequest extends SelectionRequest {
  source: SourceRequest;
  /** Which package sizes to look up; default `latest`. */
  sizes?: SizeMode;
}

export interface ImportOptionsRequest extends SelectionRequest {
  publish?: PublishMode;
  dryRun?: boolean;
  concurrency?: number;
}

export interface CreateJobRequest extends ImportOptionsRequest {
  source: SourceRequest;
}

export interface SyncFieldsRequest extends ImportOptionsRequest {
  source: UrlSourceRequest;
  schedule: string;
  suspend?: boolean;
}

export interface CreateSyncRequest extends SyncFieldsRequest {
  name: string;
}

export interface UpdateSyncRequest extends SyncFieldsRequest {
  resourceVersion: string;
}

export function isConfiguredRepo(source: SourceRequest): source is ConfiguredRepoSourceRequest {
  return 'repo' in source;
}
