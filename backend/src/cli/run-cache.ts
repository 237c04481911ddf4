// Where the CLI keeps the record of its last complete run, one file per (server, workspace,
// repository, settings), so that a re-run against an unchanged repository costs one app list.
// The file holds digests, app and chart names, versions and states: never a token, password or
// URL. Whatever goes wrong with it (missing, unreadable, corrupt, unwritable) means a full run
// and at most a warning, never a failed run.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { normalizeRepoUrl, parseRunRecord, type RunRecord } from '../engine/index.js';

export interface RunCacheKey {
  server: string;
  workspace: string | undefined;
  repo: string;
  /** settingsDigest of the run's options. */
  settings: string;
}

/** $STORE_IMPORTER_CACHE_DIR, else $XDG_CACHE_HOME/store-importer, else ~/.cache/store-importer. */
export function runCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.STORE_IMPORTER_CACHE_DIR) return env.STORE_IMPORTER_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'store-importer');
  return join(homedir(), '.cache', 'store-importer');
}

export class RunCache {
  readonly path: string;

  constructor(
    key: RunCacheKey,
    env: NodeJS.ProcessEnv,
    private readonly warn: (message: string) => void,
  ) {
    const name = createHash('sha256')
      .update(
        JSON.stringify([
          normalizeRepoUrl(key.server),
          key.workspace ?? '',
          normalizeRepoUrl(key.repo),
          key.settings,
        ]),
      )
      .digest('hex')
      .slice(0, 32);
    this.path = join(runCacheDir(env), `run-${name}.json`);
  }

  /** The record kept, or undefined (none yet, or one that cannot be used: a warning says so). */
  async read(): Promise<RunRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        this.warn(`the run record ${this.path} cannot be read (${code ?? 'error'}): running in full`);
      return undefined;
    }
    let record: RunRecord | undefined;
    try {
      record = parseRunRecord(JSON.parse(text));
    } catch {
      record = undefined;
    }
    if (record === undefined)
      this.warn(`the run record ${this.path} is not valid: running in full; it will be replaced`);
    return record;
  }

  /** Written to a temporary file (0600, folder 0700) and renamed over the old one: never half a file. */
  async write(record: RunRecord): Promise<void> {
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(join(this.path, '..'), { recursive: true, mode: 0o700 });
      await writeFile(temporary, `${JSON.stringify(record)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      this.warn(
        `the run record ${this.path} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}): the next run will be a full one too`,
      );
    }
  }

  /** Forgets the record before a full run: a run that stops half-way is never taken as complete. */
  async forget(): Promise<void> {
    try {
      await rm(this.path, { force: true });
    } catch (error) {
      this.warn(
        `the run record ${this.path} cannot be removed (${(error as NodeJS.ErrnoException).code ?? 'error'}): remove it by hand if this run does not finish`,
      );
    }
  }
}
