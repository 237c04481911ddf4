// ks-core's built-in global roles and global role templates, read from copies of ks-core v4.1.3's
// config/ks-core/templates/globalroles.yaml and roletemplates.yaml (platform/ks-core/), and the
// `authenticated` role's rego-override annotation, which ks-apiserver evaluates besides its rules
// (pkg/apiserver/authorization/rbac/rbac.go: rules first, then the role's rego policy).
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

import type { RequestInfo } from '../requestinfo.js';
import { SCOPE_LABEL, type PolicyRule, type RoleTemplate } from '../rbac.js';

interface KubeObject {
  kind?: unknown;
  metadata?: { name?: unknown; labels?: unknown; annotations?: unknown };
  spec?: { rules?: unknown; displayName?: unknown };
  rules?: unknown;
}

function readObjects(file: string): KubeObject[] {
  const text = readFileSync(new URL(`./ks-core/${file}`, import.meta.url), 'utf8');
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return Object.fromEntries(entries);
}

function policyRules(owner: string, value: unknown): PolicyRule[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${owner}: rules is not a list`);
  return value as PolicyRule[];
}

/** A RoleTemplate object (ks-core's, or one an extension's chart installs) as the emulator keeps it. */
export function roleTemplateOf(object: KubeObject): RoleTemplate {
  const name = object.metadata?.name;
  if (typeof name !== 'string' || name === '') throw new Error('a RoleTemplate without metadata.name');
  const labels = stringMap(object.metadata?.labels);
  const annotations = stringMap(object.metadata?.annotations);
  const displayName = stringMap(object.spec?.displayName);
  return {
    name,
    rules: policyRules(`RoleTemplate ${name}`, object.spec?.rules),
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
    ...(displayName ? { displayName } : {}),
  };
}

/** ks-core's RoleTemplates of scope global (global-role-template-manage-app among them). */
export const KS_CORE_GLOBAL_TEMPLATES: readonly RoleTemplate[] =
  readObjects('roletemplates.global.yaml').map(roleTemplateOf);

export function isGlobalTemplate(template: RoleTemplate): boolean {
  return template.labels?.[SCOPE_LABEL] === 'global';
}

const GLOBAL_ROLE_OBJECTS = readObjects('globalroles.yaml');

/** ks-core's GlobalRoles as the iam API lists them. */
export const KS_CORE_GLOBAL_ROLES: readonly Record<string, unknown>[] = GLOBAL_ROLE_OBJECTS.map((object) => ({
  ...object,
  apiVersion: 'iam.kubesphere.io/v1beta1',
}));

const globalRoles = new Map(
  GLOBAL_ROLE_OBJECTS.map((object) => [
    String(object.metadata?.name),
    policyRules(`GlobalRole ${String(object.metadata?.name)}`, object.rules),
  ]),
);

function rulesOfRole(name: string): readonly PolicyRule[] {
  const rules = globalRoles.get(name);
  if (!rules) throw new Error(`emulator: ks-core GlobalRole ${name} is missing from platform/ks-core`);
  return rules;
}

/** globalrolebindings.yaml binds `anonymous` to system:unauthenticated. */
export const ANONYMOUS_RULES = rulesOfRole('anonymous');
/** ... and `authenticated` to system:authenticated: every signed-in user has these. */
export const AUTHENTICATED_RULES = rulesOfRole('authenticated');
export const PLATFORM_ADMIN_RULES = rulesOfRole('platform-admin');

/**
 * The `iam.kubesphere.io/rego-override` policy of the `authenticated` GlobalRole (globalroles.yaml),
 * clause by clause (the kubectl-pod exec clause is left out: no pods here).
 */
export function authenticatedRegoAllows(username: string, info: RequestInfo): boolean {
  // input.Resource == "users"; input.User.Name == input.Name
  if (info.resource === 'users' && info.name === username) return true;
  // clustermembers, workspacemembers, namespacemembers of the user, get/list/watch
  if (
    ['clustermembers', 'workspacemembers', 'namespacemembers'].includes(info.resource) &&
    info.name === username &&
    ['get', 'list', 'watch'].includes(info.verb)
  )
    return true;
  // GET /api and /api/v1
  if (!info.isResourceRequest && ['/api', '/api/v1'].includes(info.path) && info.verb === 'GET') return true;
  // the tenant API (not a Kubernetes request), get/list/watch
  return (
    info.apiGroup === 'tenant.kubesphere.io' &&
    !info.isKubernetesRequest &&
    ['get', 'list', 'watch'].includes(info.verb)
  );
}
