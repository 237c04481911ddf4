import { defineConfig } from 'vitest/config';

// One test runner for every package. Servers under test bind 127.0.0.1 on port 0.
export default defineConfig({
  test: {
    include: [
      'backend/**/*.test.ts',
      'dev/**/*.test.ts',
      'frontend/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['scripts/vitest-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/closing-line-reporter.ts'],
  },
});
