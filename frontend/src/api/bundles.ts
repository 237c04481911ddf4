import { apiPath, http, type SuccessBody } from './client';
import { ApiError } from './errors';

export type { BundleInfo, BundleLimits } from '@store-importer/backend/contract';

export const bundlesUrl = (): string => apiPath('bundles');

/** The largest bundle accepted and how long one is kept, to say before an upload. */
export async function getBundleLimits(signal?: AbortSignal): Promise<SuccessBody<'getBundleLimits'>> {
  const response = await http.get<SuccessBody<'getBundleLimits'>>(bundlesUrl(), { signal });
  return response.data;
}

export interface UploadOptions {
  /** Where the import will land (the caller must be allowed to manage the store there). */
  workspace?: string;
  signal?: AbortSignal;
  /** Bytes sent so far, as the browser reports them. */
  onProgress?: (sent: number) => void;
}

/** Sends the bundle file as the request body (no form encoding: the service streams it to disk). */
export async function uploadBundle(
  file: Blob,
  { workspace, signal, onProgress }: UploadOptions = {},
): Promise<SuccessBody<'uploadBundle'>> {
  const response = await http.post<SuccessBody<'uploadBundle'>>(bundlesUrl(), file, {
    headers: { 'Content-Type': 'application/gzip' },
    ...(workspace ? { params: { workspace } } : {}),
    signal,
    // The console's default JSON transform would turn a Blob into "{}".
    transformRequest: [(data: unknown) => data],
    onUploadProgress: (event) => onProgress?.(event.loaded),
  });
  return response.data;
}

/** Whether the service no longer keeps the bundle a request named (expired, restarted, another replica). */
export function isBundleGone(error: unknown): boolean {
  return error instanceof ApiError && error.detail?.code === 'bundle-not-found';
}
