import type { SyncRecord } from '@store-importer/backend/contract';
import { apiPath, http, type RequestBody, type SuccessBody } from './client';

export type { CreateSyncRequest, SyncRecord, UpdateSyncRequest } from '@store-importer/backend/contract';

export const syncsUrl = (): string => apiPath('syncs');
export const syncUrl = (name: string): string => apiPath('syncs', name);
export const runSyncUrl = (name: string): string => apiPath('syncs', name, 'run');

export async function createSync(request: RequestBody<'createSync'>): Promise<SuccessBody<'createSync'>> {
  const response = await http.post<SuccessBody<'createSync'>>(syncsUrl(), request);
  return response.data;
}

export async function listSyncs(signal?: AbortSignal): Promise<SyncRecord[]> {
  const response = await http.get<SuccessBody<'listSyncs'>>(syncsUrl(), { signal });
  return response.data.items;
}

export async function getSync(name: string, signal?: AbortSignal): Promise<SuccessBody<'getSync'>> {
  const response = await http.get<SuccessBody<'getSync'>>(syncUrl(name), { signal });
  return response.data;
}

export async function updateSync(
  name: string,
  request: RequestBody<'updateSync'>,
): Promise<SuccessBody<'updateSync'>> {
  const response = await http.put<SuccessBody<'updateSync'>>(syncUrl(name), request);
  return response.data;
}

export async function deleteSync(name: string): Promise<SuccessBody<'deleteSync'>> {
  const response = await http.delete<SuccessBody<'deleteSync'>>(syncUrl(name));
  return response.data;
}

/** Runs the sync now with the extension's own identity; 409 while one of its jobs is active. */
export async function runSync(name: string): Promise<SuccessBody<'runSync'>> {
  const response = await http.post<SuccessBody<'runSync'>>(runSyncUrl(name));
  return response.data;
}
