import { rollup } from 'rollup';
import type { Plugin } from 'vite';
import { isConsoleExternal } from './externals.ts';

const ENTRY = '\0store-importer-chunk';

/**
 * Vite 8 bundles with Rolldown, which has no SystemJS output. This plugin takes each finished ES
 * chunk (already bundled and minified, importing only console externals) and lets Rollup rewrite
 * it as `System.register([...externals], ...)`. Any import that is not a console external fails
 * the build instead of reaching the browser as an unresolvable SystemJS dependency.
 */
export function systemFormat(): Plugin {
  return {
    name: 'store-importer:system-format',
    apply: 'build',
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const code = file.code;
        const build = await rollup({
          input: ENTRY,
          external: (id) => id !== ENTRY && isConsoleExternal(id),
          plugins: [
            {
              name: 'chunk-source',
              resolveId: (id) => (id === ENTRY ? id : null),
              load: (id) => (id === ENTRY ? code : null),
            },
          ],
          onwarn(warning) {
            throw new Error(`system-format: ${warning.message} (in ${file.fileName})`);
          },
          treeshake: false,
        });
        const { output } = await build.generate({ format: 'system', sourcemap: false });
        await build.close();
        const first = output[0];
        file.code = first.code;
        file.map = null;
      }
    },
  };
}
