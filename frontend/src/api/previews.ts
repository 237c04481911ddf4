import { apiPath, http, type RequestBody, type SuccessBody } from './client';

export type {
  PreviewChart,
  PreviewRequest,
  PreviewVersion,
  RepoPreview,
  /** Which package sizes a preview reads: none, each chart's newest version (default), or every version to upload. */
  SizeMode,
} from '@store-importer/backend/contract';

/** The preview's totals over every chart. */
export type PreviewTotals = SuccessBody<'createPreview'>['totals'];

export const previewsUrl = (): string => apiPath('previews');

/** What an import would do, chart by chart; nothing is downloaded or written. */
export async function createPreview(
  request: RequestBody<'createPreview'>,
  signal?: AbortSignal,
): Promise<SuccessBody<'createPreview'>> {
  const response = await http.post<SuccessBody<'createPreview'>>(previewsUrl(), request, { signal });
  return response.data;
}
