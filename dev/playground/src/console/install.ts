// The real KubeSphere console's packages (@ks-console/* 4.1.1 and the kit create-ks-project sets up),
// installed from dev/ks-console's own lockfile into dev/ks-console/node_modules. They stay apart from
// the workspaces: their old peer ranges conflict with ours, and none of it may reach the product.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { CONSOLE_DIR } from '../paths.js';

export const CONSOLE_LOCKFILE = join(CONSOLE_DIR, 'package-lock.json');
/** Written after a complete install: the lockfile's hash it installed. */
const INSTALLED_STAMP = join(CONSOLE_DIR, 'node_modules', '.store-importer-installed');

export async function lockfileHash(): Promise<string> {
  return createHash('sha256')
    .update(await readFile(join(CONSOLE_DIR, 'package.json')))
    .update(await readFile(CONSOLE_LOCKFILE))
    .digest('hex');
}

export async function consoleInstalled(): Promise<boolean> {
  const stamp = await readFile(INSTALLED_STAMP, 'utf8').catch(() => '');
  return stamp.trim() === (await lockfileHash());
}

/** Runs a command in `cwd`, its output appended to `logFile`; fails naming the log. */
export async function runLogged(
  command: string,
  args: readonly string[],
  options: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv; what: string },
): Promise<void> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    log.once('open', () => {
      resolve();
    });
    log.once('error', reject);
  });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.pipe(log, { end: false });
      child.stderr.pipe(log, { end: false });
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0)
      throw new Error(`${options.what} failed (exit ${String(code)}); its output: ${options.logFile}`);
  } finally {
    await new Promise((resolve) => log.end(resolve));
  }
}

const INSTALL_LOCK = join(CONSOLE_DIR, '.install.lock');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `work` while holding dev/ks-console's install lock (several test files may start at once):
 * a file holding the owner's pid, taken over when that process is gone.
 */
async function withInstallLock(work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      const lock = await open(INSTALL_LOCK, 'wx');
      await lock.writeFile(String(process.pid));
      await lock.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(INSTALL_LOCK, 'utf8').catch(() => ''));
      if (Number.isInteger(owner) && owner > 0 && !processAlive(owner))
        await rm(INSTALL_LOCK, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  try {
    await work();
  } finally {
    await rm(INSTALL_LOCK, { force: true });
  }
}

/**
 * `npm ci` in dev/ks-console when its node_modules is missing or was installed from another lockfile.
 * `--force`: the kit's old lint and webpack plugins declare peer ranges npm cannot satisfy together
 * (shared/docs/real-console.md); the lockfile fixes every version regardless.
 */
export async function ensureConsoleInstalled(logDir: string, say: (line: string) => void): Promise<void> {
  if (await consoleInstalled()) return;
  await withInstallLock(async () => {
    // another process may have installed it while this one waited
    if (!(await consoleInstalled())) await install(logDir, say);
  });
}

async function install(logDir: string, say: (line: string) => void): Promise<void> {
  await mkdir(logDir, { recursive: true });
  const logFile = join(logDir, 'ks-console-install.log');
  say(
    `Installing the KubeSphere console's packages (dev/ks-console, about 2 minutes once; log: ${logFile})...`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await runLogged(npm, ['ci', '--force', '--no-audit', '--no-fund'], {
    cwd: CONSOLE_DIR,
    logFile,
    what: 'npm ci in dev/ks-console',
  });
  await writeFile(INSTALLED_STAMP, `${await lockfileHash()}\n`);
}
