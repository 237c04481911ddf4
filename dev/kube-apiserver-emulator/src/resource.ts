// What one served resource is, and the decoding of ObjectMeta every kind shares. Copied from
//   k8s.io/apiserver/pkg/registry/rest/create.go, update.go (RESTCreateStrategy / RESTUpdateStrategy:
//     PrepareForCreate, PrepareForUpdate, Validate, ValidateUpdate, AllowCreateOnUpdate,
//     AllowUnconditionalUpdate)
//   k8s.io/apimachinery/pkg/apis/meta/v1/types.go (ObjectMeta fields and JSON types)

import { badRequest, type FieldError, type GroupThing } from './errors.js';
import type { WriteGuard } from './escalation.js';
import type { PatchMeta } from './patchmeta.js';
import type { Schema } from './schema.js';
import { isObject, type JsonObject, type KObject, type ObjectMeta } from './types.js';

export interface Strategy {
  /** typed decoding of a request body: drops unknown fields (recorded in `unknown`), 400 on type errors */
  decode(raw: JsonObject, unknown: string[]): KObject;
  prepareForCreate(obj: KObject): void;
  prepareForUpdate(obj: KObject, old: KObject): void;
  /** status subresource: keep everything of `old` but the status (undefined = no status subresource) */
  prepareForStatusUpdate?: (obj: KObject, old: KObject) => void;
  validate(obj: KObject): FieldError[];
  validateUpdate(obj: KObject, old: KObject): FieldError[];
  allowCreateOnUpdate: boolean;
  allowUnconditionalUpdate: boolean;
  /** field selector attributes of an object */
  fieldLabels(obj: KObject): Record<string, string>;
  /** PATCH content types accepted (the 415 message lists them) */
  patchTypes: string[];
  /** how strategic merge patch merges the kind's lists (built-in kinds only) */
  patchMeta?: PatchMeta;
  /** checks before a create or update (RBAC kinds: privilege-escalation prevention) */
  guard?: WriteGuard;
  /** a DELETE that marks the object first (CRDs: the cleanup finalizer and Terminating condition) */
  prepareForDelete?: (obj: KObject) => void;
  /** whether list items carry kind/apiVersion (unstructured lists do, typed lists do not) */
  listItemsHaveTypeMeta: boolean;
}

export interface ResourceDef {
  group: string;
  version: string;
  /** plural */
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  hasStatus: boolean;
  /** objects of all served versions of one resource share this bucket */
  bucket: string;
  /** the /registry/... key prefix (for storage error texts) */
  keyPrefix: string;
  /** CRD-backed resources carry their schema */
  schema?: Schema;
  /** generation is managed (custom resources) */
  generation: boolean;
  strategy: Strategy;
  /** verbs the resource serves (discovery and 405) */
  verbs: string[];
  /** the CRD serving it is being deleted: creates are refused */
  terminating?: boolean;
}

export const gr = (r: ResourceDef): GroupThing => ({ group: r.group, name: r.resource });
export const gk = (r: ResourceDef): GroupThing => ({ group: r.group, name: r.kind });
export const apiVersionOf = (r: ResourceDef): string => (r.group ? `${r.group}/${r.version}` : r.version);

/** The error the typed JSON decoder answers with (serializer "cannot be handled as a" wrapper). */
export function decodeError(kind: string, version: string, detail: string): Error {
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`);
}

function goJsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

export class TypedDecoder {
  constructor(
    readonly kind: string,
    readonly version: string,
  ) {}
  fail(v: unknown, goField: string, goType: string): never {
    throw decodeError(
      this.kind,
      this.version,
      `json: cannot unmarshal ${goJsonType(v)} into Go struct field ${goField} of type ${goType}`,
    );
  }
  str(v: unknown, goField: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail(v, goField, 'string');
    return v;
  }
  int(v: unknown, goField: string, goType = 'int64'): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(v, goField, goType);
    if (goType === 'int32' && (v > 2147483647 || v < -2147483648)) this.fail(v, goField, goType);
    return v;
  }
  bool(v: unknown, goField: string): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail(v, goField, 'bool');
    return v;
  }
  stringMap(v: unknown, goField: string): Record<string, string> | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) this.fail(v, goField, 'map[string]string');
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== 'string') this.fail(x, goField, 'string');
      out[k] = x;
    }
    return out;
  }
  stringList(v: unknown, goField: string): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) this.fail(v, goField, '[]string');
    return v.map((x) => {
      if (typeof x !== 'string') this.fail(x, goField, 'string');
      return x;
    });
  }
}

const META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

/** Decodes metadata like metav1.ObjectMeta: known fields type-checked, unknown dropped, managedFields omitted. */
export function decodeObjectMeta(raw: unknown, d: TypedDecoder, unknown: string[]): ObjectMeta {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) d.fail(raw, `${d.kind}.metadata`, 'v1.ObjectMeta');
  const m: ObjectMeta = {};
  const f = (n: string): string => `ObjectMeta.metadata.${n}`;
  for (const k of Object.keys(raw)) if (!META_FIELDS.has(k)) unknown.push(`metadata.${k}`);
  const set = <K extends keyof ObjectMeta>(k: K, v: ObjectMeta[K] | undefined): void => {
    if (v !== undefined) m[k] = v;
  };
  set('name', d.str(raw.name, f('name')));
  set('generateName', d.str(raw.generateName, f('generateName')));
  set('namespace', d.str(raw.namespace, f('namespace')));
  set('uid', d.str(raw.uid, f('uid')));
  set('resourceVersion', d.str(raw.resourceVersion, f('resourceVersion')));
  set('generation', d.int(raw.generation, f('generation')));
  set('creationTimestamp', d.str(raw.creationTimestamp, f('creationTimestamp')));
  set('deletionTimestamp', d.str(raw.deletionTimestamp, f('deletionTimestamp')));
  set('deletionGracePeriodSeconds', d.int(raw.deletionGracePeriodSeconds, f('deletionGracePeriodSeconds')));
  set('labels', d.stringMap(raw.labels, f('labels')));
  set('annotations', d.stringMap(raw.annotations, f('annotations')));
  set('finalizers', d.stringList(raw.finalizers, f('finalizers')));
  if (raw.ownerReferences !== undefined && raw.ownerReferences !== null) {
    if (!Array.isArray(raw.ownerReferences) || !raw.ownerReferences.every(isObject))
      d.fail(raw.ownerReferences, f('ownerReferences'), '[]v1.OwnerReference');
    m.ownerReferences = raw.ownerReferences;
  }
  return m;
}

export function metaFieldLabels(obj: KObject, namespaced: boolean): Record<string, string> {
  const out: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
  if (namespaced) out['metadata.namespace'] = obj.metadata.namespace ?? '';
  return out;
}
