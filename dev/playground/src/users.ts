// Who the playground signs in as, and what the console knows of that user. ks-console builds the
// session's user from KubeSphere (kubesphere/console server/services/session.js getUserDetail):
// `globalrole` is the user's `iam.kubesphere.io/globalrole` annotation, and `globalRules` come
// from the role templates of that global role (getUserGlobalRules, below). The menus are gated on
// those rules, so a user without App Store management does not see "Import from Repo".
import type { PageGlobals } from '../host/globals.js';

export type PlaygroundUser = 'admin' | 'viewer';
export const PLAYGROUND_USERS: readonly PlaygroundUser[] = ['admin', 'viewer'];

export function isPlaygroundUser(value: unknown): value is PlaygroundUser {
  return typeof value === 'string' && (PLAYGROUND_USERS as readonly string[]).includes(value);
}

/** A global RoleTemplate as the console reads it: its name and its role-template-rules annotation. */
export interface RoleTemplate {
  name: string;
  /** `iam.kubesphere.io/role-template-rules`: console module -> action(s) */
  rules: Record<string, string | string[]>;
}

/**
 * The global-scope role templates of a KubeSphere 4.1 with the App Store and this extension:
 * kubesphere/kubesphere config/ks-core/templates/roletemplates.yaml, and ours in
 * charts/backend/templates/roletemplates.yaml (test/users.test.ts checks those two against it).
 */
export const GLOBAL_ROLE_TEMPLATES: readonly RoleTemplate[] = [
  { name: 'global-create-workspaces', rules: { workspaces: 'create' } },
  { name: 'global-view-workspaces', rules: { workspaces: 'view' } },
  { name: 'global-manage-workspaces', rules: { workspaces: 'manage' } },
  { name: 'global-view-clusters', rules: { clusters: 'view' } },
  { name: 'global-manage-clusters', rules: { clusters: 'manage' } },
  { name: 'global-manage-platform-settings', rules: { 'platform-settings': 'manage' } },
  { name: 'global-view-roles', rules: { roles: 'view' } },
  { name: 'global-manage-roles', rules: { roles: 'manage' } },
  { name: 'global-view-users', rules: { users: 'view' } },
  { name: 'global-manage-users', rules: { users: 'manage' } },
  { name: 'global-role-template-manage-app', rules: { 'manage-app': 'manage' } },
  { name: 'global-view-store-importer', rules: { 'store-importer': 'view' } },
  { name: 'global-manage-store-importer', rules: { 'store-importer': 'manage' } },
];

interface GlobalRole {
  /** the GlobalRole's name, shown by the console as the user's platform role */
  name: string;
  /** its aggregationRoleTemplates.templateNames, which /users/{name}/roletemplates returns */
  templates: readonly RoleTemplate[];
}

/**
 * Each user's global role. platform-admin selects every global template (ks-core globalroles.yaml:
 * roleSelector `iam.kubesphere.io/scope: global`; the role-template controller writes their names
 * into templateNames). KubeSphere has no built-in read-only platform role (platform-regular has no
 * rules), so the viewer's is one an admin would make: every global *view* template, the
 * extension's "Repository Imports Viewing" included. Reading the App Store needs no template: the
 * `authenticated` role lets every user get and list apps and categories.
 */
const GLOBAL_ROLES: Record<PlaygroundUser, GlobalRole> = {
  admin: { name: 'platform-admin', templates: GLOBAL_ROLE_TEMPLATES },
  viewer: {
    name: 'platform-viewer',
    templates: GLOBAL_ROLE_TEMPLATES.filter((template) => template.name.startsWith('global-view-')),
  },
};

/**
 * getUserGlobalRules of kubesphere/console server/services/session.js (and fetchRules of
 * packages/shared/src/utils/apis.ts): for each template, every module of its rules gets the
 * template's action(s) and the template's name, without repeats.
 */
export function globalRulesOf(templates: readonly RoleTemplate[]): Record<string, string[]> {
  const rules: Record<string, string[]> = {};
  for (const template of templates) {
    for (const [module, actions] of Object.entries(template.rules)) {
      const merged = [...(rules[module] ?? []), ...[actions].flat(), template.name];
      rules[module] = [...new Set(merged)];
    }
  }
  return rules;
}

/**
 * The names of the user's global role's templates (aggregationRoleTemplates.templateNames): the
 * emulator authorizes the extension's API with their rules, as ks-apiserver does.
 */
export function roleTemplateNames(user: PlaygroundUser): string[] {
  return GLOBAL_ROLES[user].templates.map((template) => template.name);
}

/** The signed-in user as the host page tells the console: all of `globals.user` but the language. */
export type SessionUser = Omit<PageGlobals['user'], 'lang'>;

export function sessionUser(user: PlaygroundUser): SessionUser {
  const role = GLOBAL_ROLES[user];
  return { username: user, globalrole: role.name, globalRules: globalRulesOf(role.templates) };
}
