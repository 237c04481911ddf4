// Built-in kinds: core/v1 Secret, coordination.k8s.io/v1 Lease, core/v1 Namespace (read only). Copied from
//   https://kubernetes.io/docs/concepts/configuration/secret/ (types, stringData, immutable)
//   k8s.io/api/core/v1/types.go Secret; k8s.io/kubernetes/pkg/apis/core/v1/conversion.go
//     (Convert_v1_Secret_To_core_Secret: stringData merged over data, never stored)
//   k8s.io/kubernetes/pkg/apis/core/v1/defaults.go (SetDefaults_Secret: type Opaque)
//   k8s.io/kubernetes/pkg/apis/core/validation/validation.go (ValidateSecret, ValidateSecretUpdate)
//   k8s.io/kubernetes/pkg/registry/core/secret/strategy.go (AllowUnconditionalUpdate = true)
//   k8s.io/api/coordination/v1/types.go LeaseSpec; k8s.io/apimachinery/pkg/apis/meta/v1/micro_time.go
//     (MicroTime is parsed with RFC3339Micro "2006-01-02T15:04:05.000000Z07:00", written in UTC)
//   k8s.io/kubernetes/pkg/apis/coordination/validation/validation.go (ValidateLease)
//   k8s.io/kubernetes/pkg/registry/coordination/lease/strategy.go
//     (AllowCreateOnUpdate = true, AllowUnconditionalUpdate = false)

import { fe, type FieldError } from './errors.js';
import { isConfigMapKey, validateObjectMeta, validateObjectMetaUpdate } from './metavalidation.js';
import { PATCH_META } from './patchmeta.js';
import {
  decodeError,
  decodeObjectMeta,
  metaFieldLabels,
  TypedDecoder,
  type ResourceDef,
  type Strategy,
} from './resource.js';
import { deepEqual, isObject, type JsonObject, type KObject } from './types.js';

export const BUILTIN_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function unknownTopLevel(raw: JsonObject, known: string[], unknown: string[]): void {
  for (const k of Object.keys(raw)) if (!known.includes(k)) unknown.push(k);
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The kind and apiVersion of a typed request body, when given, must be the endpoint's. */
export function checkTypeMeta(raw: JsonObject, kind: string, apiVersion: string): void {
  if (raw.apiVersion !== undefined && raw.apiVersion !== apiVersion && raw.apiVersion !== '')
    throw decodeError(
      kind,
      apiVersion,
      `the API version in the data (${show(raw.apiVersion)}) does not match the expected API version (${apiVersion})`,
    );
  if (raw.kind !== undefined && raw.kind !== kind && raw.kind !== '')
    throw decodeError(
      kind,
      apiVersion,
      `the kind in the data (${show(raw.kind)}) does not match the expected kind (${kind})`,
    );
}

// ---------------- Secret ----------------

const MaxSecretSize = 1024 * 1024;

function base64Error(s: string): string | undefined {
  const clean = s.replace(/[\r\n]/g, '');
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i] ?? '';
    if (!/[A-Za-z0-9+/=]/.test(c)) return `illegal base64 data at input byte ${i}`;
    if (c === '=') {
      const rest = clean.slice(i);
      if (!/^={1,2}$/.test(rest) || clean.length % 4 !== 0) return `illegal base64 data at input byte ${i}`;
      break;
    }
  }
  if (clean.length % 4 !== 0) return `illegal base64 data at input byte ${clean.length - (clean.length % 4)}`;
  return undefined;
}

export function secretDef(): ResourceDef {
  const d: TypedDecoder = new TypedDecoder('Secret', 'v1');
  const strategy: Strategy = {
    decode(raw, unknown) {
      checkTypeMeta(raw, 'Secret', 'v1');
      unknownTopLevel(
        raw,
        ['apiVersion', 'kind', 'metadata', 'data', 'stringData', 'type', 'immutable'],
        unknown,
      );
      const obj: KObject = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: decodeObjectMeta(raw.metadata, d, unknown),
      };
      const immutable = d.bool(raw.immutable, 'Secret.immutable');
      if (immutable !== undefined) obj.immutable = immutable;
      let data: Record<string, string> | undefined;
      if (raw.data !== undefined && raw.data !== null) {
        if (!isObject(raw.data)) d.fail(raw.data, 'Secret.data', 'map[string][]uint8');
        data = {};
        for (const [k, v] of Object.entries(raw.data)) {
          if (v === null) {
            data[k] = '';
            continue;
          }
          if (typeof v !== 'string') d.fail(v, 'Secret.data', '[]uint8');
          const err = base64Error(v);
          if (err) throw decodeError('Secret', 'v1', err);
          data[k] = Buffer.from(v, 'base64').toString('base64');
        }
      }
      const stringData = d.stringMap(raw.stringData, 'Secret.stringData');
      if (stringData) {
        data ??= {};
        for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
      }
      if (data) obj.data = data;
      obj.type = d.str(raw.type, 'Secret.type') || 'Opaque';
      return obj;
    },
    prepareForCreate() {},
    prepareForUpdate() {},
    validate(obj) {
      return [...validateObjectMeta(obj, true), ...validateSecret(obj)];
    },
    validateUpdate(obj, old) {
      const errs = [...validateObjectMetaUpdate(obj, old, true), ...validateSecret(obj)];
      if (obj.type !== old.type) errs.push(fe.invalid('type', obj.type, 'field is immutable'));
      if (old.immutable === true) {
        if (obj.immutable !== true)
          errs.push(fe.forbidden('immutable', 'field is immutable when `immutable` is set'));
        if (!deepEqual(obj.data ?? {}, old.data ?? {}))
          errs.push(fe.forbidden('data', 'field is immutable when `immutable` is set'));
      }
      return errs;
    },
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
    fieldLabels: (obj) => ({
      ...metaFieldLabels(obj, true),
      type: typeof obj.type === 'string' ? obj.type : '',
    }),
    patchTypes: BUILTIN_PATCH_TYPES,
    patchMeta: PATCH_META.metadataOnly,
    listItemsHaveTypeMeta: false,
  };
  return {
    group: '',
    version: 'v1',
    resource: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    listKind: 'SecretList',
    shortNames: [],
    categories: [],
    namespaced: true,
    hasStatus: false,
    bucket: 'core/secrets',
    keyPrefix: '/registry/secrets',
    generation: false,
    strategy,
    verbs: VERBS,
  };
}

function validateSecret(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = (obj.data ?? {}) as Record<string, string>;
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const msg of isConfigMapKey(k)) errs.push(fe.invalid(`data[${k}]`, k, msg));
    total += Buffer.from(v, 'base64').length;
  }
  if (total > MaxSecretSize) errs.push(fe.tooLong('data', '', MaxSecretSize));
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(data, k);
  switch (obj.type) {
    case 'kubernetes.io/service-account-token':
      if (!obj.metadata.annotations?.['kubernetes.io/service-account.name'])
        errs.push(fe.required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = obj.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) errs.push(fe.required(`data[${key}]`));
      else {
        try {
          JSON.parse(Buffer.from(data[key] ?? '', 'base64').toString('utf8'));
        } catch (e) {
          errs.push(fe.invalid(`data[${key}]`, '<secret contents redacted>', String(e)));
        }
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(fe.required('data[username]'));
        errs.push(fe.required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!has('ssh-privatekey')) errs.push(fe.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.key')) errs.push(fe.required('data[tls.key]'));
      if (!has('tls.crt')) errs.push(fe.required('data[tls.crt]'));
      break;
    default:
      break;
  }
  return errs;
}

// ---------------- Lease ----------------

const RFC3339Micro = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

function microTime(d: TypedDecoder, v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') d.fail(v, field, 'v1.MicroTime');
  if (!RFC3339Micro.test(v) || Number.isNaN(Date.parse(v)))
    throw decodeError(
      d.kind,
      d.version,
      `parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05.000000Z07:00": cannot parse ${JSON.stringify(v)} as RFC3339Micro`,
    );
  // written back in UTC with microseconds (MicroTime.MarshalJSON)
  const frac = /\.(\d{6})/.exec(v)?.[1] ?? '000000';
  const iso = new Date(Date.parse(v)).toISOString(); // ms precision, UTC
  return `${iso.slice(0, 19)}.${frac}Z`;
}

export function leaseDef(): ResourceDef {
  const d: TypedDecoder = new TypedDecoder('Lease', 'coordination.k8s.io/v1');
  const strategy: Strategy = {
    decode(raw, unknown) {
      checkTypeMeta(raw, 'Lease', 'coordination.k8s.io/v1');
      unknownTopLevel(raw, ['apiVersion', 'kind', 'metadata', 'spec'], unknown);
      const obj: KObject = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: decodeObjectMeta(raw.metadata, d, unknown),
      };
      if (raw.spec !== undefined && raw.spec !== null) {
        if (!isObject(raw.spec)) d.fail(raw.spec, 'Lease.spec', 'v1.LeaseSpec');
        const s = raw.spec;
        const known = [
          'holderIdentity',
          'leaseDurationSeconds',
          'acquireTime',
          'renewTime',
          'leaseTransitions',
          'strategy',
          'preferredHolder',
        ];
        for (const k of Object.keys(s)) if (!known.includes(k)) unknown.push(`spec.${k}`);
        const spec: JsonObject = {};
        const put = (k: string, v: unknown): void => {
          if (v !== undefined) spec[k] = v;
        };
        put('holderIdentity', d.str(s.holderIdentity, 'LeaseSpec.spec.holderIdentity'));
        put(
          'leaseDurationSeconds',
          d.int(s.leaseDurationSeconds, 'LeaseSpec.spec.leaseDurationSeconds', 'int32'),
        );
        put('acquireTime', microTime(d, s.acquireTime, 'LeaseSpec.spec.acquireTime'));
        put('renewTime', microTime(d, s.renewTime, 'LeaseSpec.spec.renewTime'));
        put('leaseTransitions', d.int(s.leaseTransitions, 'LeaseSpec.spec.leaseTransitions', 'int32'));
        put('strategy', d.str(s.strategy, 'LeaseSpec.spec.strategy'));
        put('preferredHolder', d.str(s.preferredHolder, 'LeaseSpec.spec.preferredHolder'));
        obj.spec = spec;
      } else obj.spec = {};
      return obj;
    },
    prepareForCreate() {},
    prepareForUpdate() {},
    validate(obj) {
      return [...validateObjectMeta(obj, true), ...validateLeaseSpec(obj)];
    },
    validateUpdate(obj, old) {
      return [...validateObjectMetaUpdate(obj, old, true), ...validateLeaseSpec(obj)];
    },
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: false,
    fieldLabels: (obj) => metaFieldLabels(obj, true),
    patchTypes: BUILTIN_PATCH_TYPES,
    patchMeta: PATCH_META.metadataOnly,
    listItemsHaveTypeMeta: false,
  };
  return {
    group: 'coordination.k8s.io',
    version: 'v1',
    resource: 'leases',
    singular: 'lease',
    kind: 'Lease',
    listKind: 'LeaseList',
    shortNames: [],
    categories: [],
    namespaced: true,
    hasStatus: false,
    bucket: 'coordination.k8s.io/leases',
    keyPrefix: '/registry/leases',
    generation: false,
    strategy,
    verbs: VERBS,
  };
}

function validateLeaseSpec(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = isObject(obj.spec) ? obj.spec : {};
  const dur = spec.leaseDurationSeconds;
  if (typeof dur === 'number' && dur <= 0)
    errs.push(fe.invalid('spec.leaseDurationSeconds', dur, 'must be greater than 0'));
  const tr = spec.leaseTransitions;
  if (typeof tr === 'number' && tr < 0)
    errs.push(fe.invalid('spec.leaseTransitions', tr, 'must be greater than or equal to 0'));
  const strategy = spec.strategy;
  if (strategy !== undefined && strategy !== 'OldestEmulationVersion')
    errs.push(fe.notSupported('spec.strategy', strategy, ['OldestEmulationVersion']));
  if (spec.preferredHolder !== undefined && strategy === undefined)
    errs.push(fe.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  return errs;
}

// ---------------- Namespace ----------------

export function namespaceObject(name: string, uid: string, rv: string, created: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid,
      resourceVersion: rv,
      creationTimestamp: created,
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}
