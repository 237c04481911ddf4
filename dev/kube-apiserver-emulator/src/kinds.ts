// The built-in kinds served besides Secrets and Leases (builtins.ts) and CRDs (apiextensions.ts): what
// each one's registry strategy does. Copied from the strategies under k8s.io/kubernetes/pkg/registry:
//   core/serviceaccount/strategy.go (no status; AllowCreateOnUpdate false, unconditional updates)
//   core/service/strategy.go (status {loadBalancer: {}}; cluster IP kept on update)
//   apps/deployment/strategy.go, apps/replicaset/strategy.go (status subresource, generation)
//   networking/networkpolicy/strategy.go (generation +1 on a spec change)
//   rbac/{role,clusterrole,rolebinding,clusterrolebinding}/strategy.go (AllowCreateOnUpdate true,
//     unconditional updates; policybased storage in escalation.ts)
// and the kinds' validation in corevalidation.ts, podvalidation.ts, rbacvalidation.ts.

import { validate as clusterRoleSchema } from 'kubernetes-models/_schemas/IoK8sApiRbacV1ClusterRole';
import { validate as clusterRoleBindingSchema } from 'kubernetes-models/_schemas/IoK8sApiRbacV1ClusterRoleBinding';
import { validate as deploymentSchema } from 'kubernetes-models/_schemas/IoK8sApiAppsV1Deployment';
import { validate as networkPolicySchema } from 'kubernetes-models/_schemas/IoK8sApiNetworkingV1NetworkPolicy';
import { validate as replicaSetSchema } from 'kubernetes-models/_schemas/IoK8sApiAppsV1ReplicaSet';
import { validate as roleSchema } from 'kubernetes-models/_schemas/IoK8sApiRbacV1Role';
import { validate as roleBindingSchema } from 'kubernetes-models/_schemas/IoK8sApiRbacV1RoleBinding';
import { validate as serviceSchema } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Service';
import { validate as serviceAccountSchema } from 'kubernetes-models/_schemas/IoK8sApiCoreV1ServiceAccount';
import {
  clusterIpAllocator,
  defaultNetworkPolicy,
  defaultService,
  keepAllocatedValues,
  validateNetworkPolicy,
  validateService,
  validateServiceUpdate,
} from './corevalidation.js';
import { RBAC_GUARDS } from './escalation.js';
import { nameIsDNS1035Label, isValidPathSegmentName } from './metavalidation.js';
import { PATCH_META } from './patchmeta.js';
import {
  defaultWorkload,
  specOrAnnotationsChanged,
  validateWorkload,
  validateWorkloadUpdate,
} from './podvalidation.js';
import { RBAC_GROUP } from './rbac.js';
import {
  defaultBinding,
  validateAggregationRule,
  validateBinding,
  validateBindingUpdate,
  validatePolicyRules,
} from './rbacvalidation.js';
import type { ResourceDef } from './resource.js';
import { typedKind } from './typed.js';
import { deepEqual } from './types.js';

const pathSegmentName = (name: string): string[] => isValidPathSegmentName(name);

function rbacKinds(): ResourceDef[] {
  const common = {
    group: RBAC_GROUP,
    version: 'v1',
    name: pathSegmentName,
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
    patchMeta: PATCH_META.metadataOnly,
  };
  return [
    typedKind({
      ...common,
      resource: 'roles',
      kind: 'Role',
      namespaced: true,
      model: 'V1Role',
      schema: roleSchema,
      validate: (obj) => validatePolicyRules(obj, true),
      guard: RBAC_GUARDS.roles,
    }),
    typedKind({
      ...common,
      resource: 'clusterroles',
      kind: 'ClusterRole',
      namespaced: false,
      model: 'V1ClusterRole',
      schema: clusterRoleSchema,
      validate: (obj) => [...validatePolicyRules(obj, false), ...validateAggregationRule(obj)],
      guard: RBAC_GUARDS.clusterroles,
    }),
    typedKind({
      ...common,
      resource: 'rolebindings',
      kind: 'RoleBinding',
      namespaced: true,
      model: 'V1RoleBinding',
      schema: roleBindingSchema,
      defaults: defaultBinding,
      validate: (obj) => validateBinding(obj, true),
      validateUpdate: validateBindingUpdate,
      guard: RBAC_GUARDS.rolebindings,
    }),
    typedKind({
      ...common,
      resource: 'clusterrolebindings',
      kind: 'ClusterRoleBinding',
      namespaced: false,
      model: 'V1ClusterRoleBinding',
      schema: clusterRoleBindingSchema,
      defaults: defaultBinding,
      validate: (obj) => validateBinding(obj, false),
      validateUpdate: validateBindingUpdate,
      guard: RBAC_GUARDS.clusterrolebindings,
    }),
  ];
}

function coreKinds(): ResourceDef[] {
  return [
    typedKind({
      group: '',
      version: 'v1',
      resource: 'serviceaccounts',
      kind: 'ServiceAccount',
      namespaced: true,
      shortNames: ['sa'],
      model: 'V1ServiceAccount',
      schema: serviceAccountSchema,
      allowCreateOnUpdate: false,
      allowUnconditionalUpdate: true,
      patchMeta: PATCH_META.serviceAccount,
    }),
    typedKind({
      group: '',
      version: 'v1',
      resource: 'services',
      kind: 'Service',
      namespaced: true,
      shortNames: ['svc'],
      model: 'V1Service',
      schema: serviceSchema,
      name: nameIsDNS1035Label,
      status: { initial: { loadBalancer: {} } },
      defaults: defaultService,
      prepareForCreate: clusterIpAllocator(),
      prepareForUpdate: keepAllocatedValues,
      validate: validateService,
      validateUpdate: validateServiceUpdate,
      allowCreateOnUpdate: false,
      allowUnconditionalUpdate: true,
      patchMeta: PATCH_META.service,
    }),
  ];
}

function workloadKinds(): ResourceDef[] {
  const common = {
    group: 'apps',
    version: 'v1',
    namespaced: true,
    status: { initial: {} },
    defaults: defaultWorkload,
    validate: validateWorkload,
    validateUpdate: validateWorkloadUpdate,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  };
  return [
    typedKind({
      ...common,
      resource: 'deployments',
      kind: 'Deployment',
      shortNames: ['deploy'],
      categories: ['all'],
      model: 'V1Deployment',
      schema: deploymentSchema,
      generation: specOrAnnotationsChanged,
      patchMeta: PATCH_META.deployment,
    }),
    typedKind({
      ...common,
      resource: 'replicasets',
      kind: 'ReplicaSet',
      shortNames: ['rs'],
      categories: ['all'],
      model: 'V1ReplicaSet',
      schema: replicaSetSchema,
      generation: (obj, old) => !deepEqual(obj.spec, old.spec),
      patchMeta: PATCH_META.replicaSet,
    }),
    typedKind({
      group: 'networking.k8s.io',
      version: 'v1',
      resource: 'networkpolicies',
      kind: 'NetworkPolicy',
      namespaced: true,
      shortNames: ['netpol'],
      model: 'V1NetworkPolicy',
      schema: networkPolicySchema,
      generation: (obj, old) => !deepEqual(obj.spec, old.spec),
      defaults: defaultNetworkPolicy,
      validate: validateNetworkPolicy,
      allowCreateOnUpdate: false,
      allowUnconditionalUpdate: true,
      patchMeta: PATCH_META.metadataOnly,
    }),
  ];
}

/** Every typed built-in kind, in a fresh copy (each emulator has its own cluster IP allocator). */
export function typedKinds(): ResourceDef[] {
  return [...coreKinds(), ...workloadKinds(), ...rbacKinds()];
}
