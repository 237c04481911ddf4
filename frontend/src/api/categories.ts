import type { CategoryList, StoreCategory } from '@store-importer/backend/api-types';
import { apiPath, http } from './client';

export type { CategoryList, StoreCategory } from '@store-importer/backend/api-types';

export const categoriesUrl = (): string => apiPath('categories');

/** The store's categories, read as the caller: sorted by display name, the uncategorized one always there. */
export async function listCategories(signal?: AbortSignal): Promise<StoreCategory[]> {
  const response = await http.get<CategoryList>(categoriesUrl(), { signal });
  return response.data.items;
}
