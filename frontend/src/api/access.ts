import { apiPath, http, type RequestBody, type SuccessBody } from './client';

/** What KubeSphere lets the caller do with the App Store of one scope. */
export type AccessReview = SuccessBody<'reviewAccess'>;

export const accessReviewsUrl = (): string => apiPath('accessreviews');

/**
 * Whether the caller may manage the App Store of `workspace` (undefined: the global store), asked
 * of KubeSphere. A POST, so ks-apiserver refuses it (403) to a caller without the extension's
 * manage role template, as it would refuse the writes.
 */
export async function reviewAccess(
  workspace: string | undefined,
  signal?: AbortSignal,
): Promise<AccessReview> {
  const request: RequestBody<'reviewAccess'> = workspace ? { workspace } : {};
  const response = await http.post<AccessReview>(accessReviewsUrl(), request, { signal });
  return response.data;
}
