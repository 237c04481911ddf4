// The built bundle under a bare host: SystemJS, the import map and the console's shared modules
// (the playground's externals.js), a trivial t() declared here, and nothing else: no i18n, no
// frame, no code of the extension's from the host. The bundle must load, export
// { routes, menus, locales }, render its route, and every request the page makes must be one of
// the host's own files or the extension's API: nothing else leaks in.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  buildFrontendBundle,
  close,
  ensureHostBuild,
  HOST_ASSETS,
  importMap,
  importMapScript,
  listen,
  send,
  serveAssets,
  SHARED_MODULE_NAMES,
} from '@store-importer/playground';
import { CONSOLE_EXTERNALS } from '../../build/externals';
import { openBrowser, requireChromium, type BrowserSession } from './support/browser';

const ROUTE = '/apps-manage/store-importer';
const BUNDLE = '/dist/store-importer/index.js';
const API = '/kapis/storeimporter.kubesphere.io/v1alpha1/';

/**
 * The page: what the console's index.html has minus the console. Rendering uses only the shared
 * modules, with the providers the console puts around every route (react-query, router, kube-design).
 */
const PAGE = `<!doctype html>
<html>
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /></head>
  <body>
    <div id="root"></div>
    ${importMapScript()}
    <script>
      window.translated = [];
      window.t = (key) => (window.translated.push(key), key);
    </script>
    <script src="${HOST_ASSETS.systemjs}"></script>
    <script type="module">
      import '${HOST_ASSETS.externals}';
      const [React, ReactDOM, Router, Query, Kubed] = await Promise.all(
        ['react', 'react-dom', 'react-router-dom', 'react-query', '@kubed/components'].map((name) => System.import(name)),
      );
      const { default: extension } = await System.import('${BUNDLE}');
      window.extension = {
        keys: Object.keys(extension).sort(),
        routes: extension.routes.map((route) => route.path),
        menus: extension.menus,
        locales: extension.locales,
      };
      const h = React.createElement;
      const Routes = () => Router.useRoutes(extension.routes);
      ReactDOM.render(
        h(Query.QueryClientProvider, { client: new Query.QueryClient() },
          h(Router.BrowserRouter, null, h(Kubed.KubedConfigProvider, { themeType: 'light', locale: 'en' }, h(Kubed.CssBaseline), h(Routes)))),
        document.getElementById('root'),
      );
      window.rendered = true;
    </script>
  </body>
</html>`;

interface Extension {
  keys: string[];
  routes: string[];
  menus: { title: string; ksModule?: string }[];
  locales: Record<string, Record<string, string>>;
}

let work: string;
let server: Server;
let origin: string;
let browser: BrowserSession;
const served: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'host-e2e-'));
  const [frontendDistDir, hostBuildDir] = await Promise.all([
    buildFrontendBundle(join(work, 'dist')),
    ensureHostBuild(),
  ]);
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    served.push(path);
    if (path === ROUTE) send(res, 200, PAGE, 'text/html; charset=utf-8');
    else if (path.startsWith(API)) send(res, 200, JSON.stringify({ items: [] }), 'application/json');
    else if (!serveAssets(req, res, { frontendDistDir, hostBuildDir }, path)) send(res, 404, 'not found\n');
  });
  origin = await listen(server, 0, '127.0.0.1');
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser.close();
  await close(server);
  await rm(work, { recursive: true, force: true });
});

// A page load can take seconds on a busy 2-core machine.
describe('the bundle under a host with only SystemJS and the externals', { timeout: 60_000 }, () => {
  it('imports the shared modules the bundle is built against, and only those', () => {
    expect([...SHARED_MODULE_NAMES]).toEqual([...CONSOLE_EXTERNALS]);
    expect(Object.keys(importMap().imports)).toEqual([...CONSOLE_EXTERNALS]);
  });

  it('loads with System.import, exports { routes, menus, locales } and renders its route', async () => {
    const { page } = browser;
    await page.goto(`${origin}${ROUTE}`);
    await page.waitForFunction(() => (window as { rendered?: boolean }).rendered === true, null, {
      timeout: 20_000,
    });
    const extension = await page.evaluate(() => (window as unknown as { extension: Extension }).extension);
    expect(extension.keys).toEqual(['locales', 'menus', 'routes']);
    expect(extension.routes).toEqual([ROUTE]);
    expect(extension.menus.map((menu) => menu.ksModule)).toEqual(['openpitrix']);
    expect(Object.keys(extension.locales).sort()).toEqual(['en', 'zh']);

    // The route rendered, through t(), texts the bundle has locales for.
    const en = extension.locales.en ?? {};
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    const translated = await page.evaluate(() => (window as unknown as { translated: string[] }).translated);
    const known = translated.filter((key) => key in en);
    expect(known.length).toBeGreaterThan(0);
    const rootText = (await page.textContent('#root')) ?? '';
    expect(known.some((key) => rootText.includes(key))).toBe(true);
    await browser.screenshot('host-bare');

    expect(browser.consoleErrors).toEqual([]);
    expect(browser.failedRequests).toEqual([]);
    expect(browser.errorResponses).toEqual([]);
  });

  it('made no request but to the host for its own files and the extension API', () => {
    const allowed = (url: URL): boolean =>
      url.pathname === ROUTE ||
      url.pathname === HOST_ASSETS.systemjs ||
      url.pathname === HOST_ASSETS.externals ||
      /^\/playground\/host\/chunks\/[\w-]+\.js$/.test(url.pathname) ||
      url.pathname === BUNDLE ||
      url.pathname.startsWith(API);
    const urls = browser.requests.map((request) => new URL(request.slice(request.indexOf(' ') + 1)));
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => url.origin !== origin || !allowed(url)).map(String)).toEqual([]);
    // One bundle file (no chunks of its own), and the console's frame was never loaded.
    expect(urls.filter((url) => url.pathname.startsWith('/dist/')).map((url) => url.pathname)).toEqual([
      BUNDLE,
    ]);
    expect(served).not.toContain(HOST_ASSETS.console);
  });
});

describe('without chromium', () => {
  it('fails, saying how to install it', () => {
    expect(() => {
      requireChromium('/nonexistent/chromium');
    }).toThrow(/\/nonexistent\/chromium is missing.*bash scripts\/ensure-chromium\.sh/);
  });
});
