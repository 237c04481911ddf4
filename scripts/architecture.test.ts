// The code's seams: no import cycles in any package (madge, reading TypeScript imports, type-only
// ones included). A cycle makes modules that cannot be understood or tested one at a time; the
// engine's boundary (CLI and service import it through its index) is a lint rule in eslint.config.js.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = [
  'backend/src',
  'frontend/src',
  'dev/emulator-kit/src',
  'dev/kubesphere-emulator/src',
  'dev/kube-apiserver-emulator/src',
  'dev/playground/src',
  'scripts',
];

it('has no import cycle in any package', async () => {
  const { stdout } = await run(
    join(root, 'node_modules', '.bin', 'madge'),
    ['--circular', '--json', '--extensions', 'ts,tsx', '--ts-config', 'tsconfig.base.json', ...SOURCES],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  expect(JSON.parse(stdout) as string[][]).toEqual([]);
}, 120_000);
