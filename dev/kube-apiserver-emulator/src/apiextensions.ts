// CustomResourceDefinitions as an API (create, update, patch, delete) and the custom resources they serve.
// Copied from
//   k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition/strategy.go (status kept on
//     update, generation +1 on a spec change, AllowCreateOnUpdate and AllowUnconditionalUpdate false;
//     spec.scope is immutable)
//   k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition/etcd.go (Delete: the first delete
//     sets deletionTimestamp, adds the finalizer customresourcecleanup.apiextensions.k8s.io and the
//     condition Terminating, and answers 200 with the CRD)
//   k8s.io/apiextensions-apiserver/pkg/controller/finalizer/crd_finalizer.go (deletes every custom
//     resource, then removes the finalizer: the CRD is gone)
//   k8s.io/apiextensions-apiserver/pkg/controller/establish, status/naming_controller.go (NamesAccepted,
//     Established; here at once)
//   k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go (a terminating CRD's resources
//     refuse creates: 405 "create not allowed while custom resource definition is terminating")
// The CRD's own checks are crd.ts loadCrd's (errors answered as 422).

import { validate as crdSchema } from 'kubernetes-models/_schemas/IoK8sApiextensionsApiserverPkgApisApiextensionsV1CustomResourceDefinition';
import { loadCrd } from './crd.js';
import { fe, type FieldError } from './errors.js';
import { PATCH_META } from './patchmeta.js';
import type { ResourceDef } from './resource.js';
import type { Storage, StoredEvent } from './storage.js';
import { typedKind } from './typed.js';
import { clone, deepEqual, isObject, type KObject } from './types.js';

export const CRD_BUCKET = 'apiextensions.k8s.io/customresourcedefinitions';
const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export interface CrdOptions {
  allowUnevaluatedCelRules: boolean;
  now(): string;
}

/** The served resources of a CRD, or the reason it is invalid. */
function load(crd: KObject, opts: CrdOptions): ReturnType<typeof loadCrd> | string {
  try {
    return loadCrd(clone(crd), {
      allowUnevaluatedCelRules: opts.allowUnevaluatedCelRules,
      now: opts.now(),
    });
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^CRD: /, '') : String(e);
  }
}

/** The ResourceDef of customresourcedefinitions; `resources` are the kinds already served. */
export function crdKind(resources: ResourceDef[], opts: CrdOptions): ResourceDef {
  const validate = (obj: KObject): FieldError[] => {
    const loaded = load(obj, opts);
    if (typeof loaded === 'string') return [fe.invalid('spec', obj.metadata.name ?? '', loaded)];
    const taken = loaded.resources.find((r) =>
      resources.some((x) => x.bucket !== r.bucket && x.group === r.group && x.resource === r.resource),
    );
    return taken
      ? [
          fe.invalid(
            'spec.names.plural',
            taken.resource,
            `${taken.resource}.${taken.group} is already served`,
          ),
        ]
      : [];
  };
  const def = typedKind({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    resource: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    model: 'V1CustomResourceDefinition',
    schema: crdSchema,
    status: { initial: {} },
    generation: (obj, old) => !deepEqual(obj.spec, old.spec),
    prepareForCreate: (obj) => {
      const loaded = load(obj, opts);
      if (typeof loaded !== 'string') obj.status = loaded.object.status;
    },
    validate,
    validateUpdate: (obj, old) => {
      const scope = isObject(obj.spec) ? obj.spec.scope : undefined;
      const was = isObject(old.spec) ? old.spec.scope : undefined;
      return scope === was ? [] : [fe.invalid('spec.scope', scope, 'field is immutable')];
    },
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
    patchMeta: PATCH_META.metadataOnly,
  });
  def.strategy.prepareForDelete = (obj) => {
    const finalizers = obj.metadata.finalizers ?? [];
    if (!finalizers.includes(CLEANUP_FINALIZER)) obj.metadata.finalizers = [...finalizers, CLEANUP_FINALIZER];
    const status = isObject(obj.status) ? obj.status : {};
    const conditions = (Array.isArray(status.conditions) ? status.conditions : []).filter(
      (c) => !(isObject(c) && c.type === 'Terminating'),
    );
    conditions.push({
      type: 'Terminating',
      status: 'True',
      lastTransitionTime: opts.now(),
      reason: 'InstanceDeletionPending',
      message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
    });
    obj.status = { ...status, conditions };
  };
  return def;
}

/**
 * Keeps `resources` in step with the stored CRDs: a created or updated CRD serves its versions, a
 * deleting one refuses creates while its custom resources are deleted, then it goes.
 */
export class CrdServing {
  /** buckets of the custom resources served */
  private readonly served = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly resources: ResourceDef[],
    private readonly opts: CrdOptions,
  ) {
    storage.subscribe((event) => {
      if (event.bucket === CRD_BUCKET) this.onCrd(event);
      else if (event.type === 'DELETED')
        queueMicrotask(() => {
          this.finishIfEmpty(event.bucket);
        });
    });
  }

  private onCrd(event: StoredEvent): void {
    const bucket = this.bucketOf(event.object);
    if (event.type === 'DELETED') {
      this.unserve(bucket);
      return;
    }
    const loaded = load(event.object, this.opts);
    if (typeof loaded === 'string') return;
    this.unserve(bucket);
    const terminating = event.object.metadata.deletionTimestamp !== undefined;
    for (const def of loaded.resources) {
      if (terminating) def.terminating = true;
      this.resources.push(def);
      this.served.add(def.bucket);
    }
    // the finalizer controller works after the request that marked the CRD has been answered
    if (terminating)
      queueMicrotask(() => {
        this.cleanUp(event.object);
      });
  }

  private bucketOf(crd: KObject): string {
    const spec = isObject(crd.spec) ? crd.spec : {};
    const names = isObject(spec.names) ? spec.names : {};
    return `${String(spec.group)}/${String(names.plural)}`;
  }

  /** Stops serving every custom resource (the CRDs' objects are gone: reset). */
  unserveAll(): void {
    for (const bucket of [...this.served]) this.unserve(bucket);
  }

  private unserve(bucket: string): void {
    this.served.delete(bucket);
    for (let i = this.resources.length - 1; i >= 0; i--)
      if (this.resources[i]?.bucket === bucket) this.resources.splice(i, 1);
  }

  /** crd_finalizer.go: delete every custom resource (those with finalizers are marked), then the CRD. */
  private cleanUp(crd: KObject): void {
    const bucket = this.bucketOf(crd);
    for (const [key, obj] of this.storage.list(bucket).items) {
      if ((obj.metadata.finalizers ?? []).length === 0) this.storage.write(bucket, key, undefined);
      else if (!obj.metadata.deletionTimestamp)
        this.storage.write(bucket, key, {
          ...obj,
          metadata: { ...obj.metadata, deletionTimestamp: this.opts.now() },
        });
    }
    this.finishIfEmpty(bucket);
  }

  private finishIfEmpty(bucket: string): void {
    const crd = this.storage
      .list(CRD_BUCKET)
      .items.find(([, o]) => o.metadata.deletionTimestamp !== undefined && this.bucketOf(o) === bucket);
    if (!crd || this.storage.list(bucket).items.length > 0) return;
    const [key, obj] = crd;
    const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
    if (finalizers.length === 0) this.storage.write(CRD_BUCKET, key, undefined);
    else this.storage.write(CRD_BUCKET, key, { ...obj, metadata: { ...obj.metadata, finalizers } });
  }
}
