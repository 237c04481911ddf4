// The playground's users as the console knows them: global rules built from role templates the
// way ks-console builds them, and the menu gating that follows for admin and viewer.
import { describe, expect, it } from 'vitest';

import { isVisible, type ExtensionMenu } from '../host/menus.js';
import type { PageGlobals } from '../host/globals.js';
import { loadChartRoleTemplates } from '../src/role-templates.js';
import {
  GLOBAL_ROLE_TEMPLATES,
  globalRulesOf,
  roleTemplateNames,
  sessionUser,
  type PlaygroundUser,
} from '../src/users.js';

/** The gating of the entry frontend/src/index.ts registers: App Store Management's. */
const gating = { ksModule: 'openpitrix', authKey: 'manage-app', authAction: 'manage' };
const entry: ExtensionMenu = { parent: 'global', name: 'store-importer', title: 'MENU', ...gating };

function globalsOf(user: PlaygroundUser): PageGlobals {
  return {
    config: { defaultLang: 'en' },
    user: { ...sessionUser(user), lang: 'en' },
    ksConfig: { openpitrix: true },
    installedExtensions: [],
  };
}

describe('global rules from role templates (ks-console getUserGlobalRules)', () => {
  it('gives each module the actions and names of its templates, once each', () => {
    expect(
      globalRulesOf([
        { name: 'global-view-users', rules: { users: 'view' } },
        { name: 'global-manage-users', rules: { users: 'manage' } },
        { name: 'two', rules: { users: ['view', 'edit'], roles: 'view' } },
      ]),
    ).toEqual({
      users: ['view', 'global-view-users', 'manage', 'global-manage-users', 'edit', 'two'],
      roles: ['view', 'two'],
    });
    expect(globalRulesOf([])).toEqual({});
  });
});

describe('the playground users', () => {
  it('admin is platform-admin with every global template, and sees the menu entry', () => {
    const admin = sessionUser('admin');
    expect(admin).toMatchObject({ username: 'admin', globalrole: 'platform-admin' });
    expect(admin.globalRules['manage-app']).toEqual(['manage', 'global-role-template-manage-app']);
    expect(admin.globalRules['store-importer']).toEqual([
      'view',
      'global-view-store-importer',
      'manage',
      'global-manage-store-importer',
    ]);
    expect(isVisible(entry, globalsOf('admin'))).toBe(true);
  });

  it('viewer has the view templates only: no App Store management, so no menu entry', () => {
    const viewer = sessionUser('viewer');
    expect(viewer).toMatchObject({ username: 'viewer', globalrole: 'platform-viewer' });
    expect(viewer.globalRules).toEqual({
      workspaces: ['view', 'global-view-workspaces'],
      clusters: ['view', 'global-view-clusters'],
      roles: ['view', 'global-view-roles'],
      users: ['view', 'global-view-users'],
      'store-importer': ['view', 'global-view-store-importer'],
    });
    expect(isVisible(entry, globalsOf('viewer'))).toBe(false);
  });

  it("lists the extension's templates as its chart defines them", async () => {
    const chart = (await loadChartRoleTemplates()).filter((template) => template.scope === 'global');
    expect(chart.map((template) => template.name)).toEqual([
      'global-view-store-importer',
      'global-manage-store-importer',
    ]);
    for (const template of chart)
      expect(GLOBAL_ROLE_TEMPLATES).toContainEqual({ name: template.name, rules: template.consoleRules });
  });

  it("names each user's templates for the emulator: the viewer's grant reading the extension's API only", async () => {
    expect(roleTemplateNames('admin')).toEqual(GLOBAL_ROLE_TEMPLATES.map((template) => template.name));
    expect(roleTemplateNames('viewer')).toContain('global-view-store-importer');
    expect(roleTemplateNames('viewer')).not.toContain('global-manage-store-importer');
    const byName = new Map((await loadChartRoleTemplates()).map((template) => [template.name, template]));
    const viewerRules = roleTemplateNames('viewer').flatMap((name) => byName.get(name)?.rules ?? []);
    expect(viewerRules.length).toBeGreaterThan(0);
    for (const rule of viewerRules) expect(rule.verbs).toEqual(['get', 'list', 'watch']);
  });
});
