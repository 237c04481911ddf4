// The two builds the playground serves: the console plugin's bundle (the product, built by its
// own vite config) and the host page's scripts (cached by a hash of their sources).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { cachedDir } from './cache.js';
import { CACHE_DIR, FRONTEND_DIR, HOST_SRC_DIR, ROOT } from './paths.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const VITE = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const PLAYGROUND_DIR = join(HOST_SRC_DIR, '..');

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

async function hostSourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = [
    ...(await readdir(HOST_SRC_DIR)).sort().map((name) => join(HOST_SRC_DIR, name)),
    join(PLAYGROUND_DIR, 'vite.config.ts'),
    // the shared modules' names
    join(FRONTEND_DIR, 'build', 'externals.ts'),
    // the production React settings both builds share
    join(FRONTEND_DIR, 'build', 'production-react.ts'),
    // the shared modules' versions
    join(ROOT, 'package-lock.json'),
  ];
  for (const file of files) hash.update(file).update(await readFile(file));
  return hash.digest('hex').slice(0, 12);
}

/** The host page's scripts (externals.js, console.js, chunks/), built once per version of their sources. */
export async function ensureHostBuild(cacheDir = CACHE_DIR): Promise<string> {
  return cachedDir({
    cacheDir,
    prefix: 'host-',
    hash: await hostSourcesHash(),
    marker: 'console.js',
    build: (out) =>
      vite(PLAYGROUND_DIR, ['--config', join(PLAYGROUND_DIR, 'vite.config.ts'), '--outDir', out]),
  });
}
