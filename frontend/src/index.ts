import locales from './locales';
import routes, { IMPORT_FROM_REPO_PATH } from './routes';

/**
 * A `global` entry gated like App Store Management (openpitrix's `apps-manage`): it shows only
 * where that shows. `link` points it at our route (by default the console derives it from `name`).
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

export default { routes, menus, locales };
