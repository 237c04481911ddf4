import { apiPath, http } from './client';
import type { PreviewRequest, RepoPreview } from '@store-importer/backend/api-types';

export type {
  PreviewChart,
  PreviewRequest,
  PreviewTotals,
  PreviewVersion,
  RepoPreview,
  /** Which package sizes a preview reads: none, each chart's newest version (default), or every version to upload. */
  SizeMode,
} from '@store-importer/backend/api-types';

export const previewsUrl = (): string => apiPath('previews');

/** What an import would do, chart by chart; nothing is downloaded or written. */
export async function createPreview(request: PreviewRequest, signal?: AbortSignal): Promise<RepoPreview> {
  const response = await http.post<RepoPreview>(previewsUrl(), request, { signal });
  return response.data;
}
