// The console's shared modules, registered with SystemJS under the ids its import map points at.
// As in kubesphere/console: server/configs/systemImports.js maps `react` to `core:react` (and so
// on), and packages/bootstrap/webpack/systemjs-imports-loader.js appends to the console's entry
// `System.set("core:react", { default: require("react"), ...require("react") })` for react and
// `System.set("core:<name>", require("<name>"))` for the others. The objects below are what
// webpack's require() gives there: a CommonJS module's exports (react-dom has no `default`), an
// ES module's namespace.
import React from 'react';
import ReactDOM from 'react-dom';
import * as ReactRouterDOM from 'react-router-dom';
import * as ReactQuery from 'react-query';
import * as StyledComponents from 'styled-components';
import * as KubedComponents from '@kubed/components';
import * as KubedIcons from '@kubed/icons';
import * as KubedHooks from '@kubed/hooks';

import { SHARED_MODULE_NAMES, systemId } from './shared-names.js';

/** Module name -> what `System.import(name)` resolves to. */
export const SHARED_MODULES: Readonly<Record<string, object>> = {
  react: { default: React, ...React },
  'react-dom': { ...ReactDOM },
  'react-router-dom': ReactRouterDOM,
  'react-query': ReactQuery,
  'styled-components': StyledComponents,
  '@kubed/components': KubedComponents,
  '@kubed/icons': KubedIcons,
  '@kubed/hooks': KubedHooks,
};

for (const name of SHARED_MODULE_NAMES) {
  const module = SHARED_MODULES[name];
  if (module === undefined) throw new Error(`externals: ${name} is shared but not provided`);
  System.set(systemId(name), module);
}
