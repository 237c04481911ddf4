import { fileURLToPath } from 'node:url';
import { defineConfig, esmExternalRequirePlugin } from 'vite';
import { CONSOLE_EXTERNALS } from './build/externals.ts';
import { systemFormat } from './build/system-format.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The console loads dist/index.js as a SystemJS module and shares CONSOLE_EXTERNALS with it.
export default defineConfig({
  root,
  logLevel: 'warn',
  // Lib mode leaves process.env alone; bundled CommonJS (react/jsx-runtime) reads NODE_ENV.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  // Production JSX whatever NODE_ENV says (vitest sets it to 'test'): the console runs production React.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: false } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    target: 'es2020',
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'index.js',
    },
    rolldownOptions: {
      output: { codeSplitting: false },
    },
  },
  // Bundled CommonJS (react/jsx-runtime) require()s react: turn that into an import of the external.
  plugins: [esmExternalRequirePlugin({ external: [...CONSOLE_EXTERNALS] }), systemFormat()],
});
