// Runs the real CLI as a child process, from its TypeScript source.
import { spawn } from 'node:child_process';
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

export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onStderr?: (chunk: string, kill: () => void) => void } = {},
): Promise<CliResult> & { pid?: number } {
  let pid: number | undefined;
  const result: Promise<CliResult> & { pid?: number } = new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, ...options.env },
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
    child.on('error', reject);
    child.on('close', (code, signal) => {
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
