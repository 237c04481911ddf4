// Category handlers, copied from ks-core release-4.1 pkg/kapis/application/v2/handler_category.go
// (CreateOrUpdateCategory, DeleteCategory, DescribeCategory, ListCategories); counts and the lazy
// kubesphere-app-uncategorized come from pkg/controller/application/appcategory_controller.go.

import { DescriptionAnnotationKey, DisplayNameAnnotationKey, UncategorizedCategoryID } from './constants.js';
import { apiNotFound, cacheNotFound, KsError, requestDoneStatus } from './errors.js';
import { goDecode, parseJsonBody, type GoType } from './gojson.js';
import { reconcileCategories } from './helper.js';
import { success, toWire, type Ctx, type Reply } from './http.js';
import { defaultList, parseQueryParameter } from './query.js';
import { rulesOf } from './releases.js';
import { clone } from './store.js';
import type { Category } from './types.js';
import { validateObjectMeta } from './validation.js';
import type { Deps } from './deps.js';

const str: GoType = { kind: 'string' };
const objectMetaType: GoType = {
  kind: 'struct',
  name: 'ObjectMeta',
  fields: { name: str, labels: { kind: 'map', elem: str }, annotations: { kind: 'map', elem: str } },
};
const categoryType: GoType = {
  kind: 'struct',
  name: 'Category',
  fields: { metadata: objectMetaType, spec: { kind: 'struct', name: 'CategorySpec', fields: { icon: str } } },
};

interface CategoryBody {
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: { icon?: string };
}

/** POST /categories, POST /categories/{category} */
export function createOrUpdateCategoryHandler(d: Deps, ctx: Ctx): Reply {
  let body: CategoryBody;
  try {
    body = goDecode(parseJsonBody(ctx.body), categoryType, 'Category') ?? {};
  } catch (err) {
    throw requestDoneStatus(err);
  }
  const name = body.metadata?.name ?? '';
  const existing = d.store.categories.get(name);
  // conflictedDone(req, resp, "category", category): the body's name decides
  if (ctx.params.category) {
    if (!existing) throw cacheNotFound('Category', name);
  } else if (existing) {
    throw new KsError(409, `Category ${name} already exists`, 'Conflict');
  }
  const cat: Category = existing
    ? clone(existing)
    : { metadata: d.store.newMeta(name), spec: {}, status: { total: 0 } };
  const ant = body.metadata?.annotations ?? {};
  cat.metadata.annotations = {
    ...(cat.metadata.annotations ?? {}),
    [DisplayNameAnnotationKey]: ant[DisplayNameAnnotationKey] ?? '',
    [DescriptionAnnotationKey]: ant[DescriptionAnnotationKey] ?? '',
  };
  cat.spec = body.spec?.icon ? { icon: body.spec.icon } : {};
  try {
    validateObjectMeta('Category', name, cat.metadata.labels, cat.metadata.annotations);
  } catch (err) {
    throw requestDoneStatus(err);
  }
  if (existing) cat.metadata.resourceVersion = d.store.nextResourceVersion();
  d.store.categories.set(name, cat);
  const returned = toWire('Category', clone(cat), false);
  // the controller reconciles the new category (finalizer, status.total) after the response is written
  reconcileCategories(d.store, [name]);
  d.persist();
  return { body: returned };
}

/** DELETE /categories/{category} */
export function deleteCategoryHandler(d: Deps, ctx: Ctx): Reply {
  const id = ctx.params.category ?? '';
  if (id === UncategorizedCategoryID) {
    throw new KsError(400, `${UncategorizedCategoryID} is default Category can't be delete`, 'BadRequest');
  }
  const cat = d.store.categories.get(id);
  if (!cat) throw cacheNotFound('Category', id);
  if (cat.status.total > 0)
    throw new KsError(500, `can not delete helm category: ${id} which owns applications`);
  if (!d.store.categories.delete(id)) throw apiNotFound('categories', id);
  d.persist();
  return success;
}

/** GET /categories/{category} */
export function describeCategoryHandler(d: Deps, ctx: Ctx): Reply {
  const id = ctx.params.category ?? '';
  const cat = d.store.categories.get(id);
  if (!cat) throw cacheNotFound('Category', id);
  return { body: toWire('Category', cat) };
}

/** GET /categories */
export function listCategoriesHandler(d: Deps, ctx: Ctx): Reply {
  const result = defaultList(
    [...d.store.categories.values()],
    parseQueryParameter(ctx.query, rulesOf(d.cfg.version)),
  );
  return {
    body: { items: result.items?.map((c) => toWire('Category', c)) ?? null, totalItems: result.totalItems },
  };
}
