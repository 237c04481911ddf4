import { clearCachedGlobalNavs } from './console/drawer';
import locales from './locales';
import routes, { IMPORT_FROM_REPO_PATH } from './routes';

/**
 * A `global` entry gated like App Store Management (openpitrix's `apps-manage`): it shows only
 * where that shows, in the header's extension drawer. `link` points it at our route (by default the
 * console derives it from `name`).
 */
const menus = [
  {
    parent: 'global',
    name: 'store-importer',
    link: IMPORT_FROM_REPO_PATH,
    title: 'STORE_IMPORTER_MENU',
    icon: 'appcenter',
    order: 1,
    ksModule: 'openpitrix',
    authKey: 'manage-app',
    authAction: 'manage',
  },
];

/**
 * The extension, as the console resolves a bundle's default export (a function is called and
 * awaited: core/src/utils/extensions.config.ts resolveExtensionConfig), which lets the 4.1.1
 * console's drawer be refreshed before the menus register.
 */
export default async function extension(): Promise<{
  routes: typeof routes;
  menus: typeof menus;
  locales: typeof locales;
}> {
  await clearCachedGlobalNavs();
  return { routes, menus, locales };
}
