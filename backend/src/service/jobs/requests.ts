// The request bodies of the API, as generated from the OpenAPI document (backend/src/contract).
// The routes only see them after validation against that document's schemas.
import type {
  ConfiguredRepoSourceRequest,
  CreateJobRequest,
  CreateSyncRequest,
  SourceRequest,
} from '../../contract/index.js';

export type {
  ConfiguredRepoSourceRequest,
  CreateJobRequest,
  CreateSyncRequest,
  PreviewRequest,
  SourceRequest,
  UpdateSyncRequest,
  UrlSourceRequest,
} from '../../contract/index.js';

/** What a job takes besides its source: the selection and how to import it. */
export type ImportOptionsRequest = Omit<CreateJobRequest, 'source'>;

/** What a sync's create and update have in common. */
export type SyncFieldsRequest = Omit<CreateSyncRequest, 'name'>;

export function isConfiguredRepo(source: SourceRequest): source is ConfiguredRepoSourceRequest {
  return 'repo' in source;
}
