// The console plugin's bundle (the product, built by its own vite config), which the backend serves
// to KubeSphere at /dist/store-importer/index.js.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { FRONTEND_DIR } from './paths.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const VITE = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

async function vite(cwd: string, args: string[]): Promise<void> {
  try {
    await run(process.execPath, [VITE, 'build', ...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`vite build failed in ${cwd}:\n${stdout}${stderr}`);
  }
}

/**
 * What `npm run build -w frontend` runs (`vite build` with frontend/vite.config.ts), into `outDir`
 * (default frontend/dist): index.js. Tests pass a folder of their own, as frontend/test/bundle.test.ts does.
 */
export async function buildFrontendBundle(outDir = join(FRONTEND_DIR, 'dist')): Promise<string> {
  await vite(FRONTEND_DIR, ['--outDir', outDir, '--emptyOutDir']);
  return outDir;
}
