// The host server: one port for everything the browser loads, as ks-console is.
//   /kapis/...                              -> the KubeSphere emulator, with the user's token, as
//                                              ks-console proxies to ks-apiserver; the emulator
//                                              authorizes /kapis/storeimporter.kubesphere.io/... and
//                                              forwards it to the backend (the APIService)
//   /dist/store-importer/...                -> the built bundle, as ks-apiserver serves the JSBundle
//   /pstatic/dist/store-importer/...        -> the same: ks-console's path for it (proxied to ks-apiserver)
//   /playground/...                         -> the host's own scripts (SystemJS, externals, frame)
//   any other GET                           -> the host page (client-side routes load on reload)
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { Lang, PageGlobals } from '../host/globals.js';
import { isLang } from '../host/globals.js';
import { close, listen, send, sendFile } from './http.js';
import { hostPage } from './host-page.js';
import { proxy, type ProxyTarget } from './proxy.js';
import type { SessionUser } from './users.js';

const require = createRequire(import.meta.url);
/** SystemJS as installed from npm (pinned in package.json), served as is. */
export const SYSTEMJS_DIST = join(dirname(require.resolve('systemjs/package.json')), 'dist');

export const EXTENSION_NAME = 'store-importer';
const BUNDLE_PATHS = [`/dist/${EXTENSION_NAME}/`, `/pstatic/dist/${EXTENSION_NAME}/`];
const NO_CACHE = { 'Cache-Control': 'no-cache' };
const IMMUTABLE = { 'Cache-Control': 'public, max-age=31536000, immutable' };

export interface AssetDirs {
  /** the host's scripts (ensureHostBuild) */
  hostBuildDir: string;
  /** the built console bundle (dist/index.js) */
  frontendDistDir: string;
}

/**
 * Serves the host's and the extension's files; false when the path is none of them. Used by the
 * playground and by the bare host of the browser tests.
 */
export function serveAssets(
  req: IncomingMessage,
  res: ServerResponse,
  dirs: AssetDirs,
  path: string,
): boolean {
  const fail = (): void => {
    res.destroy();
  };
  const bundle = BUNDLE_PATHS.find((prefix) => path.startsWith(prefix));
  if (bundle) {
    sendFile(req, res, dirs.frontendDistDir, path.slice(bundle.length), NO_CACHE).catch(fail);
    return true;
  }
  if (path.startsWith('/playground/systemjs/')) {
    sendFile(req, res, SYSTEMJS_DIST, path.slice('/playground/systemjs/'.length)).catch(fail);
    return true;
  }
  if (path.startsWith('/playground/host/')) {
    const file = path.slice('/playground/host/'.length);
    // Chunks are named by their content hash; the entries keep their names across builds.
    const caching = file.startsWith('chunks/') ? IMMUTABLE : NO_CACHE;
    sendFile(req, res, dirs.hostBuildDir, file, caching).catch(fail);
    return true;
  }
  return false;
}

export interface HostServerOptions extends AssetDirs {
  host: string;
  /** 0 = any free port */
  port: number;
  /** ks-apiserver (the emulator): every /kapis request goes there */
  kubesphere: ProxyTarget;
  /** the language when the page has no `lang` cookie */
  defaultLang: Lang;
  /** the signed-in user as the console knows it (sessionUser): name, platform role, global rules */
  user: SessionUser;
  /** whether the App Store (openpitrix) is installed right now: menus gated on it show */
  openpitrix(): boolean;
}

export interface HostServer {
  url: string;
  /** the port asked for, when it was taken and another was used */
  busyPort?: number;
  close(): Promise<void>;
}

function cookieLang(req: IncomingMessage): Lang | undefined {
  const match = /(?:^|;\s*)lang=([^;]*)/.exec(req.headers.cookie ?? '');
  const value = match?.[1];
  return isLang(value) ? value : undefined;
}

async function pageGlobals(req: IncomingMessage, options: HostServerOptions): Promise<PageGlobals> {
  const bundle = await stat(join(options.frontendDistDir, 'index.js')).catch(() => undefined);
  return {
    config: { defaultLang: options.defaultLang },
    user: { ...options.user, lang: cookieLang(req) ?? options.defaultLang },
    ksConfig: { openpitrix: options.openpitrix() },
    installedExtensions: [
      {
        extensionName: EXTENSION_NAME,
        link: `/dist/${EXTENSION_NAME}/index.js`,
        // a rebuilt bundle gets a new URL, as a new JSBundle resourceVersion would
        resourceVersion: bundle ? `${Math.floor(bundle.mtimeMs)}-${bundle.size}` : 'missing',
      },
    ],
  };
}

function handle(req: IncomingMessage, res: ServerResponse, options: HostServerOptions): void {
  const path = new URL(req.url ?? '/', 'http://host').pathname;
  if (path.startsWith('/kapis/')) {
    proxy(req, res, options.kubesphere);
    return;
  }
  if (serveAssets(req, res, options, path)) return;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 404, 'not found\n');
    return;
  }
  pageGlobals(req, options).then(
    (globals) => {
      send(res, 200, hostPage(globals), 'text/html; charset=utf-8');
    },
    (error: unknown) => {
      send(res, 500, `playground: ${String(error)}\n`);
    },
  );
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const server = createServer((req, res) => {
    handle(req, res, options);
  });
  // Event streams stay open as long as a job runs.
  server.requestTimeout = 0;
  let busyPort: number | undefined;
  let url: string;
  try {
    url = await listen(server, options.port, options.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port === 0) throw error;
    busyPort = options.port;
    url = await listen(server, 0, options.host);
  }
  return { url, ...(busyPort === undefined ? {} : { busyPort }), close: () => close(server) };
}
