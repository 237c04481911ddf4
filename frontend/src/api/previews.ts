import { apiPath, http } from './client';
import type { Selection, SourceRequest } from './types';

export interface PreviewRequest extends Selection {
  source: SourceRequest;
}

export interface PreviewVersion {
  version: string;
  appVersion?: string;
  created?: string;
  deprecated: boolean;
  prerelease: boolean;
  storeState?: string;
  /** What an import with this selection does; `skip` when the selection leaves it out. */
  action: 'create' | 'resume' | 'exists' | 'skip';
  /** Only when known: never for index-based repositories. */
  sizeBytes?: number;
}

export interface PreviewChart {
  name: string;
  app: string;
  appState?: string;
  description?: string;
  icon?: string;
  home?: string;
  category?: string;
  deprecated: boolean;
  latestVersion?: string;
  /** Newest first. */
  versions: PreviewVersion[];
}

export interface RepoPreview {
  repo: string;
  charts: PreviewChart[];
  warnings: string[];
  totals: { charts: number; versions: number; selected: number; toCreate: number; inStore: number };
}

export const previewsUrl = (): string => apiPath('previews');

/** What an import would do, chart by chart; nothing is downloaded or written. */
export async function createPreview(request: PreviewRequest, signal?: AbortSignal): Promise<RepoPreview> {
  const response = await http.post<RepoPreview>(previewsUrl(), request, { signal });
  return response.data;
}
