import { apiPath, http } from './client';

/** A category of the App Store: `name` is its id, `displayName` what App Store Management shows. */
export interface StoreCategory {
  name: string;
  displayName: string;
}

export interface CategoryList {
  items: StoreCategory[];
}

export const categoriesUrl = (): string => apiPath('categories');

/** The store's categories, read as the caller. */
export async function listCategories(signal?: AbortSignal): Promise<StoreCategory[]> {
  const response = await http.get<CategoryList>(categoriesUrl(), { signal });
  return response.data.items;
}
