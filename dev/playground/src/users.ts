// The users of the playground's KubeSphere. Both sign in through the console's login page with the
// emulator's password; what the console then shows each comes from KubeSphere (the User's global
// role, and the role templates that role aggregates: kubesphere/console server/services/session.js
// getUserDetail, getUserGlobalRules), as the emulator answers it.
export type PlaygroundUser = 'admin' | 'viewer';
export const PLAYGROUND_USERS: readonly PlaygroundUser[] = ['admin', 'viewer'];

interface GlobalRole {
  /** the GlobalRole's name, shown by the console as the user's platform role */
  name: string;
  /** its aggregationRoleTemplates.templateNames; none = every global template (platform-admin's roleSelector) */
  templates?(available: readonly string[]): string[];
}

/**
 * admin is platform-admin (ks-core globalroles.yaml: it aggregates every template of scope global,
 * global-role-template-manage-app and the extension's two among them). KubeSphere has no built-in
 * read-only platform role (platform-regular has no rules), so the viewer's is one an admin would
 * make: every global *view* template, the extension's "Repository Imports Viewing" included, without
 * App Store management. Reading the App Store needs no template: the `authenticated` role lets every
 * user get and list apps and categories.
 */
export const GLOBAL_ROLES: Record<PlaygroundUser, GlobalRole> = {
  admin: { name: 'platform-admin' },
  viewer: {
    name: 'platform-viewer',
    templates: (available) => available.filter((name) => name.startsWith('global-view-')),
  },
};
