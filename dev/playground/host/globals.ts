// `window.globals`: what the host server tells the page, shaped like the console's globals
// (kubesphere/console server/controllers/view.js renderIndex and the session's user).

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** An installed extension, as the console lists them (globals.installedExtensions). */
export interface InstalledExtension {
  extensionName: string;
  /** the JSBundle's status.link, e.g. /dist/store-importer/index.js */
  link: string;
  resourceVersion: string;
}

export interface PageGlobals {
  config: {
    /** the language when the user has none (console: globals.config.defaultLang) */
    defaultLang: Lang;
  };
  user: {
    username: string;
    globalrole: string;
    lang: Lang;
    /** role template -> actions, as checked by the console's hasPermission() */
    globalRules: Record<string, string[]>;
  };
  /** enabled extension modules; `openpitrix: true` when the App Store is installed */
  ksConfig: Record<string, boolean>;
  installedExtensions: InstalledExtension[];
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
