import { apiPath, http, type SuccessBody } from './client';

/** What KubeSphere lets the caller do with the App Store of one scope. */
export type AccessReview = SuccessBody<'reviewAccess'>;

export const accessUrl = (): string => apiPath('access');

/** Whether the caller may manage the App Store of `workspace` (undefined: the global store), asked of KubeSphere. */
export async function reviewAccess(
  workspace: string | undefined,
  signal?: AbortSignal,
): Promise<AccessReview> {
  const response = await http.get<AccessReview>(accessUrl(), {
    signal,
    ...(workspace ? { params: { workspace } } : {}),
  });
  return response.data;
}
