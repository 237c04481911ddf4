// Runs the real CLI as a child process, from its TypeScript source.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repoRoot } from './fixtures.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliJsonReport {
  repo: string;
  items: { chart: string; version: string; status: string; app: string; reason: string }[];
  summary: { created: number; exists: number; failed: number; planned: number };
}

const ENTRY = join(repoRoot, 'backend', 'src', 'cli', 'entry.ts');

/** `--server`, `--token` (the admin's) and `--repo`: an import from `repoUrl` into `emulator`. */
export function targetArgs(emulator: { url: string; adminToken: string }, repoUrl: string): string[] {
  return ['--server', emulator.url, '--token', emulator.adminToken, '--repo', repoUrl];
}

/**
 * The CLI as a child process. Each run gets a fresh, empty run-record folder
 * (STORE_IMPORTER_CACHE_DIR), so that every re-run is a full one, as the idempotency tests mean;
 * a test of unchanged re-runs passes a folder of its own in `env`.
 */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onStderr?: (chunk: string, kill: () => void) => void } = {},
): Promise<CliResult> & { pid?: number } {
  let pid: number | undefined;
  const freshCache =
    options.env?.STORE_IMPORTER_CACHE_DIR === undefined
      ? mkdtempSync(join(tmpdir(), 'store-importer-cache-'))
      : undefined;
  const result: Promise<CliResult> & { pid?: number } = new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        ...(freshCache === undefined ? {} : { STORE_IMPORTER_CACHE_DIR: freshCache }),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pid = child.pid;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, () => {
        child.kill('SIGKILL');
      });
    });
    const removeCache = (): void => {
      if (freshCache !== undefined) rmSync(freshCache, { recursive: true, force: true });
    };
    child.on('error', (error) => {
      removeCache();
      reject(error);
    });
    child.on('close', (code, signal) => {
      removeCache();
      resolve({ code, signal, stdout, stderr });
    });
  });
  result.pid = pid;
  return result;
}

/** Arguments importing every version of `repo` into `emulator` as its admin, with --json, then `extra`. */
export function importAllArgs(
  emulator: { url: string; adminToken: string },
  repo: string,
  ...extra: string[]
): string[] {
  return [...targetArgs(emulator, repo), '--versions', 'all', '--json', ...extra];
}

export function parseReport(result: CliResult): CliJsonReport {
  try {
    return JSON.parse(result.stdout) as CliJsonReport;
  } catch {
    throw new Error(
      `CLI printed no JSON report (exit ${String(result.code)}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}
