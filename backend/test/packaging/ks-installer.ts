// What KubeSphere's installer (ks-core v4.1.1-v4.1.3, pkg/controller/core/installplan_controller.go)
// prepares before it runs Helm, replayed against the Kubernetes emulator:
//   - the target namespace `extension-<name>` unless the ExtensionVersion sets one (Reconcile);
//   - usesPermissions (util.go): the rules of permissions.yaml's ClusterRole and Role documents;
//   - initTargetNamespace: the ServiceAccount `helm-executor.<ext>`, the Role `kubesphere:<ext>:helm-executor`
//     with permissions.yaml's rules plus, where they do not already cover it, `*` on every resource of the
//     groups "", apps, batch, policy, networking.k8s.io, autoscaling, metrics.k8s.io (createOrUpdateRole,
//     rbachelper.Covers), its RoleBinding, and the ClusterRole and ClusterRoleBinding of the same name;
//     every one labelled kubesphere.io/extension-ref=<ext>;
//   - the identity Helm runs as: `--kube-as-user system:serviceaccount:<ns>:helm-executor.<ext>` on install
//     and upgrade (installOrUpgradeExtension), none on uninstall (reconcileDelete: the controller's own
//     kubeconfig, built from ks-controller-manager's ServiceAccount, bound to cluster-admin by ks-core's
//     chart config/ks-core/templates/serviceaccount.yaml).
// The controller writes these objects as ks-controller-manager (`kubesphere` in kubesphere-system).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseAllDocuments } from 'yaml';

import { type PolicyRule, uncoveredRules } from '@store-importer/kube-apiserver-emulator';
import { repoRoot } from '../support/fixtures.js';
import type { KubeClient } from './kube-client.js';

export const EXTENSION = 'store-importer';
export const TARGET_NAMESPACE = `extension-${EXTENSION}`;
export const EXECUTOR = `helm-executor.${EXTENSION}`;
export const EXECUTOR_USER = `system:serviceaccount:${TARGET_NAMESPACE}:${EXECUTOR}`;
export const EXECUTOR_ROLE = `kubesphere:${EXTENSION}:helm-executor`;
export const CONTROLLER_USER = 'system:serviceaccount:kubesphere-system:kubesphere';
export const EXTENSION_REF = 'kubesphere.io/extension-ref';

const RBAC = 'rbac.authorization.k8s.io';
const DEFAULT_ROLE_RULES: PolicyRule[] = [
  {
    verbs: ['*'],
    apiGroups: ['', 'apps', 'batch', 'policy', 'networking.k8s.io', 'autoscaling', 'metrics.k8s.io'],
    resources: ['*'],
  },
];

export interface Permissions {
  clusterRole: PolicyRule[];
  role: PolicyRule[];
}

/** usesPermissions: the ClusterRole and Role rules of a permissions.yaml text. */
export function parsePermissions(text: string): Permissions {
  const permissions: Permissions = { clusterRole: [], role: [] };
  for (const document of parseAllDocuments(text)) {
    const parsed = document.toJS() as { kind?: string; rules?: PolicyRule[] } | null;
    if (parsed?.kind === 'ClusterRole') permissions.clusterRole.push(...(parsed.rules ?? []));
    if (parsed?.kind === 'Role') permissions.role.push(...(parsed.rules ?? []));
  }
  return permissions;
}

export async function repoPermissionsText(): Promise<string> {
  return readFile(join(repoRoot, 'permissions.yaml'), 'utf8');
}

/** createOrUpdateRole: permissions.yaml's Role rules and the uncovered default rules. */
export function executorRoleRules(role: PolicyRule[]): PolicyRule[] {
  return [...role, ...uncoveredRules(role, DEFAULT_ROLE_RULES)];
}

const labels = { [EXTENSION_REF]: EXTENSION };

/** initTargetNamespace, as the controller's client writes it. */
export async function initTargetNamespace(controller: KubeClient, permissions: Permissions): Promise<void> {
  const subject = { kind: 'ServiceAccount', name: EXECUTOR, namespace: TARGET_NAMESPACE };
  const roleRef = (kind: string) => ({ apiGroup: RBAC, kind, name: EXECUTOR_ROLE });
  const objects = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: EXECUTOR, namespace: TARGET_NAMESPACE, labels },
    },
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'Role',
      metadata: { name: EXECUTOR_ROLE, namespace: TARGET_NAMESPACE, labels },
      rules: executorRoleRules(permissions.role),
    },
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: EXECUTOR_ROLE, namespace: TARGET_NAMESPACE, labels },
      roleRef: roleRef('Role'),
      subjects: [subject],
    },
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: { name: EXECUTOR_ROLE, labels },
      rules: permissions.clusterRole,
    },
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: EXECUTOR_ROLE, labels },
      roleRef: roleRef('ClusterRole'),
      subjects: [subject],
    },
  ];
  for (const object of objects) await controller.createOrUpdate(object);
}

/** ks-core's chart: ks-controller-manager's ServiceAccount is bound to cluster-admin. */
export async function bindControllerToClusterAdmin(admin: KubeClient): Promise<void> {
  await admin.createOrUpdate({
    apiVersion: `${RBAC}/v1`,
    kind: 'ClusterRole',
    metadata: { name: 'cluster-admin' },
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  });
  await admin.createOrUpdate({
    apiVersion: `${RBAC}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'kubesphere' },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'kubesphere', namespace: 'kubesphere-system' }],
  });
}
