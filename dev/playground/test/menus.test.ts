import { describe, expect, it } from 'vitest';

import type { PageGlobals } from '../host/globals.js';
import { isVisible, menuLink, registerMenus, type ExtensionMenu, type NavTrees } from '../host/menus.js';

const admin: PageGlobals = {
  config: { defaultLang: 'en' },
  user: {
    username: 'admin',
    globalrole: 'platform-admin',
    lang: 'en',
    globalRules: { 'manage-app': ['manage'] },
  },
  ksConfig: { openpitrix: true },
  installedExtensions: [],
};

const entry: ExtensionMenu = {
  parent: 'global',
  name: 'store-importer',
  title: 'STORE_IMPORTER_MENU',
  link: '/apps-manage/store-importer',
  ksModule: 'openpitrix',
  authKey: 'manage-app',
  authAction: 'manage',
};

describe('menus, as the console registers and filters them', () => {
  it('shows an entry gated like App Store Management to an admin with the App Store', () => {
    expect(isVisible(entry, admin)).toBe(true);
  });

  it('hides it without the App Store (ksModule)', () => {
    expect(isVisible(entry, { ...admin, ksConfig: {} })).toBe(false);
    expect(isVisible(entry, { ...admin, ksConfig: { openpitrix: false } })).toBe(false);
  });

  it('hides it from a user without the role template, and checks the action', () => {
    const viewer = { ...admin, user: { ...admin.user, globalrole: 'platform-regular', globalRules: {} } };
    expect(isVisible(entry, viewer)).toBe(false);
    const viewOnly = { ...admin, user: { ...admin.user, globalRules: { 'manage-app': ['view'] } } };
    expect(isVisible(entry, viewOnly)).toBe(false);
    expect(isVisible({ ...entry, authAction: undefined }, viewOnly)).toBe(true);
  });

  it('inserts at `order`, replaces an entry of the same name, and links to /<name> by default', () => {
    const trees: NavTrees = new Map([['global', [{ parent: 'global', name: 'a', title: 'A' }]]]);
    registerMenus(trees, [{ ...entry, order: 0 }]);
    expect(trees.get('global')?.map((menu) => menu.name)).toEqual(['store-importer', 'a']);
    registerMenus(trees, [{ ...entry, title: 'NEW', order: 5 }]);
    expect(trees.get('global')?.map((menu) => menu.title)).toEqual(['NEW', 'A']);
    expect(menuLink({ parent: 'global', name: 'apps-manage', title: 'X' })).toBe('/apps-manage');
    expect(menuLink(entry)).toBe('/apps-manage/store-importer');
  });
});
