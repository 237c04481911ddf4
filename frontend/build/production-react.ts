import type { UserConfig } from 'vite';

/**
 * Production React whatever the environment says, for every bundle that runs in the console (ours)
 * or stands in for it (the playground's host): JSX compiled without `development` (vitest sets
 * NODE_ENV=test, which would yield `jsxDEV` calls production React 17 lacks), and NODE_ENV
 * defined, since library mode leaves `process.env` alone and bundled CommonJS
 * (react/jsx-runtime) reads it.
 */
export const productionReact: Pick<UserConfig, 'define' | 'oxc'> = {
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: false } },
};
