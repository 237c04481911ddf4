// The shapes the service's API answers with, for clients (the console plugin imports these types
// instead of restating them). Types only: importing this module brings in no code.
export type { ImportItem, ImportSummary } from '../engine/index.js';
export type { PublishMode } from '../engine/index.js';
import type { StoreCategory } from '../engine/index.js';

export type { StoreCategory };
export type { PreviewChart, PreviewTotals, PreviewVersion, RepoPreview, SizeMode } from '../engine/index.js';
export type {
  ImportSource,
  ImportSpec,
  JobChartStatus,
  JobPhase,
  JobRecord,
  JobStatus,
  SyncRecord,
} from './jobs/types.js';
export type {
  CreateJobRequest,
  CreateSyncRequest,
  PreviewRequest,
  UpdateSyncRequest,
} from './jobs/requests.js';

/** GET /categories: sorted by display name, `kubesphere-app-uncategorized` always among them. */
export interface CategoryList {
  items: StoreCategory[];
}
