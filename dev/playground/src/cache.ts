// Build results kept in .cache/playground under a hash of what made them: made once, made again
// only when their sources change.
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export interface CachedDirOptions {
  cacheDir: string;
  /** e.g. `repo-`; older folders with this prefix are removed */
  prefix: string;
  /** hash of the sources */
  hash: string;
  /** a file the finished folder has, relative to it */
  marker: string;
  /** fills the (new, empty) folder */
  build(out: string): Promise<void>;
}

/**
 * `<cacheDir>/<prefix><hash>`, built if missing. Several processes may start at once: each builds
 * in its own temporary folder and the first rename wins.
 */
export async function cachedDir(options: CachedDirOptions): Promise<string> {
  const target = join(options.cacheDir, `${options.prefix}${options.hash}`);
  if (await exists(join(target, options.marker))) return target;
  await mkdir(options.cacheDir, { recursive: true });
  const work = await mkdtemp(join(options.cacheDir, `tmp-${options.prefix}`));
  try {
    const out = join(work, 'out');
    await mkdir(out);
    await options.build(out);
    try {
      await rename(out, target);
    } catch (error) {
      if (!(await exists(join(target, options.marker)))) throw error;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  for (const name of await readdir(options.cacheDir)) {
    const path = join(options.cacheDir, name);
    if (name.startsWith(options.prefix) && path !== target) await rm(path, { recursive: true, force: true });
  }
  return target;
}
