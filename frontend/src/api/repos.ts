import type { ConfiguredRepo } from '@store-importer/backend/contract';
import { apiPath, http, type SuccessBody } from './client';

/** A Helm repository configured in KubeSphere; credentials are never returned. */
export type { ConfiguredRepo } from '@store-importer/backend/contract';

export const reposUrl = (): string => apiPath('repos');

/** The global repositories, and `workspace`'s too when given. */
export async function listRepos(signal?: AbortSignal, workspace?: string): Promise<ConfiguredRepo[]> {
  const response = await http.get<SuccessBody<'listRepos'>>(reposUrl(), {
    signal,
    ...(workspace ? { params: { workspace } } : {}),
  });
  return response.data.items;
}
