// Maps a chart's category display name to a store category, creating it on first use.
import { createHash } from 'node:crypto';

import { isConflict } from '../errors.js';
import type { AppStore, StoreCategory } from '../store/types.js';
import { settleWrite } from './settle.js';

/** appv2.UncategorizedCategoryID: where charts without a category go. */
export const UNCATEGORIZED = 'kubesphere-app-uncategorized';

/** A category object name from a display name: a readable slug, or a hash for non-Latin names. */
export function categoryNameFor(displayName: string): string {
  const slug = displayName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const hash = createHash('sha256').update(displayName).digest('hex').slice(0, 8);
  return slug ? `ctg-${slug}` : `ctg-${hash}`;
}

export class CategoryResolver {
  private known: Promise<Map<string, StoreCategory>> | undefined;
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly store: AppStore) {}

  /** The category object name for a display name; matches existing ones case-insensitively. */
  resolve(displayName: string | undefined, signal?: AbortSignal): Promise<string> {
    const key = displayName?.toLowerCase() ?? '';
    // The store creates the uncategorized category lazily, so it may not be listed yet.
    if (!displayName || key === UNCATEGORIZED) return Promise.resolve(UNCATEGORIZED);
    let result = this.pending.get(key);
    if (!result) {
      result = this.lookupOrCreate(displayName, key, signal);
      this.pending.set(key, result);
      // A failed creation may be retried by a later chart.
      result.catch(() => this.pending.delete(key));
    }
    return result;
  }

  private async lookupOrCreate(displayName: string, key: string, signal?: AbortSignal): Promise<string> {
    const known = await this.loadKnown(signal);
    const found = known.get(key);
    if (found) return found.name;
    const category = { name: categoryNameFor(displayName), displayName };
    try {
      await settleWrite(
        () => this.store.createCategory(category, signal),
        async () => (await this.store.listCategories(signal)).some(({ name }) => name === category.name),
      );
    } catch (error) {
      // Created meanwhile by someone else: fine, it is there now.
      if (!isConflict(error)) throw error;
    }
    known.set(key, category);
    return category.name;
  }

  /** Starts reading the store's categories before the first chart needs them. */
  preload(signal?: AbortSignal): void {
    this.loadKnown(signal).catch(() => undefined);
  }

  private loadKnown(signal?: AbortSignal): Promise<Map<string, StoreCategory>> {
    this.known ??= this.store.listCategories(signal).then(
      (categories) => {
        const byDisplayName = new Map<string, StoreCategory>();
        for (const category of categories) {
          byDisplayName.set(category.displayName.toLowerCase(), category);
          byDisplayName.set(category.name.toLowerCase(), category);
        }
        return byDisplayName;
      },
      (error: unknown) => {
        // Not remembered: a later chart reads them again.
        this.known = undefined;
        throw error;
      },
    );
    return this.known;
  }
}
