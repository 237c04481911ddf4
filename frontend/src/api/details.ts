import { apiPath, http, type RequestBody, type SuccessBody } from './client';

export type {
  /** One chart version's Chart.yaml, README and values, read from its package. */
  ChartDetails,
  ChartDetailsRequest,
  ChartMetadata,
  /** A text file of a package (README, values.yaml), cut at the service's bound. */
  PackageText,
} from '@store-importer/backend/contract';

export const chartDetailsUrl = (): string => apiPath('previews', 'chart');

/** Downloads one chart version's package on the service and answers what it shows; nothing is kept. */
export async function getChartDetails(
  request: RequestBody<'getChartDetails'>,
  signal?: AbortSignal,
): Promise<SuccessBody<'getChartDetails'>> {
  const response = await http.post<SuccessBody<'getChartDetails'>>(chartDetailsUrl(), request, { signal });
  return response.data;
}
