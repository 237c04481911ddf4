// The request bodies of the API, as generated from the OpenAPI document (backend/src/contract).
// The routes only see them after validation against that document's schemas.
import type {
  BundleSourceRequest,
  ConfiguredRepoSourceRequest,
  CreateJobRequest,
  CreateSyncRequest,
  SourceRequest,
} from '../../contract/index.js';

export type {
  BundleSourceRequest,
  ConfiguredRepoSourceRequest,
  CreateJobRequest,
  CreateSyncRequest,
  PreviewRequest,
  SourceRequest,
  UpdateSyncRequest,
  UrlSourceRequest,
} from '../../contract/index.js';

/** A source that is a repository (what a sync needs): a URL or one configured in KubeSphere. */
export type RepositorySourceRequest = Exclude<SourceRequest, BundleSourceRequest>;

/** What a job takes besides its source: the selection and how to import it. */
export type ImportOptionsRequest = Omit<CreateJobRequest, 'source'>;

/** What a sync's create and update have in common. */
export type SyncFieldsRequest = Omit<CreateSyncRequest, 'name'>;

export function isConfiguredRepo(source: SourceRequest): source is ConfiguredRepoSourceRequest {
  return 'repo' in source;
}

export function isBundleSource(source: SourceRequest): source is BundleSourceRequest {
  return 'bundle' in source;
}
