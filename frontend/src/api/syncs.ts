import { apiPath, http } from './client';
import type {
  CategoryMapping,
  ImportSpec,
  ImportSummary,
  JobPhase,
  JobRecord,
  PublishMode,
  Selection,
  SuccessStatus,
  UrlSource,
} from './types';

interface SyncSettings extends Selection {
  source: UrlSource;
  /** 5-field cron, UTC. */
  schedule: string;
  suspend?: boolean;
  publish?: PublishMode;
  categories?: CategoryMapping;
  dryRun?: boolean;
  concurrency?: number;
}

export interface CreateSyncRequest extends SyncSettings {
  /** A DNS-1123 label of at most 52 characters. */
  name: string;
}

export interface UpdateSyncRequest extends SyncSettings {
  /** The one last read; a stale one answers 409. */
  resourceVersion: string;
}

export interface SyncRecord {
  name: string;
  spec: ImportSpec & { schedule: string; suspend: boolean };
  status: {
    lastJobId?: string;
    lastRunTime?: string;
    lastResult?: JobPhase;
    lastSummary?: ImportSummary;
    nextRunTime?: string;
  };
  resourceVersion?: string;
}

export interface SyncList {
  items: SyncRecord[];
}

export const syncsUrl = (): string => apiPath('syncs');
export const syncUrl = (name: string): string => apiPath('syncs', name);
export const runSyncUrl = (name: string): string => apiPath('syncs', name, 'run');

export async function createSync(request: CreateSyncRequest): Promise<SyncRecord> {
  const response = await http.post<SyncRecord>(syncsUrl(), request);
  return response.data;
}

export async function listSyncs(signal?: AbortSignal): Promise<SyncRecord[]> {
  const response = await http.get<SyncList>(syncsUrl(), { signal });
  return response.data.items;
}

export async function getSync(name: string, signal?: AbortSignal): Promise<SyncRecord> {
  const response = await http.get<SyncRecord>(syncUrl(name), { signal });
  return response.data;
}

export async function updateSync(name: string, request: UpdateSyncRequest): Promise<SyncRecord> {
  const response = await http.put<SyncRecord>(syncUrl(name), request);
  return response.data;
}

export async function deleteSync(name: string): Promise<SuccessStatus> {
  const response = await http.delete<SuccessStatus>(syncUrl(name));
  return response.data;
}

/** Runs the sync now with the extension's own identity; 409 while one of its jobs is active. */
export async function runSync(name: string): Promise<JobRecord> {
  const response = await http.post<JobRecord>(runSyncUrl(name));
  return response.data;
}
