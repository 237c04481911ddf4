// The playground's backend is started as the playground starts it (its real entry, its settings)
// and must listen on 127.0.0.1 only: it accepts the published admin token and reaches private
// networks, so it must not be reachable from other machines.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startBackend, type BackendProcess } from '../src/backend.js';

/** Whether a TCP connection to host:port opens. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

let dir: string;
let backend: BackendProcess;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'playground-backend-'));
  backend = await startBackend({
    host: '127.0.0.1',
    // Nothing is asked of KubeSphere, the token file or the bundle until a request needs them.
    kubesphereUrl: 'http://127.0.0.1:9',
    serviceAccountTokenFile: join(dir, 'token'),
    logFile: join(dir, 'backend.log'),
    frontendDistDir: join(dir, 'dist'),
    packageLimitBytes: 1024 * 1024,
  });
}, 60_000);

afterAll(async () => {
  await backend.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the playground's backend", () => {
  it('listens on 127.0.0.1, not on every interface', async () => {
    const port = Number(new URL(backend.url).port);
    const lines = (await readFile(join(dir, 'backend.log'), 'utf8')).split('\n');
    const listening = lines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; address?: string; port?: number })
      .find((entry) => entry.msg === 'listening');
    expect(listening).toMatchObject({ address: '127.0.0.1', port });
    expect(await connects('127.0.0.1', port)).toBe(true);
    // 127.0.0.2 is loopback too: a server on 0.0.0.0 would accept there.
    expect(await connects('127.0.0.2', port)).toBe(false);
  });
});
