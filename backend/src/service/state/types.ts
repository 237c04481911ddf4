// Where the service keeps jobs and syncs so that they survive restarts and every replica sees
// them. Implementations: memory.ts (tests, local playground) and kubernetes.ts (the cluster:
// ImportJob and RepoImport custom resources, credentials in Secrets).
import type { JobRecord, RepoCredentials, SyncRecord } from '../jobs/types.js';

/** A write lost a race: someone changed the object since it was read (HTTP 409). */
export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
}

export interface JobStore {
  create(job: JobRecord): Promise<void>;
  get(id: string): Promise<JobRecord | undefined>;
  /** Newest first. */
  list(filter?: { syncName?: string; limit?: number }): Promise<JobRecord[]>;
  /** Replaces the status; last write wins (a job has one owner). */
  updateStatus(id: string, status: JobRecord['status']): Promise<void>;
}

export interface SyncStore {
  create(sync: SyncRecord): Promise<SyncRecord>;
  get(name: string): Promise<SyncRecord | undefined>;
  list(): Promise<SyncRecord[]>;
  /** Replaces the spec; throws StaleWriteError when `sync.resourceVersion` is not current. */
  update(sync: SyncRecord): Promise<SyncRecord>;
  /** Replaces the status; returns the sync as stored (its new resourceVersion). */
  updateStatus(name: string, status: SyncRecord['status']): Promise<SyncRecord>;
  delete(name: string): Promise<boolean>;
}

/** Repository credentials of syncs, in Secrets the syncs reference by name. */
export interface CredentialStore {
  /** Creates or replaces the Secret `name`; returns its name. */
  put(name: string, credentials: RepoCredentials): Promise<string>;
  get(name: string): Promise<RepoCredentials | undefined>;
  delete(name: string): Promise<void>;
}

export interface StateStores {
  jobs: JobStore;
  syncs: SyncStore;
  credentials: CredentialStore;
}
