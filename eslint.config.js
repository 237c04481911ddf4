// One linter for the whole repo: typescript-eslint with type information.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.cache/**',
      'test-artifacts/**',
      '.playground/**',
      'coverage/**',
      'backend/src/contract/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            'backend/bin/*.js',
            'backend/bench/*.mjs',
            'dev/ks-console/*.cjs',
            'dev/ks-console/configs/*.js',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // @kubernetes/client-node's models are plain data classes; its docs build them from literals.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // the real KubeSphere console's build config and server preload (dev/ks-console): CommonJS for Node
    files: ['dev/ks-console/**/*.js', 'dev/ks-console/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine is a library: the CLI and the service use it through its public index only, so
    // that its insides can change without them.
    files: ['backend/src/cli/**/*.ts', 'backend/src/service/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)engine/(?!index\\.js$)',
              message:
                'Import the engine through its public index (engine/index.js); export what is missing there.',
            },
          ],
        },
      ],
    },
  },
  {
    // The console plugin knows the service by its contract only (generated from the OpenAPI
    // document), never by the backend's modules; its pages get the contract through src/api.
    files: ['frontend/src/**/*.{ts,tsx}', 'frontend/test/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@store-importer/backend(?!/contract$)',
              message: 'The frontend imports the API contract only: @store-importer/backend/contract.',
            },
            {
              regex: '^(\\.\\./)+backend/',
              message: 'The frontend imports the API contract only: @store-importer/backend/contract.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
