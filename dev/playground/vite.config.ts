import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { productionReact } from '../../frontend/build/production-react.js';

const root = fileURLToPath(new URL('.', import.meta.url));

// The host page's scripts: `externals` (the console's shared modules, registered with SystemJS)
// and `console` (the frame, i18n and extension loading), ES modules sharing their chunks, so
// React exists once. The output folder is given on the command line (src/build.ts).
export default defineConfig({
  root,
  logLevel: 'warn',
  ...productionReact,
  build: {
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    target: 'es2020',
    lib: {
      entry: { externals: 'host/externals.ts', console: 'host/console.tsx' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
      // kube-design's dependencies mark modules "use client": meaningless outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
