import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, esmExternalRequirePlugin } from 'vite';
import { CONSOLE_EXTERNALS } from './build/externals.ts';
import { productionReact } from './build/production-react.ts';
import { systemFormat } from './build/system-format.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The console loads dist/index.js as a SystemJS module and shares CONSOLE_EXTERNALS with it.
export default defineConfig({
  root,
  logLevel: 'warn',
  ...productionReact,
  // Dependencies' production builds whatever NODE_ENV says (vitest sets "test"): the "development"
  // export of micromark (the README's markdown) would bundle its debug and assertion helpers.
  resolve: {
    conditions: defaultClientConditions.map((c) => (c === 'development|production' ? 'production' : c)),
  },
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
