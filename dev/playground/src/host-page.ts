// The host page, shaped like kubesphere/console server/views/index.html: the SystemJS import map
// (`<script type="systemjs-importmap">`), `window.globals` (JSON, URI-encoded, parsed by the page),
// SystemJS, then the console's own script.
import type { PageGlobals } from '../host/globals.js';
import { SHARED_MODULE_NAMES, systemId } from '../host/shared-names.js';

/** Where the host serves its own files. */
export const HOST_ASSETS = {
  systemjs: '/playground/systemjs/system.min.js',
  externals: '/playground/host/externals.js',
  console: '/playground/host/console.js',
} as const;

/** The console's import map: each shared module's name -> its `core:` id (System.set by the host). */
export function importMap(): { imports: Record<string, string> } {
  return { imports: Object.fromEntries(SHARED_MODULE_NAMES.map((name) => [name, systemId(name)])) };
}

/** The import map as the script tag the console renders. */
export function importMapScript(): string {
  return `<script type="systemjs-importmap">${JSON.stringify(importMap())}</script>`;
}

export function hostPage(globals: PageGlobals): string {
  const encoded = JSON.stringify(encodeURIComponent(JSON.stringify(globals)));
  return `<!doctype html>
<html lang="${globals.user.lang}">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>KubeSphere · Store Importer playground</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="root"></div>
    ${importMapScript()}
    <script>
      window.globals = JSON.parse(decodeURIComponent(${encoded}));
    </script>
    <script src="${HOST_ASSETS.systemjs}"></script>
    <script type="module" src="${HOST_ASSETS.console}"></script>
  </body>
</html>
`;
}
