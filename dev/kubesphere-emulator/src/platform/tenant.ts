// The tenant API the console reads: pkg/kapis/tenant/v1beta1/handler.go (ListWorkspaceTemplates,
// DescribeWorkspaceTemplate), resource_handler.go (ListWorkspaceClusters, GetPlatformMetrics),
// pkg/models/tenant/tenant.go, pkg/models/iam/am/am.go (ListWorkspaceRoleBindings),
// pkg/simple/client/overview/metrics.go.
import { SystemWorkspace } from '../constants.js';
import type { UserInfo } from '../auth.js';
import { json, text, type PlatformDeps, type PlatformReply } from './reply.js';
import { KUBERNETES_VERSION } from './version.js';

export const KAPIS_TENANT = '/kapis/tenant.kubesphere.io/v1beta1/';

/** The host cluster, as pkg/controller/cluster/cluster_controller.go createHostClusterIfNotExists makes it. */
function hostCluster(d: PlatformDeps): Record<string, unknown> {
  return {
    kind: 'Cluster',
    apiVersion: 'cluster.kubesphere.io/v1alpha1',
    metadata: {
      name: 'host',
      creationTimestamp: d.since,
      labels: { 'cluster-role.kubesphere.io/host': '', 'kubesphere.io/managed': 'true' },
      annotations: { 'kubesphere.io/creator': 'admin' },
    },
    spec: { provider: 'kubesphere', connection: { type: 'direct' } },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastUpdateTime: d.since,
          lastTransitionTime: d.since,
          reason: 'Ready',
          message: 'Cluster is available now',
        },
      ],
      kubernetesVersion: KUBERNETES_VERSION.gitVersion,
      kubeSphereVersion: d.version,
      nodeCount: 1,
    },
  };
}

/** Every WorkspaceTemplate of the emulated cluster. */
function allWorkspaces(d: PlatformDeps): string[] {
  return [SystemWorkspace, ...d.workspaces()];
}

/**
 * tenant.go ListWorkspaceTemplates: all of them for who may `list` `workspaces` in API group `*`
 * at the global scope; else those of the user's WorkspaceRoleBindings (am.go
 * ListWorkspaceRoleBindings), each once, a binding whose workspace does not exist skipped.
 */
function workspacesOf(d: PlatformDeps, user: UserInfo): string[] {
  const all = allWorkspaces(d);
  if (d.may(user, 'list', '*', 'workspaces')) return all;
  const bound = Object.keys(d.users.get(user.name)?.workspaceRoles ?? {});
  return all.filter((name) => bound.includes(name));
}

function workspaceTemplate(d: PlatformDeps, name: string): Record<string, unknown> {
  return {
    kind: 'WorkspaceTemplate',
    apiVersion: 'tenant.kubesphere.io/v1beta1',
    metadata: {
      name,
      creationTimestamp: d.since,
      ...(name === SystemWorkspace ? { labels: { 'kubesphere.io/protected-resource': 'true' } } : {}),
      annotations: { 'kubesphere.io/creator': 'admin' },
    },
    spec: { template: { spec: { manager: 'admin' } }, placement: { clusterSelector: {} } },
  };
}

/** client.Get's NotFound, as api.HandleNotFound writes it. */
const workspaceNotFound = (name: string): PlatformReply =>
  text(`workspacetemplates.tenant.kubesphere.io "${name}" not found\n`, 404);

/** overview.newMetric / CustomMetric: `<prefix>_<name>`, one vector value [unix seconds, count]. */
function metric(name: string, count: number): unknown {
  return {
    metric_name: `platform_${name}`,
    data: { resultType: 'vector', result: [{ value: [Math.floor(Date.now() / 1000), count] }] },
  };
}

export function tenant(d: PlatformDeps, resource: string, user: UserInfo): PlatformReply | undefined {
  const namespaces = /^workspaces\/([^/]+)\/namespaces$/.exec(resource);
  if (namespaces) {
    // the emulated cluster has no namespaces of workspaces (the extensions' live in no workspace)
    return workspacesOf(d, user).includes(namespaces[1] ?? '')
      ? json({ items: [], totalItems: 0 })
      : workspaceNotFound(namespaces[1] ?? '');
  }
  if (resource === 'metrics') {
    // GetPlatformMetrics: users, installed extensions (only for who may list installplans), workspaces
    // and clusters the user can access (each only when not zero)
    const workspaces = workspacesOf(d, user).length;
    return json({
      results: [
        metric('user_count', d.users.size),
        ...(d.may(user, 'list', 'kubesphere.io', 'installplans')
          ? [metric('installplan_count', d.extensions.names().length + (d.openpitrix ? 1 : 0))]
          : []),
        ...(workspaces > 0 ? [metric('workspace_count', workspaces)] : []),
        metric('cluster_count', 1),
      ],
    });
  }
  if (resource === 'workspacetemplates') {
    const items = workspacesOf(d, user).map((name) => workspaceTemplate(d, name));
    return json({ items, totalItems: items.length });
  }
  const template = /^workspacetemplates\/([^/]+)$/.exec(resource);
  if (template) {
    // DescribeWorkspaceTemplate: client.Get by name, whoever asks (the authenticated role's rego
    // lets every signed-in user get the tenant API); no such template is a 404
    const name = template[1] ?? '';
    return allWorkspaces(d).includes(name) ? json(workspaceTemplate(d, name)) : workspaceNotFound(name);
  }
  if (resource === 'clusters') {
    // A non-admin sees the clusters of its iam.kubesphere.io/granted-clusters annotation (host here).
    const items = [hostCluster(d)];
    return json({ items, totalItems: items.length });
  }
  const workspaceClusters = /^workspaces\/([^/]+)\/clusters$/.exec(resource);
  if (workspaceClusters) {
    // ListWorkspaceClusters: the clusters of the workspace's placement; an empty clusterSelector
    // (the emulator's workspaces) places it on every cluster
    const workspace = workspaceClusters[1] ?? '';
    if (!allWorkspaces(d).includes(workspace)) return workspaceNotFound(workspace);
    const items = [hostCluster(d)];
    return json({ items, totalItems: items.length });
  }
  return undefined;
}
