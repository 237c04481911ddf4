import { apiPath, http } from './client';
import type { CreateSyncRequest, SyncRecord, UpdateSyncRequest } from '@store-importer/backend/api-types';
import type { JobRecord, SuccessStatus } from './types';

export type { CreateSyncRequest, SyncRecord, UpdateSyncRequest } from '@store-importer/backend/api-types';

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
