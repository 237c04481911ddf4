import { apiPath, http } from './client';

/** A Helm repository configured in KubeSphere; credentials are never returned. */
export interface ConfiguredRepo {
  name: string;
  url: string;
  /** `system-workspace` for global repositories. */
  workspace: string;
  hasCredentials: boolean;
}

export interface RepoList {
  items: ConfiguredRepo[];
}

export const reposUrl = (): string => apiPath('repos');

export async function listRepos(signal?: AbortSignal): Promise<ConfiguredRepo[]> {
  const response = await http.get<RepoList>(reposUrl(), { signal });
  return response.data.items;
}
