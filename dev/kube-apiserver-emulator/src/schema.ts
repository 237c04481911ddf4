// Structural-schema handling of custom resources: pruning, nullable-null pruning, defaulting, validation.
// Semantics copied from
//   https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/
//     ("Specifying a structural schema", "Field pruning", "Defaulting", "Defaulting and Nullable", "Validation")
//   k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning/algorithm.go (prune, unknown field paths)
//   k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting/prunenulls.go, algorithm.go
//   k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go (kubeOpenAPIResultToFieldErrors)
//   k8s.io/kube-openapi/pkg/validation/errors/schema.go (message formats, `in body`)
//   k8s.io/kube-openapi/pkg/validation/validate/{type,object,slice,string,number}_validator.go
//   k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype/validation.go (x-kubernetes-list-type)
// CEL rules (x-kubernetes-validations) are NOT evaluated: CRDs that carry them are refused at load
// unless the caller opts in (see crd.ts).

import { isIP } from 'node:net';
import { fe, type FieldError } from './errors.js';
import { clone, deepEqual, isObject, type JsonObject } from './types.js';

export interface Schema {
  type?: string;
  format?: string;
  nullable?: boolean;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: unknown[];
}

const child = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

// ---------------- pruning ----------------

/**
 * Drops fields the schema does not specify (in place) and returns their paths
 * (`unknown field "spec.x"` warnings). The root's apiVersion/kind/metadata are left to the caller.
 */
export function prune(
  value: unknown,
  schema: Schema | undefined,
  path: string,
  unknown: string[],
  root = false,
) {
  if (schema === undefined) return;
  if (Array.isArray(value)) {
    if (schema.items)
      value.forEach((v, i) => {
        prune(v, schema.items, `${path}[${i}]`, unknown);
      });
    return;
  }
  if (!isObject(value)) return;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const addl = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const key of Object.keys(value)) {
    if (root && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
    const p = schema.properties?.[key];
    if (p) prune(value[key], p, child(path, key), unknown);
    else if (addl) prune(value[key], addl, child(path, key), unknown);
    else if (schema.additionalProperties === true || preserve) continue;
    else {
      unknown.push(child(path, key));
      Reflect.deleteProperty(value, key);
    }
  }
}

/** PruneNonNullableNullsWithoutDefaults + Default (in place). */
export function applyDefaults(value: unknown, schema: Schema | undefined): void {
  if (schema === undefined) return;
  if (Array.isArray(value)) {
    if (schema.items) for (const v of value) applyDefaults(v, schema.items);
    return;
  }
  if (!isObject(value)) return;
  const props = schema.properties ?? {};
  for (const [key, ps] of Object.entries(props)) {
    if (key in value && value[key] === null && ps.nullable !== true) {
      Reflect.deleteProperty(value, key);
    }
    if (!(key in value) && ps.default !== undefined) value[key] = clone(ps.default);
    if (key in value) applyDefaults(value[key], ps);
  }
  const addl = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  if (addl) {
    for (const key of Object.keys(value)) if (!(key in props)) applyDefaults(value[key], addl);
  }
}

// ---------------- validation ----------------

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v; // string, boolean
}

const inBody = (path: string): string => `${path} in body`;

function formatOk(format: string, v: string): boolean | undefined {
  switch (format) {
    case 'date-time':
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
    case 'uuid':
      return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v);
    case 'byte':
      return /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0;
    case 'ipv4':
      return isIP(v) === 4;
    case 'ipv6':
      return isIP(v) === 6;
    case 'hostname':
      return (
        v.length <= 255 &&
        /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u.test(
          v,
        )
      );
    case 'email':
      return /^[^@\s]+@[^@\s]+$/.test(v);
    case 'uri':
      try {
        return new URL(v).protocol !== '';
      } catch {
        return false;
      }
    default:
      return undefined; // not validated (kube-openapi ignores formats it does not know)
  }
}

function allowedTypes(schema: Schema): string[] | undefined {
  if (schema['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return schema.type ? [schema.type] : undefined;
}

/** Validates one value; `path` is kube-openapi's name for it ("spec.items[0].name"). */
export function validate(value: unknown, schema: Schema | undefined, path: string, errs: FieldError[]): void {
  if (schema === undefined) return;
  const types = allowedTypes(schema);
  if (value === null) {
    if (types && !types.includes('null') && schema.nullable !== true) {
      errs.push(fe.typeInvalid(path, 'null', `${inBody(path)} must be of type ${types.join(',')}: "null"`));
    }
    return;
  }
  const t = jsonType(value);
  if (types) {
    const ok = types.includes(t) || (t === 'integer' && types.includes('number'));
    if (!ok) {
      errs.push(fe.typeInvalid(path, t, `${inBody(path)} must be of type ${types.join(',')}: "${t}"`));
      return;
    }
  }
  if (schema.enum && !schema.enum.some((e) => deepEqual(e, value))) {
    errs.push(
      fe.notSupported(
        path,
        value,
        schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))),
      ),
    );
  }
  if (typeof value === 'string') validateString(value, schema, path, errs);
  else if (typeof value === 'number') validateNumber(value, schema, path, errs);
  else if (Array.isArray(value)) validateArray(value, schema, path, errs);
  else if (isObject(value)) validateObject(value, schema, path, errs);
  validateComposition(value, schema, path, errs);
}

function validateString(v: string, s: Schema, path: string, errs: FieldError[]): void {
  const len = Array.from(v).length; // code points, like Go's utf8.RuneCountInString
  if (s.maxLength !== undefined && len > s.maxLength) errs.push(fe.tooLongMaxLength(path, v, s.maxLength));
  if (s.minLength !== undefined && len < s.minLength)
    errs.push(fe.invalid(path, v, `${inBody(path)} should be at least ${s.minLength} chars long`));
  if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v))
    errs.push(fe.invalid(path, v, `${inBody(path)} should match '${s.pattern}'`));
  if (s.format !== undefined && formatOk(s.format, v) === false)
    errs.push(fe.typeInvalid(path, v, `${inBody(path)} must be of type ${s.format}: ${JSON.stringify(v)}`));
}

function validateNumber(v: number, s: Schema, path: string, errs: FieldError[]): void {
  if (s.maximum !== undefined) {
    if (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)
      errs.push(
        fe.invalid(
          path,
          v,
          `${inBody(path)} should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`,
        ),
      );
  }
  if (s.minimum !== undefined) {
    if (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)
      errs.push(
        fe.invalid(
          path,
          v,
          `${inBody(path)} should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`,
        ),
      );
  }
  if (s.multipleOf !== undefined && s.multipleOf > 0) {
    const q = v / s.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9)
      errs.push(fe.invalid(path, v, `${inBody(path)} should be a multiple of ${s.multipleOf}`));
  }
}

function validateArray(v: unknown[], s: Schema, path: string, errs: FieldError[]): void {
  if (s.maxItems !== undefined && v.length > s.maxItems) errs.push(fe.tooMany(path, v.length, s.maxItems));
  if (s.minItems !== undefined && v.length < s.minItems)
    errs.push(fe.invalid(path, v.length, `${inBody(path)} should have at least ${s.minItems} items`));
  v.forEach((item, i) => {
    validate(item, s.items, `${path}[${i}]`, errs);
  });
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'set') {
    v.forEach((item, i) => {
      if (v.slice(0, i).some((x) => deepEqual(x, item))) errs.push(fe.duplicate(`${path}[${i}]`, item));
    });
  } else if (listType === 'map') {
    const keys = s['x-kubernetes-list-map-keys'] ?? [];
    const keyOf = (item: unknown): JsonObject => {
      const out: JsonObject = {};
      if (isObject(item)) for (const k of keys) if (k in item) out[k] = item[k];
      return out;
    };
    v.forEach((item, i) => {
      const k = keyOf(item);
      if (v.slice(0, i).some((x) => deepEqual(keyOf(x), k))) errs.push(fe.duplicate(`${path}[${i}]`, k));
    });
  }
}

function validateObject(v: JsonObject, s: Schema, path: string, errs: FieldError[]): void {
  const n = Object.keys(v).length;
  if (s.maxProperties !== undefined && n > s.maxProperties) errs.push(fe.tooMany(path, n, s.maxProperties));
  if (s.minProperties !== undefined && n < s.minProperties)
    errs.push(fe.invalid(path, n, `${inBody(path)} should have at least ${s.minProperties} properties`));
  for (const r of s.required ?? []) if (!(r in v)) errs.push(fe.required(child(path, r)));
  const props = s.properties ?? {};
  const addl = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const key of Object.keys(v).sort()) {
    const ps = props[key];
    if (ps) validate(v[key], ps, child(path, key), errs);
    else if (addl) validate(v[key], addl, child(path, key), errs);
  }
}

function passes(value: unknown, s: Schema, path: string): boolean {
  const e: FieldError[] = [];
  validate(value, s, path, e);
  return e.length === 0;
}

function validateComposition(value: unknown, s: Schema, path: string, errs: FieldError[]): void {
  for (const sub of s.allOf ?? []) validate(value, sub, path, errs);
  if (s.anyOf && !s.anyOf.some((sub) => passes(value, sub, path)))
    errs.push(fe.invalid(path, value, `${path} in body must validate at least one schema (anyOf)`));
  if (s.oneOf && s.oneOf.filter((sub) => passes(value, sub, path)).length !== 1)
    errs.push(fe.invalid(path, value, `${path} in body must validate one and only one schema (oneOf)`));
  if (s.not && passes(value, s.not, path))
    errs.push(fe.invalid(path, value, `${path} in body must not validate the schema (not)`));
}

// ---------------- structural checks at CRD load ----------------

/** A light version of the structural-schema rules (every node specifies a type). Throws when violated. */
export function checkStructural(s: Schema, path: string, allowCel: boolean): void {
  if (s['x-kubernetes-validations'] && !allowCel)
    throw new Error(
      `${path}: x-kubernetes-validations (CEL) cannot be evaluated by the emulator; pass allowUnevaluatedCelRules to load it anyway`,
    );
  if (
    !s.type &&
    !s['x-kubernetes-int-or-string'] &&
    !s['x-kubernetes-preserve-unknown-fields'] &&
    path !== 'openAPIV3Schema'
  )
    throw new Error(`${path}.type: Required value: must not be empty for specified object fields`);
  if (s.properties && s.additionalProperties !== undefined)
    throw new Error(
      `${path}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
    );
  for (const [k, p] of Object.entries(s.properties ?? {}))
    checkStructural(p, `${path}.properties[${k}]`, allowCel);
  if (typeof s.additionalProperties === 'object')
    checkStructural(s.additionalProperties, `${path}.additionalProperties`, allowCel);
  if (s.items) checkStructural(s.items, `${path}.items`, allowCel);
  if (s.type === 'array' && !s.items) throw new Error(`${path}.items: Required value: must be specified`);
}
