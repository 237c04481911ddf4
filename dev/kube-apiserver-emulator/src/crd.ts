// CustomResourceDefinitions (apiextensions.k8s.io/v1) and the custom resources they serve. Copied from
//   https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/
//   https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/
//   k8s.io/apiextensions-apiserver/pkg/registry/customresource/strategy.go
//     (PrepareForCreate: status dropped when the status subresource exists, generation = 1;
//      PrepareForUpdate: status kept from the old object, generation + 1 on any non-metadata change;
//      AllowCreateOnUpdate = false; AllowUnconditionalUpdate = false)
//   k8s.io/apiextensions-apiserver/pkg/registry/customresource/status_strategy.go
//     (PrepareForUpdate: everything but .status is taken from the old object)
//   k8s.io/apiextensions-apiserver/pkg/registry/customresource/validator.go (ValidateTypeMeta:
//     `kind: Invalid value: "X": must be Kind`, `apiVersion: ... must be group/version`)
//   k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go (patch types: json, merge,
//     apply; strategic merge is 415; field selectors metadata.name / metadata.namespace)

import { randomUUID } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { badRequest, fe, type FieldError } from './errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './metavalidation.js';
import {
  decodeObjectMeta,
  metaFieldLabels,
  TypedDecoder,
  type ResourceDef,
  type Strategy,
} from './resource.js';
import { applyDefaults, checkStructural, prune, validate, type Schema } from './schema.js';
import { clone, deepEqual, isObject, type JsonObject, type KObject } from './types.js';

export interface LoadedCrd {
  /** the CRD object as returned by GET .../customresourcedefinitions/{name} */
  object: KObject;
  resources: ResourceDef[];
}

export const CR_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: Schema };
  subresources?: { status?: JsonObject; scale?: JsonObject };
  additionalPrinterColumns?: unknown[];
}

function must<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null || v === '') throw new Error(`CRD: ${what} is required`);
  return v;
}

/** Parses CRD YAML text (possibly multi-document) or takes objects. */
export function parseCrdInputs(inputs: (string | object)[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const input of inputs) {
    if (typeof input === 'string') {
      for (const doc of parseAllDocuments(input)) {
        if (doc.errors.length > 0)
          throw new Error(`CRD YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
        const v: unknown = doc.toJS();
        if (v === null || v === undefined) continue;
        if (!isObject(v)) throw new Error('CRD YAML: a document is not an object');
        out.push(v);
      }
    } else if (isObject(input)) out.push(clone(input));
    else throw new Error('CRD: not an object');
  }
  return out;
}

export function loadCrd(
  raw: JsonObject,
  opts: { allowUnevaluatedCelRules: boolean; now: string },
): LoadedCrd {
  if (raw.apiVersion !== 'apiextensions.k8s.io/v1' || raw.kind !== 'CustomResourceDefinition')
    throw new Error(
      `CRD: expected apiextensions.k8s.io/v1 CustomResourceDefinition, got ${String(raw.apiVersion)} ${String(raw.kind)}`,
    );
  const spec = isObject(raw.spec) ? raw.spec : {};
  const names = isObject(spec.names) ? spec.names : {};
  const group = must(spec.group as string | undefined, 'spec.group');
  const plural = must(names.plural as string | undefined, 'spec.names.plural');
  const kind = must(names.kind as string | undefined, 'spec.names.kind');
  const singular = (names.singular as string | undefined) ?? kind.toLowerCase();
  const listKind = (names.listKind as string | undefined) ?? `${kind}List`;
  const scope = must(spec.scope as string | undefined, 'spec.scope');
  if (scope !== 'Namespaced' && scope !== 'Cluster')
    throw new Error(`CRD: spec.scope must be Namespaced or Cluster`);
  const metaName = isObject(raw.metadata) ? (raw.metadata.name as string | undefined) : undefined;
  if (metaName !== `${plural}.${group}`)
    throw new Error(`CRD: metadata.name must be spec.names.plural+"."+spec.group (${plural}.${group})`);
  const versions = (Array.isArray(spec.versions) ? spec.versions : []) as CrdVersion[];
  if (versions.length === 0) throw new Error('CRD: spec.versions must not be empty');
  if (versions.filter((v) => v.storage).length !== 1)
    throw new Error('CRD: exactly one version must be storage');
  const bucket = `${group}/${plural}`;
  const resources: ResourceDef[] = [];
  for (const v of versions) {
    const schema = v.schema?.openAPIV3Schema;
    if (!schema) throw new Error(`CRD: spec.versions[${v.name}].schema.openAPIV3Schema is required`);
    checkStructural(schema, 'openAPIV3Schema', opts.allowUnevaluatedCelRules);
    if (!v.served) continue;
    const hasStatus = v.subresources?.status !== undefined;
    const def: ResourceDef = {
      group,
      version: v.name,
      resource: plural,
      singular,
      kind,
      listKind,
      shortNames: (names.shortNames as string[] | undefined) ?? [],
      categories: (names.categories as string[] | undefined) ?? [],
      namespaced: scope === 'Namespaced',
      hasStatus,
      bucket,
      keyPrefix: `/registry/${group}/${plural}`,
      schema,
      generation: true,
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
      strategy: undefined as unknown as Strategy,
    };
    def.strategy = customResourceStrategy(def);
    resources.push(def);
  }
  const object: KObject = {
    ...clone(raw),
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      ...(isObject(raw.metadata) ? clone(raw.metadata) : {}),
      name: metaName,
      uid: randomUUID(),
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: opts.now,
    },
    status: {
      acceptedNames: {
        plural,
        singular,
        kind,
        listKind,
        ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      },
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: opts.now,
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: opts.now,
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      storedVersions: versions.filter((v) => v.storage).map((v) => v.name),
    },
  };
  return { object, resources };
}

function customResourceStrategy(def: ResourceDef): Strategy {
  const schema = def.schema;
  const d: TypedDecoder = new TypedDecoder(def.kind, `${def.group}/${def.version}`);
  const typeMeta = (obj: KObject): FieldError[] => {
    const errs: FieldError[] = [];
    if (obj.kind !== def.kind) errs.push(fe.invalid('kind', obj.kind ?? '', `must be ${def.kind}`));
    const av = `${def.group}/${def.version}`;
    if (obj.apiVersion !== av) errs.push(fe.invalid('apiVersion', obj.apiVersion ?? '', `must be ${av}`));
    return errs;
  };
  const schemaErrs = (obj: KObject): FieldError[] => {
    const errs: FieldError[] = [];
    const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = obj;
    if (schema) {
      const s: Schema = { ...schema, properties: { ...(schema.properties ?? {}) } };
      if (s.properties) {
        delete s.properties.metadata;
        delete s.properties.apiVersion;
        delete s.properties.kind;
      }
      validate(rest, s, '', errs);
    }
    return errs;
  };
  return {
    decode(raw: JsonObject, unknown: string[]): KObject {
      if (typeof raw.kind !== 'string' || raw.kind === '')
        throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(raw)}'`);
      const obj: KObject = { ...clone(raw), metadata: decodeObjectMeta(raw.metadata, d, unknown) };
      prune(obj, schema, '', unknown, true);
      applyDefaults(obj, schema);
      return obj;
    },
    prepareForCreate(obj: KObject): void {
      if (def.hasStatus) delete obj.status;
      obj.metadata.generation = 1;
    },
    prepareForUpdate(obj: KObject, old: KObject): void {
      if (def.hasStatus) {
        if ('status' in old) obj.status = clone(old.status);
        else delete obj.status;
      }
      const strip = (o: KObject): JsonObject => {
        const { metadata: _m, ...rest } = o;
        return rest;
      };
      if (!deepEqual(strip(obj), strip(old))) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    },
    ...(def.hasStatus
      ? {
          prepareForStatusUpdate(obj: KObject, old: KObject): void {
            const hasStatus = 'status' in obj;
            const st = obj.status;
            for (const k of Object.keys(obj)) Reflect.deleteProperty(obj, k);
            Object.assign(obj, clone(old));
            if (hasStatus) obj.status = st;
            else delete obj.status;
          },
        }
      : {}),
    validate(obj: KObject): FieldError[] {
      const tm = typeMeta(obj);
      if (tm.length > 0) return tm;
      return [...validateObjectMeta(obj, def.namespaced), ...schemaErrs(obj)];
    },
    validateUpdate(obj: KObject, old: KObject): FieldError[] {
      const tm = typeMeta(obj);
      if (tm.length > 0) return tm;
      return [...validateObjectMetaUpdate(obj, old, def.namespaced), ...schemaErrs(obj)];
    },
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
    fieldLabels: (obj) => metaFieldLabels(obj, def.namespaced),
    patchTypes: CR_PATCH_TYPES,
    listItemsHaveTypeMeta: true,
  };
}
