// The host page's entry: the console's shared modules, then what kubesphere/console's run() and
// Pages do: import the installed extensions, register their locales, menus and routes, start
// i18n, render. (The console renders first and registers the extensions in an effect behind a
// loading screen; the playground does it before its one render, which ends in the same page.)
import './externals.js';

import { render } from 'react-dom';
import type { RouteObject } from 'react-router-dom';

import { App } from './app.js';
import { importExtensions } from './extensions.js';
import { isLang, type Lang, type PageGlobals } from './globals.js';
import { initI18n, type Locales } from './i18n.js';
import { HOST_LOCALES } from './locales.js';
import { isVisible, registerMenus, type NavTrees } from './menus.js';

declare global {
  interface Window {
    globals: PageGlobals;
  }
}

/** The console's language choice: the user's, else the browser's (getBrowserLang), else the default. */
function userLang(globals: PageGlobals): Lang {
  if (isLang(globals.user.lang)) return globals.user.lang;
  const browser = navigator.language.toLowerCase();
  if (browser.includes('zh')) return 'zh';
  if (browser.includes('en')) return 'en';
  return globals.config.defaultLang;
}

async function boot(): Promise<void> {
  const globals = window.globals;
  const lang = userLang(globals);
  const extensions = await importExtensions(globals.installedExtensions);
  const routes: RouteObject[] = [];
  const trees: NavTrees = new Map();
  const locales: Locales = {};
  for (const extension of extensions) {
    for (const [language, texts] of Object.entries(extension.locales))
      locales[language] = { ...locales[language], ...texts };
    registerMenus(trees, extension.menus);
    // Context.registerRoutes inserts each route first.
    routes.unshift(...[...extension.routes].reverse());
  }
  await initI18n(lang, HOST_LOCALES, locales);
  const navs = (trees.get('global') ?? []).filter((menu) => isVisible(menu, globals));
  render(
    <App routes={routes} navs={navs} lang={lang} username={globals.user.username} />,
    document.getElementById('root'),
  );
}

boot().catch((error: unknown) => {
  console.error('[playground]', error);
  const root = document.getElementById('root');
  if (root)
    root.textContent = `The playground could not start: ${error instanceof Error ? error.message : String(error)}`;
});
