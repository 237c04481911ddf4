// Built-in ("typed") kinds served from one description each: JSON decoding into the Go types, schema
// checks, strategy flags. Copied from
//   k8s.io/apiserver/pkg/endpoints/handlers/rest.go, create.go, update.go (fieldValidation: unknown fields
//     are dropped with a `Warning: 299 - "unknown field \"spec.x\""` by default (Warn), 400 with Strict)
//   sigs.k8s.io/json (the strict decoder: case-sensitive field names; unknown field paths with [i] indices)
//   k8s.io/apimachinery/pkg/runtime/serializer/json (a value of the wrong JSON type is a 400
//     `<Kind> in version "<v>" cannot be handled as a <Kind>: json: cannot unmarshal ...`)
//   the OpenAPI schemas of k8s.io/api (required fields, types, enums, formats), as compiled by
//     kubernetes-models; the Go types' JSON fields, as mirrored by @kubernetes/client-node's models
// Each kind's own validation, defaults and strategy live in kinds.ts; PATCH merging in strategicpatch.ts.

import * as models from '@kubernetes/client-node/dist/gen/models/all.js';
import { BUILTIN_PATCH_TYPES, checkTypeMeta } from './builtins.js';
import { fe, type FieldError } from './errors.js';
import type { WriteGuard } from './escalation.js';
import { validateObjectMeta, validateObjectMetaUpdate, type NameValidator } from './metavalidation.js';
import type { PatchMeta } from './patchmeta.js';
import {
  decodeError,
  decodeObjectMeta,
  metaFieldLabels,
  TypedDecoder,
  type ResourceDef,
  type Strategy,
} from './resource.js';
import { clone, isObject, type JsonObject, type KObject } from './types.js';

/** A kubernetes-models schema validator (an ajv function). */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: { instancePath: string; keyword: string; params: Record<string, unknown> }[] | null;
}

export interface TypedKind {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** the @kubernetes/client-node model of the kind (its JSON fields) */
  model: string;
  /** the kubernetes-models schema of the kind */
  schema: SchemaValidator;
  /** metadata.name rule (default: DNS-1123 subdomain) */
  name?: NameValidator;
  /** the kind has a status subresource: status is reset on create and kept on updates */
  status?: { initial: JsonObject };
  /** metadata.generation is managed: 1 on create, +1 when `changed(obj, old)` */
  generation?: (obj: KObject, old: KObject) => boolean;
  /** SetDefaults_* of the kind (after decoding) */
  defaults?: (obj: KObject) => void;
  /** PrepareForCreate beyond status and generation (e.g. a Service's cluster IP) */
  prepareForCreate?: (obj: KObject) => void;
  /** PrepareForUpdate beyond status and generation */
  prepareForUpdate?: (obj: KObject, old: KObject) => void;
  validate?: (obj: KObject) => FieldError[];
  validateUpdate?: (obj: KObject, old: KObject) => FieldError[];
  allowCreateOnUpdate: boolean;
  allowUnconditionalUpdate: boolean;
  patchMeta: PatchMeta;
  guard?: WriteGuard;
}

interface Attribute {
  baseName: string;
  type: string;
}

function attributesOf(model: string): Attribute[] | undefined {
  const candidate = (models as Record<string, unknown>)[model];
  if (typeof candidate !== 'function' || !('getAttributeTypeMap' in candidate)) return undefined;
  const getter = candidate.getAttributeTypeMap;
  if (typeof getter !== 'function') return undefined;
  return (getter.call(candidate) as Attribute[]).map(({ baseName, type }) => ({ baseName, type }));
}

const child = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** Drops (and records) the fields the Go type of `type` does not have, recursively. */
function dropUnknown(value: unknown, type: string, path: string, unknown: string[]): void {
  if (value === null || value === undefined) return;
  const list = /^Array<(.+)>$/.exec(type);
  if (list?.[1]) {
    const item = list[1];
    if (Array.isArray(value))
      value.forEach((v, i) => {
        dropUnknown(v, item, `${path}[${i}]`, unknown);
      });
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1]) {
    const item = map[1];
    if (isObject(value))
      for (const [k, v] of Object.entries(value)) dropUnknown(v, item, child(path, k), unknown);
    return;
  }
  const attributes = attributesOf(type);
  if (!attributes || !isObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const attribute = attributes.find((a) => a.baseName === key);
    if (!attribute) {
      unknown.push(child(path, key));
      Reflect.deleteProperty(value, key);
    } else dropUnknown(v, attribute.type, child(path, key), unknown);
  }
}

/** An ajv instancePath as a field path (`/spec/ports/0/port` -> `spec.ports[0].port`). */
function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .reduce(
      (path, part) =>
        /^\d+$/.test(part) ? `${path}[${part}]` : child(path, part.replace(/~1/g, '/').replace(/~0/g, '~')),
      '',
    );
}

const GO_TYPES: Record<string, string> = {
  integer: 'int64',
  number: 'float64',
  string: 'string',
  boolean: 'bool',
  object: 'struct',
  array: 'slice',
};

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function valueAt(obj: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (node, part) => (isObject(node) ? node[part] : Array.isArray(node) ? node[Number(part)] : undefined),
      obj,
    );
}

/** The schema's verdict: type errors are decoding errors (400), the rest field errors (422). */
function schemaErrors(spec: TypedKind, obj: KObject): FieldError[] {
  if (spec.schema(obj)) return [];
  const errs: FieldError[] = [];
  const apiVersion = spec.group ? `${spec.group}/${spec.version}` : spec.version;
  for (const error of spec.schema.errors ?? []) {
    const path = fieldPath(error.instancePath);
    const value = valueAt(obj, error.instancePath);
    const format = typeof error.params.format === 'string' ? error.params.format : '';
    if (
      error.keyword === 'type' ||
      (error.keyword === 'format' && (format === 'int32' || format === 'int64'))
    ) {
      const expected = typeof error.params.type === 'string' ? error.params.type : format;
      const goType = format || (GO_TYPES[expected] ?? expected);
      throw decodeError(
        spec.kind,
        apiVersion,
        `json: cannot unmarshal ${jsonTypeOf(value)} into Go struct field ${spec.kind}.${path.replace(/\[\d+\]/g, '')} of type ${goType}`,
      );
    }
    if (error.keyword === 'required') {
      const missing = typeof error.params.missingProperty === 'string' ? error.params.missingProperty : '';
      errs.push(fe.required(child(path, missing)));
    } else if (error.keyword === 'enum') {
      const allowed = Array.isArray(error.params.allowedValues) ? error.params.allowedValues.map(String) : [];
      errs.push(fe.notSupported(path, value, allowed));
    } else errs.push(fe.invalid(path, value, `must match the schema (${error.keyword})`));
  }
  return errs;
}

function typedStrategy(spec: TypedKind): Strategy {
  const apiVersion = spec.group ? `${spec.group}/${spec.version}` : spec.version;
  const decoder = new TypedDecoder(spec.kind, apiVersion);
  const rootAttributes = attributesOf(spec.model);
  if (!rootAttributes) throw new Error(`emulator: no @kubernetes/client-node model ${spec.model}`);
  const own = (obj: KObject): FieldError[] => [...schemaErrors(spec, obj)];
  return {
    decode(raw, unknown) {
      checkTypeMeta(raw, spec.kind, apiVersion);
      const body = clone(raw);
      const { metadata: rawMeta, apiVersion: _a, kind: _k, ...rest } = body;
      for (const [key, value] of Object.entries(rest)) {
        const attribute = rootAttributes.find((a) => a.baseName === key);
        if (!attribute) {
          unknown.push(key);
          Reflect.deleteProperty(rest, key);
        } else dropUnknown(value, attribute.type, key, unknown);
      }
      const obj: KObject = {
        apiVersion,
        kind: spec.kind,
        metadata: decodeObjectMeta(rawMeta, decoder, unknown),
        ...rest,
      };
      spec.defaults?.(obj);
      return obj;
    },
    prepareForCreate(obj) {
      if (spec.status) obj.status = clone(spec.status.initial);
      if (spec.generation) obj.metadata.generation = 1;
      spec.prepareForCreate?.(obj);
    },
    prepareForUpdate(obj, old) {
      if (spec.status) {
        if (old.status === undefined) delete obj.status;
        else obj.status = clone(old.status);
      }
      if (spec.generation && spec.generation(obj, old))
        obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
      spec.prepareForUpdate?.(obj, old);
    },
    ...(spec.status
      ? {
          prepareForStatusUpdate(obj: KObject, old: KObject): void {
            const status = obj.status;
            for (const key of Object.keys(obj)) Reflect.deleteProperty(obj, key);
            Object.assign(obj, clone(old), { status });
          },
        }
      : {}),
    validate(obj) {
      return [
        ...validateObjectMeta(obj, spec.namespaced, spec.name),
        ...own(obj),
        ...(spec.validate?.(obj) ?? []),
      ];
    },
    validateUpdate(obj, old) {
      return [
        ...validateObjectMetaUpdate(obj, old, spec.namespaced, spec.name),
        ...own(obj),
        ...(spec.validate?.(obj) ?? []),
        ...(spec.validateUpdate?.(obj, old) ?? []),
      ];
    },
    allowCreateOnUpdate: spec.allowCreateOnUpdate,
    allowUnconditionalUpdate: spec.allowUnconditionalUpdate,
    fieldLabels: (obj) => metaFieldLabels(obj, spec.namespaced),
    patchTypes: BUILTIN_PATCH_TYPES,
    patchMeta: spec.patchMeta,
    listItemsHaveTypeMeta: false,
    ...(spec.guard ? { guard: spec.guard } : {}),
  };
}

/** The ResourceDef of a typed kind. */
export function typedKind(spec: TypedKind): ResourceDef {
  const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
  return {
    group: spec.group,
    version: spec.version,
    resource: spec.resource,
    singular: spec.kind.toLowerCase(),
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    namespaced: spec.namespaced,
    hasStatus: spec.status !== undefined,
    bucket: `${spec.group || 'core'}/${spec.resource}`,
    keyPrefix: `/registry/${spec.group ? `${spec.group}/` : ''}${spec.resource}`,
    generation: spec.generation !== undefined,
    strategy: typedStrategy(spec),
    verbs,
  };
}
