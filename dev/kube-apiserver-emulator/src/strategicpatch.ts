// Applying a strategic merge patch (application/strategic-merge-patch+json) to a built-in object.
// Copied from k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (StrategicMergePatch, mergeMap,
// mergeSlice) and https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md:
//   - a null value deletes the key; maps merge key by key; lists without a merge strategy are replaced;
//   - merge lists of maps merge item by item on their merge key; `{<key>: v, "$patch": "delete"}` removes
//     an item; an item `{"$patch": "replace"}` replaces the whole list; merge lists of primitives are sets;
//   - `$patch: replace` / `$patch: delete` on a map replace / delete it; `$retainKeys` keeps only the listed
//     keys; `$deleteFromPrimitiveList/<field>` removes values; `$setElementOrder/<field>` orders the result.
// The patch strategies of the fields come from patchmeta.ts.

import { badRequest } from './errors.js';
import type { FieldStrategy, PatchMeta } from './patchmeta.js';
import { clone, deepEqual, isObject, type JsonObject } from './types.js';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** A patch value with its directives removed (what is stored when there is no original). */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value))
    return value.filter((v) => !(isObject(v) && v[DIRECTIVE] === 'delete')).map(stripDirectives);
  if (!isObject(value)) return clone(value);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM))
      continue;
    if (v === null) continue;
    out[k] = stripDirectives(v);
  }
  return out;
}

function orderBy(items: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const id = (v: unknown): unknown => (key && isObject(v) ? v[key] : v);
  const orderIds = order.map(id);
  const position = (v: unknown): number => {
    const i = orderIds.findIndex((o) => deepEqual(o, id(v)));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return items
    .map((v, i) => ({ v, i }))
    .sort((a, b) => position(a.v) - position(b.v) || a.i - b.i)
    .map(({ v }) => v);
}

function mergeList(
  original: unknown[],
  patch: unknown[],
  strategy: FieldStrategy | undefined,
  path: string,
  meta: PatchMeta,
): unknown[] {
  if (!strategy?.merge) return stripDirectives(patch) as unknown[];
  const key = strategy.mergeKey;
  if (!key) {
    const out = [...original];
    for (const v of patch) if (!out.some((o) => deepEqual(o, v))) out.push(clone(v));
    return out;
  }
  if (patch.some((item) => isObject(item) && item[DIRECTIVE] === 'replace'))
    return stripDirectives(
      patch.filter((item) => !(isObject(item) && item[DIRECTIVE] === 'replace')),
    ) as unknown[];
  let out = original.map((v) => clone(v));
  for (const item of patch) {
    if (!isObject(item) || !(key in item))
      throw badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const index = out.findIndex((o) => isObject(o) && deepEqual(o[key], item[key]));
    if (item[DIRECTIVE] === 'delete') {
      out = out.filter((o) => !(isObject(o) && deepEqual(o[key], item[key])));
    } else if (index >= 0) out[index] = mergeMap(out[index] as JsonObject, item, path, meta);
    else out.push(stripDirectives(item));
  }
  return out;
}

function mergeMap(original: JsonObject, patch: JsonObject, path: string, meta: PatchMeta): JsonObject {
  if (patch[DIRECTIVE] === 'replace') return stripDirectives(patch) as JsonObject;
  if (patch[DIRECTIVE] === 'delete') return {};
  let out = clone(original);
  const retainKeys = patch[RETAIN_KEYS];
  if (Array.isArray(retainKeys))
    out = Object.fromEntries(Object.entries(out).filter(([k]) => retainKeys.includes(k)));
  const orders: [string, unknown[]][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS) continue;
    if (k.startsWith(SET_ORDER)) {
      if (Array.isArray(v)) orders.push([k.slice(SET_ORDER.length), v]);
      continue;
    }
    if (k.startsWith(DELETE_FROM)) {
      const field = k.slice(DELETE_FROM.length);
      const current = out[field];
      if (Array.isArray(current) && Array.isArray(v))
        out[field] = current.filter((x) => !v.some((d) => deepEqual(d, x)));
      continue;
    }
    const fieldPath = join(path, k);
    const current = out[k];
    if (v === null) Reflect.deleteProperty(out, k);
    else if (isObject(v) && isObject(current)) out[k] = mergeMap(current, v, fieldPath, meta);
    else if (Array.isArray(v) && Array.isArray(current))
      out[k] = mergeList(current, v, meta[fieldPath], fieldPath, meta);
    else out[k] = stripDirectives(v);
  }
  for (const [field, order] of orders) {
    const list = out[field];
    if (Array.isArray(list)) out[field] = orderBy(list, order, meta[join(path, field)]?.mergeKey);
  }
  return out;
}

/** StrategicMergePatch(original, patch) for an object of a kind with `meta`. */
export function strategicMergePatch(original: unknown, patch: unknown, meta: PatchMeta): unknown {
  if (!isObject(patch)) throw badRequest("couldn't get version/kind; json parse error: expected an object");
  return mergeMap(isObject(original) ? original : {}, patch, '', meta);
}
