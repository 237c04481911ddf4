// The CLI: argv -> EmulatorOptions, and a real start of src/main.ts printing its URL and tokens.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { USAGE, parseArgv } from '../src/main.js';

describe('parseArgv', () => {
  it.each([
    [[], { port: 9090, ossStore: false, openpitrix: true }],
    [
      ['--port', '0', '--oss-store', '--error-rate', '0.1', '--latency-ms', '50'],
      { port: 0, ossStore: true, faults: { errorRate: 0.1, errorStatus: 500, latencyMs: 50 } },
    ],
    [
      ['--no-openpitrix', '--state-file', 'x.json', '--repo', 'main=https://charts.kubesphere.io/main'],
      {
        openpitrix: false,
        stateFile: 'x.json',
        repos: [{ name: 'main', url: 'https://charts.kubesphere.io/main' }],
      },
    ],
    [['--ks-version', 'v4.1.2'], { ksVersion: 'v4.1.2' }],
  ])('%j', (argv, expected) => {
    expect(parseArgv(argv)).toMatchObject(expected);
  });

  it('asks for help with --help or -h', () => {
    expect(parseArgv(['--help'])).toBe('help');
    expect(parseArgv(['-h', '--port', '1'])).toBe('help');
  });

  it('lists every bad value in one error', () => {
    expect(() => parseArgv(['--port', 'x', '--error-rate', 'y', '--ks-version', '4.1'])).toThrow(
      /--port must be a number.*\n.*--error-rate must be a number.*\n.*--ks-version must be one of v4\.1\.1, v4\.1\.2, v4\.1\.3, v4\.2\.0, got "4\.1"/s,
    );
  });
});

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');

/** main.ts run to its end: exit code and output. */
function runMain(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('main.ts', () => {
  it('prints its usage with every option on --help and exits 0', async () => {
    const result = await runMain(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(USAGE);
    for (const option of [
      '--host',
      '--port',
      '--state-file',
      '--ks-version',
      '--oss-store',
      '--no-openpitrix',
    ])
      expect(USAGE).toContain(option);
    for (const option of ['--admin-token', '--viewer-token', '--repo', '--seed-uncategorized'])
      expect(USAGE).toContain(option);
    for (const option of ['--error-rate', '--error-status', '--latency-ms']) expect(USAGE).toContain(option);
  });

  it('says in words that its port is in use, without a stack trace, and exits non-zero', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = await runMain(['--port', String(port), '--host', '127.0.0.1']);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim()).toBe(
        `port ${String(port)} is already in use on 127.0.0.1: choose another with --port`,
      );
      expect(result.stdout).toBe('');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('prints its URL and tokens and serves requests', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes('inspect:')) resolve(buf);
        });
        child.on('exit', (code) => {
          reject(new Error(`exited ${String(code)}: ${buf}`));
        });
      });
      expect(out).toContain('emulator-admin-token');
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';
      const r = await fetch(`${url}/kapis/application.kubesphere.io/v2/apps`, {
        headers: { authorization: 'Bearer emulator-viewer-token' },
      });
      expect(r.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
