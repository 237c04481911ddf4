// The shapes the service's API answers with, for clients (the console plugin imports these types
// instead of restating them). Types only: importing this module brings in no code.
export type { ImportItem, ImportSummary } from '../engine/run/types.js';
export type { PublishMode } from '../engine/plan/types.js';
export type { PreviewChart, PreviewVersion, RepoPreview } from '../engine/run/preview.js';
export type { ImportSource, ImportSpec, JobPhase, JobRecord, JobStatus, SyncRecord } from './jobs/types.js';
