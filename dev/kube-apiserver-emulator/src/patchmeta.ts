// How strategic merge patch merges each list and map of the emulated built-in kinds: the
// `patchStrategy` and `patchMergeKey` struct tags of k8s.io/api (core/v1/types.go ObjectMeta via
// apimachinery meta/v1/types.go, PodSpec, Container, ServiceSpec, ServiceAccount; apps/v1/types.go
// DeploymentSpec.Strategy, DeploymentStatus.Conditions, ReplicaSetStatus.Conditions). A field not listed
// has no strategy: its list is replaced as a whole (atomic), its map merged key by key.
// Keys are field paths without list indices (`spec.template.spec.containers.ports`).

export interface FieldStrategy {
  /** `merge`: lists merged item by item (by mergeKey, or as a set of primitives) */
  merge: boolean;
  /** `retainKeys`: the patch's `$retainKeys` lists the keys that stay */
  retainKeys: boolean;
  mergeKey?: string;
}

export type PatchMeta = Record<string, FieldStrategy>;

const merge = (mergeKey?: string): FieldStrategy => ({
  merge: true,
  retainKeys: false,
  ...(mergeKey ? { mergeKey } : {}),
});
const mergeRetain = (mergeKey: string): FieldStrategy => ({ merge: true, retainKeys: true, mergeKey });
const retain: FieldStrategy = { merge: false, retainKeys: true };

function at(prefix: string, fields: PatchMeta): PatchMeta {
  return Object.fromEntries(
    Object.entries(fields).map(([path, s]) => [prefix ? `${prefix}.${path}` : path, s]),
  );
}

/** meta/v1 ObjectMeta: finalizers (a set), ownerReferences by uid. */
const OBJECT_META: PatchMeta = { finalizers: merge(), ownerReferences: merge('uid') };

/** core/v1 Container. */
const CONTAINER: PatchMeta = {
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
};

/** core/v1 PodSpec. */
const POD_SPEC: PatchMeta = {
  volumes: mergeRetain('name'),
  initContainers: merge('name'),
  containers: merge('name'),
  ephemeralContainers: merge('name'),
  imagePullSecrets: merge('name'),
  hostAliases: merge('ip'),
  topologySpreadConstraints: merge('topologyKey'),
  resourceClaims: mergeRetain('name'),
  schedulingGates: merge('name'),
  ...at('initContainers', CONTAINER),
  ...at('containers', CONTAINER),
  ...at('ephemeralContainers', CONTAINER),
};

const POD_TEMPLATE: PatchMeta = { ...at('metadata', OBJECT_META), ...at('spec', POD_SPEC) };

export const PATCH_META = {
  metadataOnly: at('metadata', OBJECT_META),
  deployment: {
    ...at('metadata', OBJECT_META),
    'spec.strategy': retain,
    ...at('spec.template', POD_TEMPLATE),
    'status.conditions': merge('type'),
  },
  replicaSet: {
    ...at('metadata', OBJECT_META),
    ...at('spec.template', POD_TEMPLATE),
    'status.conditions': merge('type'),
  },
  service: { ...at('metadata', OBJECT_META), 'spec.ports': merge('port') },
  serviceAccount: { ...at('metadata', OBJECT_META), secrets: merge('name') },
} satisfies Record<string, PatchMeta>;

/** The patch strategies of a built-in kind (objects of other kinds merge only their metadata's lists). */
export function patchMetaOf(kind: string): PatchMeta {
  switch (kind) {
    case 'Deployment':
      return PATCH_META.deployment;
    case 'ReplicaSet':
      return PATCH_META.replicaSet;
    case 'Service':
      return PATCH_META.service;
    case 'ServiceAccount':
      return PATCH_META.serviceAccount;
    default:
      return PATCH_META.metadataOnly;
  }
}
