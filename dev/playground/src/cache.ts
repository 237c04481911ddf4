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
 * in its own temporary folder and the first rename wins. The two newest older builds are kept.
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
  await pruneOlder(options.cacheDir, options.prefix, target);
  return target;
}

/** Older builds kept besides the newest: a playground still running may be serving one of them. */
const KEPT_OLDER = 2;

async function pruneOlder(cacheDir: string, prefix: string, keep: string): Promise<void> {
  const paths = (await readdir(cacheDir))
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(cacheDir, name))
    .filter((path) => path !== keep);
  // Another process may be removing some of them right now.
  const found = await Promise.all(
    paths.map(async (path) => ({ path, info: await stat(path).catch(() => undefined) })),
  );
  const older = found.flatMap(({ path, info }) => (info ? [{ path, time: info.mtimeMs }] : []));
  older.sort((a, b) => b.time - a.time);
  for (const { path } of older.slice(KEPT_OLDER)) await rm(path, { recursive: true, force: true });
}
