// The CLI: argv -> EmulatorOptions, and a real start of src/main.ts printing its URL and tokens.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgv } from '../src/main.js';

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

  it('lists every bad value in one error', () => {
    expect(() => parseArgv(['--port', 'x', '--error-rate', 'y', '--ks-version', '4.1'])).toThrow(
      /--port must be a number.*\n.*--error-rate must be a number.*\n.*--ks-version must be one of v4\.1\.1, v4\.1\.2, v4\.1\.3, v4\.2\.0, got "4\.1"/s,
    );
  });
});

describe('main.ts', () => {
  it('prints its URL and tokens and serves requests', async () => {
    const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0'], {
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
