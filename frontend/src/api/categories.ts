import { apiPath, http, type SuccessBody } from './client';

export type { StoreCategory } from '@store-importer/backend/contract';

export const categoriesUrl = (): string => apiPath('categories');

/** The store's categories, read as the caller: sorted by display name, the uncategorized one always there. */
export async function listCategories(signal?: AbortSignal): Promise<SuccessBody<'listCategories'>['items']> {
  const response = await http.get<SuccessBody<'listCategories'>>(categoriesUrl(), { signal });
  return response.data.items;
}
