// The patch Helm sends to upgrade an object (helm pkg/kube/client.go createPatch): a JSON merge patch
// from the old manifest's object to the new one for custom resources (jsonpatch.CreateMergePatch), and for
// built-in kinds a three-way strategic merge patch between the old manifest's object, the new one and
// the live object (k8s.io/apimachinery/pkg/util/strategicpatch/patch.go CreateThreeWayMergePatch: changes
// and additions from live to new, deletions from old to new; merge lists by their merge key with
// `$setElementOrder`, `{"$patch": "delete"}` items and `$deleteFromPrimitiveList`; `$retainKeys` for
// retainKeys fields). The patch strategies of the fields are the emulator's table of k8s.io/api's tags.

import type { PatchMeta } from '@store-importer/kube-apiserver-emulator';

type Json = Record<string, unknown>;

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const equal = (a: unknown, b: unknown): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isMap(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sorted(v[k])]),
  );
}

/** RFC 7386 merge patch from `from` to `to` (CreateMergePatch). */
export function mergePatchBetween(from: Json, to: Json): Json {
  const patch: Json = {};
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  for (const [key, value] of Object.entries(to)) {
    const old = from[key];
    if (equal(old, value)) continue;
    patch[key] = isMap(old) && isMap(value) ? mergePatchBetween(old, value) : value;
  }
  return patch;
}

interface DiffOptions {
  ignoreDeletions: boolean;
  ignoreChangesAndAdditions: boolean;
}

function diffMergeList(
  from: unknown[],
  to: unknown[],
  key: string,
  path: string,
  field: string,
  meta: PatchMeta,
  opts: DiffOptions,
  patch: Json,
): void {
  const id = (v: unknown): unknown => (isMap(v) ? v[key] : undefined);
  const items: unknown[] = [];
  if (!opts.ignoreChangesAndAdditions)
    for (const item of to) {
      const old = from.find((o) => equal(id(o), id(item)));
      if (old === undefined) items.push(item);
      else if (isMap(old) && isMap(item) && !equal(old, item)) {
        const sub = diffMaps(old, item, path, meta, opts);
        if (Object.keys(sub).length > 0) items.push({ [key]: id(item), ...sub });
      }
    }
  if (!opts.ignoreDeletions)
    for (const old of from)
      if (!to.some((item) => equal(id(old), id(item)))) items.push({ [key]: id(old), $patch: 'delete' });
  if (items.length === 0) return;
  patch[field] = items;
  patch[`$setElementOrder/${field}`] = to.map((item) => ({ [key]: id(item) }));
}

function diffPrimitiveSet(
  from: unknown[],
  to: unknown[],
  field: string,
  opts: DiffOptions,
  patch: Json,
): void {
  const added = opts.ignoreChangesAndAdditions ? [] : to.filter((v) => !from.some((o) => equal(o, v)));
  const removed = opts.ignoreDeletions ? [] : from.filter((v) => !to.some((o) => equal(o, v)));
  if (added.length > 0) patch[field] = added;
  if (removed.length > 0) patch[`$deleteFromPrimitiveList/${field}`] = removed;
  if (added.length + removed.length > 0) patch[`$setElementOrder/${field}`] = to;
}

function diffMaps(from: Json, to: Json, path: string, meta: PatchMeta, opts: DiffOptions): Json {
  const patch: Json = {};
  for (const [key, value] of Object.entries(to)) {
    const old = from[key];
    const fieldPath = join(path, key);
    const strategy = meta[fieldPath];
    if (old === undefined) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = value;
    } else if (equal(old, value)) continue;
    else if (isMap(old) && isMap(value)) {
      const sub = diffMaps(old, value, fieldPath, meta, opts);
      if (Object.keys(sub).length > 0)
        patch[key] = strategy?.retainKeys ? { ...sub, $retainKeys: Object.keys(value).sort() } : sub;
    } else if (Array.isArray(old) && Array.isArray(value) && strategy?.merge) {
      if (strategy.mergeKey) diffMergeList(old, value, strategy.mergeKey, fieldPath, key, meta, opts, patch);
      else diffPrimitiveSet(old, value, key, opts, patch);
    } else if (!opts.ignoreChangesAndAdditions) patch[key] = value;
  }
  if (!opts.ignoreDeletions) for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  return patch;
}

/** Merges two patches of the same object (the deletions and the delta). */
function mergePatches(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    if (isMap(mine) && isMap(value)) out[key] = mergePatches(mine, value);
    else if (Array.isArray(mine) && Array.isArray(value) && !key.startsWith('$setElementOrder/'))
      out[key] = [...(mine as unknown[]), ...(value as unknown[])];
    else out[key] = value;
  }
  return out;
}

/** CreateThreeWayMergePatch(original, modified, current). */
export function threeWayPatch(original: Json, modified: Json, current: Json, meta: PatchMeta): Json {
  const delta = diffMaps(current, modified, '', meta, {
    ignoreDeletions: true,
    ignoreChangesAndAdditions: false,
  });
  const deletions = diffMaps(original, modified, '', meta, {
    ignoreDeletions: false,
    ignoreChangesAndAdditions: true,
  });
  return mergePatches(deletions, delta);
}
