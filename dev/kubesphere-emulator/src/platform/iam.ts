// The iam API the console reads: pkg/kapis/iam/v1beta1/handler.go DescribeUser, ListUsers,
// ListRoleTemplateOfUser (pkg/models/iam/im/im.go: no password), and globalroles, which has no route
// and is answered by filters/dynamicresource.go (resources/v1beta1/resourcemanager.go ListResources).
import type { EmulatorUser } from '../auth.js';
import type { RoleTemplate } from '../rbac.js';
import { json, text, type PlatformDeps, type PlatformReply } from './reply.js';
import { isGlobalTemplate, KS_CORE_GLOBAL_ROLES } from './roles.js';

export const KAPIS_IAM = '/kapis/iam.kubesphere.io/v1beta1/';

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

/** GET /kapis/iam.kubesphere.io/v1beta1/<rest> */
export function iam(d: PlatformDeps, rest: string, query: URLSearchParams): PlatformReply | undefined {
  if (rest === 'globalroles')
    return dynamicList('iam.kubesphere.io/v1beta1', 'GlobalRole', globalRoleObjects(d), query);
  if (rest === 'users') {
    const items = [...d.users.values()].map((user) => userObject(user, d.since));
    return json({ items, totalItems: items.length });
  }
  if (rest.startsWith('users/')) return iamUsers(d, rest.slice('users/'.length), query);
  return undefined;
}
