// The orders objects go to the API server in, for the Helm replay:
//   - install and upgrade: the order of the post-renderer's output. KubeSphere's installer renders through
//     kustomize (staging/src/kubesphere.io/utils/helm/executor.go: a Kustomization adding its labels to
//     every object, not to selectors or templates), and `kustomize build` sorts its output in the legacy
//     order (sigs.k8s.io/kustomize/kyaml/resid/gvk.go orderFirst, orderLast, IsLessThan: by kind, then
//     group_version_kind, then namespace and name);
//   - uninstall: helm pkg/releaseutil/kind_sorter.go UninstallOrder (kinds it does not know last, by kind).

import type { KObject } from './support.js';

const KUSTOMIZE_FIRST = (
  'Namespace ResourceQuota StorageClass CustomResourceDefinition ServiceAccount PodSecurityPolicy Role ' +
  'ClusterRole RoleBinding ClusterRoleBinding ConfigMap Secret Endpoints Service LimitRange PriorityClass ' +
  'PersistentVolume PersistentVolumeClaim Deployment StatefulSet CronJob PodDisruptionBudget'
).split(' ');
const KUSTOMIZE_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const UNINSTALL_ORDER = (
  'APIService Ingress IngressClass Service CronJob Job StatefulSet HorizontalPodAutoscaler Deployment ' +
  'ReplicaSet ReplicationController Pod DaemonSet RoleBindingList RoleBinding RoleList Role ' +
  'ClusterRoleBindingList ClusterRoleBinding ClusterRoleList ClusterRole CustomResourceDefinition ' +
  'PersistentVolumeClaim PersistentVolume StorageClass ConfigMap SecretList Secret ServiceAccount ' +
  'PodDisruptionBudget PodSecurityPolicy LimitRange ResourceQuota NetworkPolicy Namespace PriorityClass'
).split(' ');

function kustomizeRank(kind: string): number {
  const first = KUSTOMIZE_FIRST.indexOf(kind);
  if (first >= 0) return first - KUSTOMIZE_FIRST.length;
  const last = KUSTOMIZE_LAST.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

/** Gvk.stableSortString, then namespace and name. */
function kustomizeKey(o: KObject): string {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  return `${group || '~G'}_${version || '~V'}_${o.kind} ${o.metadata.namespace ?? ''} ${o.metadata.name}`;
}

/** The installer's post-renderer: kustomize adds the labels to every object and sorts its output. */
export function postRender(objects: KObject[], labels: Record<string, string>): KObject[] {
  return objects
    .map((o) => ({
      ...structuredClone(o),
      metadata: { ...structuredClone(o.metadata), labels: { ...o.metadata.labels, ...labels } },
    }))
    .sort(
      (a, b) =>
        kustomizeRank(a.kind) - kustomizeRank(b.kind) || kustomizeKey(a).localeCompare(kustomizeKey(b)),
    );
}

/** SortManifests(..., UninstallOrder): by kind, stable within a kind. */
export function uninstallOrder(objects: KObject[]): KObject[] {
  const rank = (kind: string): number => {
    const i = UNINSTALL_ORDER.indexOf(kind);
    return i < 0 ? UNINSTALL_ORDER.length : i;
  };
  return [...objects].sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) ||
      (rank(a.kind) === UNINSTALL_ORDER.length ? a.kind.localeCompare(b.kind) : 0),
  );
}
