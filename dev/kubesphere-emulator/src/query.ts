// List, filter, sort and page exactly like ks-core release-4.1:
//   pkg/apiserver/query/types.go          ParseQueryParameter, Pagination.GetValidPagination
//   pkg/apiserver/query/field.go          field names
//   pkg/models/resources/v1beta1/interface.go  DefaultList, DefaultObjectMetaCompare, DefaultObjectMetaFilter,
//                                          labelMatch, labelSelectorMatch, contains (fieldSelector)
//   pkg/server/params/params.go           parseConditions (conditions=status=a|b)
//   pkg/utils/k8sutil/k8sutil.go          ConvertToListResult
//   pkg/kapis/application/v2/handler_appversion.go  ListAppVersions + compareAppVersion (sortBy=versionName)

import { DisplayNameAnnotationKey } from './constants.js';
import { KsError } from './errors.js';
import { parseSelector, selectorMatches, SelectorError } from './labelselector.js';
import { compareParsed, parseMasterminds } from './chart/semver.js';
import type { ReleaseRules } from './releases.js';
import type { ApplicationVersion, KObject } from './types.js';

export interface Query {
  limit: number;
  offset: number;
  sortBy: string;
  ascending: boolean;
  filters: Map<string, string>;
  labelSelector: string;
  /** the release knows the `nameAndAlias` filter (v4.1.3) */
  nameAndAlias: boolean;
}

/** Go strconv.Atoi: optional sign, decimal digits only. */
export function atoi(s: string | undefined): number | null {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** strconv.ParseBool */
export function parseBool(s: string | undefined): boolean | null {
  if (s === undefined) return null;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

/**
 * query.ParseQueryParameter. `params` keeps the first value of each key (Go's url.Values first).
 * v4.1.1/v4.1.2 list through errors.go convertToListResult, which first removes `conditions`,
 * `global` and `create` (removeQueryArg); v4.1.3's k8sutil.ConvertToListResult keeps them as filters.
 */
export function parseQueryParameter(
  query: URLSearchParams,
  rules: Pick<ReleaseRules, 'listDropsConditions' | 'nameAndAliasFilter'>,
): Query {
  const params = new URLSearchParams(query);
  if (rules.listDropsConditions) for (const arg of ['conditions', 'global', 'create']) params.delete(arg);
  const limit = atoi(params.get('limit') ?? undefined) ?? -1;
  const page = atoi(params.get('page') ?? undefined) ?? 1;
  const sortBy = params.get('sortBy') || 'creationTimestamp';
  const ascending = parseBool(params.get('ascending') || 'false') ?? false;
  const filters = new Map<string, string>();
  for (const key of new Set(params.keys())) {
    if (['page', 'limit', 'sortBy', 'ascending', 'labelSelector'].includes(key)) continue;
    filters.set(key, params.get(key) ?? '');
  }
  return {
    limit,
    offset: (page - 1) * limit,
    sortBy,
    ascending,
    filters,
    labelSelector: params.get('labelSelector') ?? '',
    nameAndAlias: rules.nameAndAliasFilter,
  };
}

/** params.parseConditions: returns Match map (fuzzy `~` ignored by the app handlers). */
export function parseConditions(conditions: string): {
  match: Map<string, string>;
  fuzzy: Map<string, string>;
} {
  const match = new Map<string, string>();
  const fuzzy = new Map<string, string>();
  let rest = conditions;
  while (rest !== '') {
    let key = rest;
    const i = key.indexOf(',');
    if (i >= 0) {
      rest = key.slice(i + 1);
      key = key.slice(0, i);
    } else rest = '';
    if (key === '') continue;
    let value = '';
    let isFuzzy = false;
    const j = key.search(/[~=]/);
    if (j >= 0) {
      isFuzzy = key[j] === '~';
      value = key.slice(j + 1);
      key = key.slice(0, j);
    }
    if (/[\s(){}[\]]/.test(key)) throw new KsError(500, 'invalid conditions');
    (isFuzzy ? fuzzy : match).set(key, value);
  }
  return { match, fuzzy };
}

/** labels.Parse as the handlers use it before listing: errors become 400 (api.HandleBadRequest). */
export function parseLabelSelectorOrBadRequest(selector: string): ReturnType<typeof parseSelector> {
  try {
    return parseSelector(selector);
  } catch (err) {
    if (err instanceof SelectorError) throw new KsError(400, err.message, 'BadRequest');
    throw err;
  }
}

/** DefaultObjectMetaFilter labelMatch: `k=v`, `k!=v` (key present with another value), or `k` (present). */
function labelMatch(labels: Record<string, string> | undefined, filter: string): boolean {
  const eq = filter.indexOf('=');
  let key: string;
  let value: string;
  let opposite = false;
  if (eq >= 0) {
    key = filter.slice(0, eq);
    if (key.endsWith('!')) {
      key = key.slice(0, -1);
      opposite = true;
    }
    value = filter.slice(eq + 1);
  } else {
    key = filter;
    value = '*';
  }
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (opposite) {
      if (k === key && v !== value) return true;
    } else if (k === key && (value === '*' || v === value)) return true;
  }
  return false;
}

function goFmt(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object')
    return Array.isArray(v)
      ? `[${v.map(goFmt).join(' ')}]`
      : `map[${Object.entries(v)
          .map(([k, x]) => `${k}:${goFmt(x)}`)
          .join(' ')}]`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** contains(): fieldSelector with =, ==, != and `~` case-insensitive values, looked up as JSON paths. */
function fieldSelectorMatch(obj: KObject, selector: string): boolean {
  const reqs: { key: string; neg: boolean; value: string }[] = [];
  for (const part of selector.split(',')) {
    if (part.trim() === '') continue;
    const m = /^([^=!]+)(==|!=|=)(.*)$/.exec(part.trim());
    if (!m) return false;
    reqs.push({ key: (m[1] ?? '').trim(), neg: m[2] === '!=', value: (m[3] ?? '').trim() });
  }
  const json = JSON.parse(JSON.stringify(obj)) as unknown;
  for (const r of reqs) {
    let cur: unknown = json;
    for (const seg of r.key.split('.')) {
      if (cur === null || typeof cur !== 'object' || !(seg in cur)) return false;
      cur = (cur as Record<string, unknown>)[seg];
    }
    const raw = goFmt(cur);
    let value = r.value;
    let eq: boolean;
    if (value.startsWith('~')) {
      value = value.slice(1);
      eq = raw.toLowerCase() === value.toLowerCase();
    } else eq = raw === value;
    if (r.neg ? eq : !eq) return false;
  }
  return true;
}

/** DefaultObjectMetaFilter; `nameAndAlias` only where the release has it (else no filter). */
export function defaultFilter(obj: KObject, field: string, value: string, nameAndAlias: boolean): boolean {
  const md = obj.metadata;
  switch (field === 'nameAndAlias' && !nameAndAlias ? '' : field) {
    case 'names':
      return value.split(',').includes(md.name);
    case 'name':
    case 'nameAndAlias': {
      const displayName = md.annotations?.[DisplayNameAnnotationKey] ?? '';
      if (displayName !== '' && displayName.toLowerCase().includes(value.toLowerCase())) return true;
      return md.name.includes(value);
    }
    case 'uid':
      return md.uid === value;
    case 'namespace':
      return value === '';
    case 'ownerReference':
      return (md.ownerReferences ?? []).some((o) => o.uid === value);
    case 'ownerKind':
      return (md.ownerReferences ?? []).some((o) => o.kind === value);
    case 'annotation':
      return labelMatch(md.annotations, value);
    case 'label':
      return labelMatch(md.labels, value);
    case 'labelSelector':
      try {
        return selectorMatches(parseSelector(value), md.labels);
      } catch {
        return false;
      }
    case 'fieldSelector':
      return fieldSelectorMatch(obj, value);
    default:
      return true;
  }
}

type Compare = (a: KObject, b: KObject, sortBy: string) => boolean;

/** DefaultObjectMetaCompare: `true` means a sorts before b in the default (descending) order. */
export const defaultCompare: Compare = (a, b, sortBy) => {
  const ln = a.metadata.name;
  const rn = b.metadata.name;
  if (sortBy === 'name') return ln > rn;
  const lt = Date.parse(a.metadata.creationTimestamp);
  const rt = Date.parse(b.metadata.creationTimestamp);
  if (lt === rt) return ln > rn;
  return lt > rt;
};

/** handler_appversion.go compareAppVersion (v4.1.3): sortBy=versionName compares Masterminds semvers. */
export const compareAppVersion: Compare = (a, b, sortBy) => {
  if (sortBy !== 'versionName') return defaultCompare(a, b, sortBy);
  const l = (a as ApplicationVersion).spec.versionName;
  const r = (b as ApplicationVersion).spec.versionName;
  if (l === '') return false;
  const lv = parseMasterminds(l);
  if (typeof lv === 'string') return false;
  // Go leaves rVer nil for an empty right-hand versionName and would dereference it; versionName is
  // never empty after ks-core fills it from Chart.yaml, so this branch is unreachable in practice.
  if (r === '') return false;
  const rv = parseMasterminds(r);
  if (typeof rv === 'string') return false;
  return compareParsed(lv, rv) > 0;
};

export interface ListResult<T> {
  items: T[] | null;
  totalItems: number;
}

/** resv1beta1.DefaultList + ConvertToListResult */
export function defaultList<T extends KObject>(
  objects: T[],
  q: Query,
  compare: Compare = defaultCompare,
): ListResult<T> {
  let filtered: T[] | null;
  if (q.filters.size !== 0) {
    filtered = null;
    for (const o of objects) {
      let match = true;
      for (const [f, v] of q.filters) {
        if (!defaultFilter(o, f, v, q.nameAndAlias)) {
          match = false;
          break;
        }
      }
      if (match) (filtered ??= []).push(o);
    }
  } else filtered = objects;
  const list = filtered ?? [];
  list.sort((x, y) => {
    const before = q.ascending ? !compare(x, y, q.sortBy) : compare(x, y, q.sortBy);
    const after = q.ascending ? !compare(y, x, q.sortBy) : compare(y, x, q.sortBy);
    if (before && !after) return -1;
    if (after && !before) return 1;
    return 0;
  });
  const total = list.length;
  let start = 0;
  let end = total;
  if (q.limit !== -1) {
    if (q.limit < 0 || q.offset < 0 || q.offset > total) {
      start = 0;
      end = 0;
    } else {
      start = q.offset;
      end = Math.min(start + q.limit, total);
    }
  }
  // a Go nil slice sliced stays nil and is written as `null`
  return { items: filtered === null ? null : list.slice(start, end), totalItems: total };
}
