// Menus: registered and filtered the way the console does it.
// - registerMenus: kubesphere/console packages/core/src/utils/Context.ts registerMenu: `parent`
//   names a nav tree (`global` -> globals.config.globalNavs); an entry replaces one of the same
//   name, or is inserted at index `order`.
// - isVisible: packages/shared/src/utils/nav.ts checkNavItem + hasPermission, the checks a
//   global entry meets: `admin`, `ksModule` (globals.ksConfig[module]), and the user's global
//   rules for `authKey` (or the name) and `authAction` (default `view`; `manage` or `*` allow all).
import type { PageGlobals } from './globals.js';

/** An extension's menu entry (the console's ExtensionMenu fields the host reads). */
export interface ExtensionMenu {
  parent: string;
  name: string;
  title: string;
  link?: string;
  icon?: string;
  order?: number;
  admin?: boolean;
  ksModule?: string;
  authKey?: string;
  authAction?: string;
}

/** parent name (`global`, `cluster`, ...) -> its entries, in order. */
export type NavTrees = Map<string, ExtensionMenu[]>;

export function registerMenus(trees: NavTrees, menus: readonly ExtensionMenu[]): void {
  for (const menu of menus) {
    const [top] = menu.parent.split('.');
    if (top === undefined || menu.parent.includes('.')) {
      console.warn(`menu ${menu.name}: nested parent ${menu.parent} is not shown by the playground`);
      continue;
    }
    const children = trees.get(top) ?? [];
    trees.set(top, children);
    const existing = children.findIndex((item) => item.name === menu.name);
    if (existing > -1) children.splice(existing, 1, menu);
    else children.splice(menu.order ?? children.length, 0, menu);
  }
}

function hasPermission(globals: PageGlobals, module: string, action: string): boolean {
  const actions = globals.user.globalRules[module] ?? [];
  return actions.includes('*') || actions.includes('manage') || actions.includes(action);
}

export function isVisible(menu: ExtensionMenu, globals: PageGlobals): boolean {
  if (menu.admin && globals.user.globalrole !== 'platform-admin') return false;
  if (menu.ksModule && !globals.ksConfig[menu.ksModule]) return false;
  if (menu.authKey?.includes('|'))
    return menu.authKey.split('|').some((module) => hasPermission(globals, module, 'view'));
  return hasPermission(globals, menu.authKey ?? menu.name, menu.authAction ?? 'view');
}

/** Where an entry leads: its link, else `/<name>` (the console's GlobalNav). */
export function menuLink(menu: ExtensionMenu): string {
  return menu.link ?? `/${menu.name}`;
}
