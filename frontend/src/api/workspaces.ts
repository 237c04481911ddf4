import { apiPath, http, type SuccessBody } from './client';

/** A KubeSphere workspace the caller can see: its name and display name. */
export type { WorkspaceItem } from '@store-importer/backend/contract';

export const workspacesUrl = (): string => apiPath('workspaces');

/** The workspaces the caller can see in KubeSphere, read as the caller, sorted by name. */
export async function listWorkspaces(signal?: AbortSignal): Promise<SuccessBody<'listWorkspaces'>['items']> {
  const response = await http.get<SuccessBody<'listWorkspaces'>>(workspacesUrl(), { signal });
  return response.data.items;
}
