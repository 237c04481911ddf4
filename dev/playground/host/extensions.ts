// Loads the installed extensions as kubesphere/console packages/core/src/utils/extensions.remote.ts
// does: System.import(`/pstatic${link}?resourceVersion=...`) for each, the default export resolved
// (an object, a promise or a function returning either: extensions.config.ts), failures logged as
// `[name]` and the others loaded regardless (Promise.allSettled).
import type { RouteObject } from 'react-router-dom';

import type { InstalledExtension } from './globals.js';
import type { Locales } from './i18n.js';
import type { ExtensionMenu } from './menus.js';

export interface ExtensionConfig {
  routes: RouteObject[];
  menus: ExtensionMenu[];
  locales: Locales;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMenu(value: unknown): value is ExtensionMenu {
  return (
    isObject(value) &&
    typeof value.name === 'string' &&
    typeof value.parent === 'string' &&
    typeof value.title === 'string'
  );
}

/** Checks the shape the console relies on; says what is wrong instead of failing later. */
function toConfig(name: string, value: unknown): ExtensionConfig {
  if (!isObject(value)) throw new Error(`[${name}] the default export is not an object`);
  const { routes = [], menus = [], locales = {} } = value;
  if (!Array.isArray(routes)) throw new Error(`[${name}] routes must be an array of route objects`);
  if (!Array.isArray(menus) || !menus.every(isMenu))
    throw new Error(`[${name}] menus must be an array of {parent, name, title, ...}`);
  if (!isObject(locales) || !Object.values(locales).every(isObject))
    throw new Error(`[${name}] locales must be {en: {...}, zh: {...}}`);
  return {
    routes: routes as RouteObject[],
    menus,
    locales: locales as Locales,
  };
}

/** The console's address for a bundle: ks-console proxies /pstatic/* to ks-apiserver. */
export function bundleUrl(extension: InstalledExtension): string {
  return `/pstatic${extension.link}?resourceVersion=${encodeURIComponent(extension.resourceVersion)}`;
}

async function importExtension(extension: InstalledExtension): Promise<ExtensionConfig> {
  const module = await System.import(bundleUrl(extension));
  let input: unknown = module.default;
  if (typeof input === 'function') input = (input as () => unknown)();
  return toConfig(extension.extensionName, await input);
}

/** Every extension that loaded; each failure is logged to the console, as the console does. */
export async function importExtensions(
  extensions: readonly InstalledExtension[],
): Promise<ExtensionConfig[]> {
  const results = await Promise.allSettled(extensions.map(importExtension));
  const loaded: ExtensionConfig[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') loaded.push(result.value);
    else console.error(`[${extensions[index]?.extensionName ?? '?'}]`, result.reason);
  });
  return loaded;
}
