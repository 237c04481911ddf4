// The platform endpoints ks-console needs besides the App Store, each from ks-core v4.1.3 unless said:
//   GET /version, /kapis/version                    pkg/kapis/version/register.go (platform/version.ts)
//   GET /kapis/config.kubesphere.io/v1alpha2/configs/{configz,oauth,theme}
//                                                   pkg/kapis/config/v1alpha2/register.go, handler.go
//   GET /kapis/iam.kubesphere.io/v1beta1/users/{user}, .../users/{user}/roletemplates?scope=global
//                                                   pkg/kapis/iam/v1beta1/handler.go DescribeUser,
//                                                   ListRoleTemplateOfUser; pkg/models/iam/im/im.go
//   GET /kapis/iam.kubesphere.io/v1beta1/users       handler.go ListUsers (im.go: without passwords)
//   GET /kapis/iam.kubesphere.io/v1beta1/globalroles no route: filters/dynamicresource.go answers it
//                                                   (resources/v1beta1/resourcemanager.go ListResources)
//   GET /kapis/tenant.kubesphere.io/v1beta1/workspacetemplates, /clusters, /workspaces/{ws}/namespaces,
//       /metrics                                    pkg/kapis/tenant/v1beta1/handler.go, resource_handler.go
//                                                   (GetPlatformMetrics), pkg/models/tenant/tenant.go,
//                                                   pkg/simple/client/overview/metrics.go
// and, as kube-apiserver answers them through ks-apiserver's proxy (filters/kubeapiserver.go):
//   GET /api/v1/nodes, /apis/kubesphere.io/v1alpha1/extensions, /apis/extensions.kubesphere.io/v1alpha1/*
// Endpoints a 4.1 server also lacks stay missing: /configs/gpu/kinds and /configs/marketplace (404, or
// 403 for non-admins, as the RBAC filter runs first) and installer.kubesphere.io (kube-apiserver's
// `404 page not found`).
import type { EmulatorUser, UserInfo } from '../auth.js';
import type { RoleTemplate } from '../rbac.js';
import { EXTENSION_RESOURCES, type ExtensionRegistry, type ExtensionResource } from './extensions.js';
import { isGlobalTemplate, KS_CORE_GLOBAL_ROLES } from './roles.js';
import { KUBERNETES_VERSION, versionInfo, type KsVersion } from './version.js';

export interface PlatformDeps {
  version: KsVersion;
  /** RBAC: may the user do `verb` on `resource` of `apiGroup` at the global scope (authorizer.Authorize) */
  may(user: UserInfo, verb: string, apiGroup: string, resource: string): boolean;
  openpitrix: boolean;
  users: ReadonlyMap<string, EmulatorUser>;
  templates: ReadonlyMap<string, RoleTemplate>;
  extensions: ExtensionRegistry;
  /** workspaces besides system-workspace (those the store's repos name) */
  workspaces(): string[];
  /** when the emulated cluster was set up: every built-in object's creationTimestamp */
  since: string;
}

export type PlatformReply =
  | { kind: 'json'; status: number; body: unknown }
  /** net/http Error: text/plain, the message and a newline */
  | { kind: 'text'; status: number; body: string };

const json = (body: unknown, status = 200): PlatformReply => ({ kind: 'json', status, body });
const text = (body: string, status: number): PlatformReply => ({ kind: 'text', status, body });

const KAPIS_CONFIG = '/kapis/config.kubesphere.io/v1alpha2/configs/';
const KAPIS_IAM_USERS = '/kapis/iam.kubesphere.io/v1beta1/users';
const KAPIS_TENANT = '/kapis/tenant.kubesphere.io/v1beta1/';
const EXTENSIONS_API = '/apis/extensions.kubesphere.io/v1alpha1/';

/** handler.go getConfigz: only MultiClusterOptions is serialized (options.Options). */
const CONFIGZ = {
  multicluster: {
    clusterRole: 'host',
    hostClusterName: 'host',
    agentImage: 'kubesphere/tower:v1.0',
    clusterControllerResyncPeriod: 900_000_000_000,
  },
};

/** handler.go getOAuthConfiguration for a default install: no identity providers, the console client. */
function oauthConfiguration(): unknown {
  return {
    issuer: {
      url: 'http://ks-console.kubesphere-system.svc:30880',
      accessTokenMaxAge: 7_200_000_000_000,
      accessTokenInactivityTimeout: 1_800_000_000_000,
      maximumClockSkew: 10_000_000_000,
    },
    identityProviders: [],
    clients: [
      {
        name: 'kubesphere',
        trusted: true,
        grantMethod: 'auto',
        scopeRestrictions: ['openid', 'email', 'profile'],
      },
    ],
  };
}

function globalRoleOf(user: EmulatorUser): string {
  return user.globalRole ?? (user.role === 'platform-admin' ? 'platform-admin' : '');
}

/** The templates of the user's GlobalRole (platform-admin aggregates every global template). */
function templatesOf(user: EmulatorUser, templates: ReadonlyMap<string, RoleTemplate>): RoleTemplate[] {
  if (user.roleTemplates === undefined)
    return user.role === 'platform-admin' ? [...templates.values()].filter(isGlobalTemplate) : [];
  // helper.go getRoleTemplates: a name without a template is skipped
  return user.roleTemplates.flatMap((name) => templates.get(name) ?? []);
}

function roleTemplateObject(template: RoleTemplate): unknown {
  return {
    kind: 'RoleTemplate',
    apiVersion: 'iam.kubesphere.io/v1beta1',
    metadata: {
      name: template.name,
      ...(template.labels ? { labels: template.labels } : {}),
      ...(template.annotations ? { annotations: template.annotations } : {}),
    },
    spec: { ...(template.displayName ? { displayName: template.displayName } : {}), rules: template.rules },
  };
}

/** im.go DescribeUser: the User without its password. */
function userObject(user: EmulatorUser, since: string): unknown {
  return {
    kind: 'User',
    apiVersion: 'iam.kubesphere.io/v1beta1',
    metadata: {
      name: user.username,
      resourceVersion: '1',
      creationTimestamp: since,
      annotations: {
        'iam.kubesphere.io/globalrole': globalRoleOf(user),
        'iam.kubesphere.io/granted-clusters': 'host',
      },
      finalizers: ['finalizers.kubesphere.io/users'],
    },
    spec: { email: `${user.username}@kubesphere.io`, ...(user.lang ? { lang: user.lang } : {}) },
    status: { state: 'Active', lastTransitionTime: since },
  };
}

function iamUsers(d: PlatformDeps, rest: string, query: URLSearchParams): PlatformReply | undefined {
  const [name = '', subresource, ...more] = rest.split('/');
  if (more.length > 0) return undefined;
  const user = d.users.get(name);
  if (subresource === undefined) {
    return user
      ? json(userObject(user, d.since))
      : text(`users.iam.kubesphere.io "${name}" not found\n`, 404);
  }
  if (subresource !== 'roletemplates') return undefined;
  // ListRoleTemplateOfUser: scope global lists the templates of the user's global role; other scopes
  // (cluster, workspace, namespace roles) are not modelled: the emulator's users have none.
  const items =
    user && query.get('scope') === 'global' ? templatesOf(user, d.templates).map(roleTemplateObject) : [];
  return json({ items, totalItems: items.length });
}

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

/** tenant.go ListWorkspaceTemplates / ListClusters: everything for a platform admin, else the user's own. */
/**
 * tenant.go ListWorkspaceTemplates: all of them for who may list workspaces in every group,
 * else those of the user's workspace role bindings (the emulator's users have none).
 */
function workspacesOf(d: PlatformDeps, user: UserInfo): string[] {
  return d.may(user, 'list', '*', 'workspaces') ? ['system-workspace', ...d.workspaces()] : [];
}

/** overview.newMetric / CustomMetric: `<prefix>_<name>`, one vector value [unix seconds, count]. */
function metric(name: string, count: number): unknown {
  return {
    metric_name: `platform_${name}`,
    data: { resultType: 'vector', result: [{ value: [Math.floor(Date.now() / 1000), count] }] },
  };
}

function tenant(d: PlatformDeps, resource: string, user: UserInfo): PlatformReply | undefined {
  const namespaces = /^workspaces\/([^/]+)\/namespaces$/.exec(resource);
  if (namespaces) {
    // the emulated cluster has no namespaces of workspaces (the extensions' live in no workspace)
    return workspacesOf(d, user).includes(namespaces[1] ?? '')
      ? json({ items: [], totalItems: 0 })
      : text(`workspacetemplates.tenant.kubesphere.io "${namespaces[1] ?? ''}" not found\n`, 404);
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
    const names = workspacesOf(d, user);
    const items = names.map((name) => ({
      kind: 'WorkspaceTemplate',
      apiVersion: 'tenant.kubesphere.io/v1beta1',
      metadata: {
        name,
        creationTimestamp: d.since,
        ...(name === 'system-workspace' ? { labels: { 'kubesphere.io/protected-resource': 'true' } } : {}),
        annotations: { 'kubesphere.io/creator': 'admin' },
      },
      spec: { template: { spec: { manager: 'admin' } }, placement: { clusterSelector: {} } },
    }));
    return json({ items, totalItems: items.length });
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
    if (!['system-workspace', ...d.workspaces()].includes(workspace))
      return text(`workspacetemplates.tenant.kubesphere.io "${workspace}" not found\n`, 404);
    const items = [hostCluster(d)];
    return json({ items, totalItems: items.length });
  }
  return undefined;
}

/** ks-core's GlobalRoles and those of the users that are not built in (made by admin, as a console user would). */
function globalRoleObjects(d: PlatformDeps): Record<string, unknown>[] {
  const builtIn = new Set(KS_CORE_GLOBAL_ROLES.map((role) => (role.metadata as { name: string }).name));
  const custom = [...new Set([...d.users.values()].map(globalRoleOf))].filter(
    (name) => name !== '' && !builtIn.has(name),
  );
  return [
    ...KS_CORE_GLOBAL_ROLES,
    ...custom.map((name) => ({
      apiVersion: 'iam.kubesphere.io/v1beta1',
      kind: 'GlobalRole',
      metadata: { name, creationTimestamp: d.since, annotations: { 'kubesphere.io/creator': 'admin' } },
      rules: [],
    })),
  ];
}

/**
 * resourcemanager.go ListResources for a served resource without a route: the query's `annotation`
 * (key or key=value) filter and paging (limit, page), remainingItemCount, and the total in `continue`.
 */
function dynamicList(
  apiVersion: string,
  kind: string,
  objects: Record<string, unknown>[],
  query: URLSearchParams,
): PlatformReply {
  const annotation = query.get('annotation');
  const [key = '', value] = (annotation ?? '').split('=');
  const filtered = objects.filter((object) => {
    if (annotation === null) return true;
    const annotations = (object.metadata as { annotations?: Record<string, string> }).annotations ?? {};
    return key in annotations && (value === undefined || annotations[key] === value);
  });
  const limit = Number(query.get('limit') ?? '-1');
  const page = Math.max(1, Number(query.get('page') ?? '1'));
  const start = limit > 0 ? (page - 1) * limit : 0;
  const items = limit > 0 ? filtered.slice(start, start + limit) : filtered;
  return json({
    apiVersion,
    kind: `${kind}List`,
    metadata: {
      continue: String(filtered.length),
      remainingItemCount: Math.max(0, filtered.length - start - items.length),
    },
    items,
  });
}

function kubeList(
  apiVersion: string,
  kind: string,
  resourceVersion: string,
  items: unknown[],
): PlatformReply {
  return json({ apiVersion, kind: `${kind}List`, metadata: { resourceVersion }, items });
}

/** apimachinery NewNotFound as kube-apiserver writes it. */
function kubeNotFound(group: string, resource: string, name: string): PlatformReply {
  return json(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `${resource}.${group} "${name}" not found`,
      reason: 'NotFound',
      details: { name, group, kind: resource },
      code: 404,
    },
    404,
  );
}

/** The one node of the emulated cluster (the console reads its container runtime). */
function nodeList(d: PlatformDeps): PlatformReply {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'node1',
      creationTimestamp: d.since,
      labels: { 'kubernetes.io/hostname': 'node1', 'node-role.kubernetes.io/control-plane': '' },
    },
    status: {
      nodeInfo: {
        containerRuntimeVersion: 'containerd://1.7.22',
        kubeletVersion: KUBERNETES_VERSION.gitVersion,
        osImage: 'Ubuntu 22.04.4 LTS',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
  return kubeList('v1', 'Node', '1', [node]);
}

function extensionObjects(d: PlatformDeps, rest: string): PlatformReply | undefined {
  const [resource = '', name, ...more] = rest.split('/');
  if (more.length > 0 || !(resource in EXTENSION_RESOURCES)) return undefined;
  const kind = EXTENSION_RESOURCES[resource as ExtensionResource];
  const items = d.extensions.all(kind);
  if (name === undefined)
    return kubeList('extensions.kubesphere.io/v1alpha1', kind, d.extensions.listResourceVersion, items);
  const item = items.find((object) => object.metadata.name === name);
  return item ? json(item) : kubeNotFound('extensions.kubesphere.io', resource, name);
}

/**
 * The platform endpoint for a GET that was authenticated and authorized, or undefined when the path
 * is not one of them (the App Store router and the 404s follow).
 */
export function platformRoute(
  d: PlatformDeps,
  method: string,
  path: string,
  query: URLSearchParams,
  user: UserInfo,
): PlatformReply | undefined {
  if (method !== 'GET') return undefined;
  if (path === '/version' || path === '/kapis/version') return json(versionInfo(d.version));
  if (path.startsWith(KAPIS_CONFIG)) {
    const config = path.slice(KAPIS_CONFIG.length);
    if (config === 'configz') return json(CONFIGZ);
    // v4.1.3 registers oauth and theme on a host cluster only; the emulated one is the host.
    if (config === 'oauth') return json(oauthConfiguration());
    // no platform-configuration-theme ConfigMap: ThemeConfiguration{} -> {}
    if (config === 'theme') return json({});
    return undefined;
  }
  if (path === '/kapis/iam.kubesphere.io/v1beta1/globalroles')
    return dynamicList('iam.kubesphere.io/v1beta1', 'GlobalRole', globalRoleObjects(d), query);
  if (path === KAPIS_IAM_USERS) {
    const items = [...d.users.values()].map((user) => userObject(user, d.since));
    return json({ items, totalItems: items.length });
  }
  if (path.startsWith(`${KAPIS_IAM_USERS}/`))
    return iamUsers(d, path.slice(KAPIS_IAM_USERS.length + 1), query);
  if (path.startsWith(KAPIS_TENANT)) return tenant(d, path.slice(KAPIS_TENANT.length), user);
  if (path === '/api/v1/nodes') return nodeList(d);
  if (path === '/apis/kubesphere.io/v1alpha1/extensions')
    return kubeList(
      'kubesphere.io/v1alpha1',
      'Extension',
      d.extensions.listResourceVersion,
      d.extensions.extensions(d.openpitrix),
    );
  if (path.startsWith(EXTENSIONS_API)) return extensionObjects(d, path.slice(EXTENSIONS_API.length));
  return undefined;
}

/** kube-apiserver's NotFound handler (http.NotFound) for a Kubernetes path nobody serves. */
export const KUBE_NOT_FOUND = '404 page not found\n';
