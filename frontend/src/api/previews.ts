import { apiPath, http } from './client';
import type { RepoPreview } from '@store-importer/backend/api-types';

import type { CategoryMapping, Selection, SourceRequest } from './types';

/**
 * Which package sizes to read (each costs a request to the repository): none; the newest version
 * of each chart (the default); or every version the import would create.
 */
export type PreviewSizes = 'none' | 'latest' | 'selected';

export interface PreviewRequest extends Selection {
  source: SourceRequest;
  sizes?: PreviewSizes;
  categories?: CategoryMapping;
}

export type { PreviewChart, PreviewVersion, RepoPreview } from '@store-importer/backend/api-types';

export const previewsUrl = (): string => apiPath('previews');

/** What an import would do, chart by chart; nothing is downloaded or written. */
export async function createPreview(request: PreviewRequest, signal?: AbortSignal): Promise<RepoPreview> {
  const response = await http.post<RepoPreview>(previewsUrl(), request, { signal });
  return response.data;
}
