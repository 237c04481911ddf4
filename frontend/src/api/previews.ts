import { apiPath, http } from './client';
import type { RepoPreview } from '@store-importer/backend/api-types';

import type { Selection, SourceRequest } from './types';

export interface PreviewRequest extends Selection {
  source: SourceRequest;
}

export type { PreviewChart, PreviewVersion, RepoPreview } from '@store-importer/backend/api-types';

export const previewsUrl = (): string => apiPath('previews');

/** What an import would do, chart by chart; nothing is downloaded or written. */
export async function createPreview(request: PreviewRequest, signal?: AbortSignal): Promise<RepoPreview> {
  const response = await http.post<RepoPreview>(previewsUrl(), request, { signal });
  return response.data;
}
