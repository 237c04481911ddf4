// GET /categories: the App Store's categories, read as the caller (KubeSphere RBAC decides), for
// the console's category mapping.
import type { Router } from 'express';

import { UNCATEGORIZED } from '../../engine/index.js';
import type { StoreCategory } from '../../engine/index.js';
import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import type { RouteContext } from './context.js';
import { reply } from './reply.js';

/**
 * Sorted by display name. The uncategorized category is always there: KubeSphere creates it
 * lazily, with the first app that needs it, and it takes charts before that too.
 */
export function categoryList(categories: readonly StoreCategory[]): StoreCategory[] {
  const items = categories.map(({ name, displayName }) => ({ name, displayName: displayName || name }));
  if (!items.some((item) => item.name === UNCATEGORIZED))
    items.push({ name: UNCATEGORIZED, displayName: UNCATEGORIZED });
  return items.sort(
    (a, b) =>
      a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' }) ||
      a.name.localeCompare(b.name),
  );
}

export function categoryRoutes(router: Router, context: RouteContext): void {
  router.get('/categories', async (req, res) => {
    const { token } = callerOf(req);
    const categories = await withDeadline(req, res, context.config.requestTimeoutMs, (signal) =>
      context.kubesphere.store(token).listCategories(signal),
    );
    reply(res, 'listCategories', { items: categoryList(categories) });
  });
}
