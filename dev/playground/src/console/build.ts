// The console's production build (`ksc build:prod` of @ks-console/bootstrap, as create-ks-project's
// kit runs it), cached in .cache/playground/console-<hash> by what it is built from: the lockfile and
// the build's configuration. A cold build takes a few minutes and ~4 GB of memory; a warm start none.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { cachedDir } from '../cache.js';
import { CACHE_DIR, CONSOLE_DIR } from '../paths.js';
import { ensureConsoleInstalled, lockfileHash, runLogged } from './install.js';

/** What the build reads from dev/ks-console besides node_modules. */
const BUILD_INPUTS = ['configs/webpack.config.js', 'tsconfig.json', 'types/globals.d.ts'];
/** What ksc finds in its working folder: links to dev/ks-console. */
const LINKED = ['node_modules', 'configs', 'tsconfig.json', 'types'];

async function buildHash(): Promise<string> {
  const hash = createHash('sha256').update(await lockfileHash());
  for (const file of BUILD_INPUTS) hash.update(file).update(await readFile(join(CONSOLE_DIR, file)));
  return hash.digest('hex').slice(0, 12);
}

/**
 * ksc works in its current folder (node_modules, configs/, dist/): a folder of links to dev/ks-console,
 * so that builds of two versions never share an output. The console's index.html always loads
 * /dist/dll/<manifest's common.js>; the kit builds no DLL for production, so the DLL is an empty script.
 */
async function build(out: string, logFile: string): Promise<void> {
  for (const name of LINKED) await symlink(join(CONSOLE_DIR, name), join(out, name));
  await runLogged(
    process.execPath,
    [join(CONSOLE_DIR, 'node_modules/@ks-console/bootstrap/cli/index.js'), 'build:prod'],
    {
      cwd: out,
      logFile,
      env: { ...process.env, NODE_ENV: 'production' },
      what: 'the console build (ksc build:prod)',
    },
  );
  for (const name of LINKED) await rm(join(out, name));
  // ksc exits 0 even when webpack reports errors: the manifest tells whether the entry was built.
  const manifest = JSON.parse(
    await readFile(join(out, 'dist/manifest.json'), 'utf8').catch(() => '{}'),
  ) as Record<string, unknown>;
  if (typeof manifest['main.js'] !== 'string' || typeof manifest['vendor.js'] !== 'string')
    throw new Error(`the console build made no main.js and vendor.js; its output: ${logFile}`);
  await mkdir(join(out, 'dist/dll'), { recursive: true });
  await writeFile(join(out, 'dist/dll/manifest.json'), '{"common.js":"common.js"}\n');
  await writeFile(join(out, 'dist/dll/common.js'), '');
}

/** The folder holding the built console's `dist/`, built first when missing. */
export async function ensureConsoleBuild(logDir: string, say: (line: string) => void): Promise<string> {
  const logFile = join(logDir, 'ks-console-build.log');
  return cachedDir({
    cacheDir: CACHE_DIR,
    prefix: 'console-',
    hash: await buildHash(),
    marker: 'dist/manifest.json',
    build: async (out) => {
      await mkdir(logDir, { recursive: true });
      say(`Building the KubeSphere console (ksc build:prod, a few minutes once; log: ${logFile})...`);
      await build(out, logFile);
    },
  });
}

/** The console's packages installed and its build made, when missing: the build's folder. */
export async function ensureConsole(logDir: string, say: (line: string) => void): Promise<string> {
  await ensureConsoleInstalled(logDir, say);
  return ensureConsoleBuild(logDir, say);
}
