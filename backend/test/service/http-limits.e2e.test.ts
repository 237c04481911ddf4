// The service's HTTP server against slow, idle, deep and numerous clients: the real server of
// startService (its settings, small timeouts), raw sockets on 127.0.0.1, the KubeSphere emulator.
import http from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { readConfig } from '../../src/service/config.js';
import { createLogger } from '../../src/service/logger.js';
import { startService, type RunningService } from '../../src/service/main.js';
import { MAX_BODY_DEPTH, nestsDeeperThan } from '../../src/service/validation.js';
import { startServer, type TestServer } from '../support/servers.js';
import { apiClient, jobOf } from './support.js';

const API = '/kapis/storeimporter.kubesphere.io/v1alpha1';
const ADMIN = 'emulator-admin-token';

interface Started {
  service: RunningService;
  port: number;
  logs: string[];
}

async function start(emulator: RunningEmulator, env: Record<string, string>): Promise<Started> {
  const logs: string[] = [];
  const config = readConfig({
    STATE_BACKEND: 'memory',
    LISTEN_HOST: '127.0.0.1',
    PORT: '0',
    KS_APISERVER_URL: emulator.url,
    OUTBOUND_ALLOW_CIDRS: '127.0.0.1/32',
    ...env,
  });
  const logger = createLogger('info', {
    write: (line: string) => {
      logs.push(line);
    },
  });
  const service = await startService(config, logger);
  return { service, port: (service.server.address() as AddressInfo).port, logs };
}

interface Exchange {
  /** Everything the server sent before it closed the connection. */
  answer: string;
  /** Milliseconds from connecting to the close. */
  closedAfterMs: number;
}

/** Connects, lets `talk` write, and resolves when the server closes the connection. */
function exchange(port: number, talk: (socket: Socket) => void): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      talk(socket);
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

/** Writes `text` one line every 200 ms until the connection closes. */
function trickle(socket: Socket, lines: string[]): void {
  let next = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return;
    socket.write(lines[next % lines.length] ?? '');
    next += 1;
  }, 200);
  socket.on('close', () => {
    clearInterval(timer);
  });
}

let emulator: RunningEmulator;
/** A repository that accepts connections and never answers: jobs on it keep running. */
let silentRepo: TestServer;

beforeAll(async () => {
  emulator = await startEmulator({
    users: [{ username: 'admin', password: 'P@88w0rd', role: 'platform-admin', tokens: [ADMIN] }],
  });
  silentRepo = await startServer(() => undefined);
}, 60_000);

afterAll(async () => {
  await silentRepo.close();
  await emulator.close();
});

describe('slow clients (HEADERS_TIMEOUT_MS 1 s, REQUEST_RECEIVE_TIMEOUT_MS 2 s)', () => {
  let started: Started;
  beforeAll(async () => {
    started = await start(emulator, { HEADERS_TIMEOUT_MS: '1000', REQUEST_RECEIVE_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await started.service.stop();
  });

  it('answers 408 and closes a connection whose headers trickle in', async () => {
    const result = await exchange(started.port, (socket) => {
      socket.write(`GET ${API}/jobs HTTP/1.1\r\nHost: x\r\n`);
      trickle(socket, ['X-Slow: 1\r\n']);
    });
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    // Generous: the point is that it ends at all (it used to be held without limit).
    expect(result.closedAfterMs).toBeLessThan(15_000);
  });

  it('answers 408 and closes a connection whose body trickles in, without a token too', async () => {
    for (const authorization of ['', `Authorization: Bearer ${ADMIN}\r\n`]) {
      const result = await exchange(started.port, (socket) => {
        socket.write(
          `POST ${API}/previews HTTP/1.1\r\nHost: x\r\n${authorization}Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
        );
        trickle(socket, [' ']);
      });
      // Without a token the 401 comes first; the connection still ends at the timeout.
      expect(result.answer).toMatch(/HTTP\/1\.1 408 Request Timeout\r\nConnection: close\r\n\r\n$/);
      expect(result.closedAfterMs).toBeLessThan(15_000);
    }
  });

  it('closes a connection that never sends a request', async () => {
    const result = await exchange(started.port, () => undefined);
    expect(result.closedAfterMs).toBeLessThan(15_000);
  });

  it('keeps a job event stream open past the request timeouts: they end when the request is in', async () => {
    const api = apiClient(() => `http://127.0.0.1:${String(started.port)}`);
    const created = await api('POST', '/jobs', { body: { source: { url: silentRepo.origin } } });
    expect(created.status, created.text).toBe(202);
    const job = jobOf(created.body);
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          `http://127.0.0.1:${String(started.port)}${API}/jobs/${job.id}/events`,
          { headers: { Authorization: `Bearer ${ADMIN}`, Accept: 'text/event-stream' } },
          resolve,
        )
        .on('error', reject);
    });
    let received = '';
    let ended = false;
    stream.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    stream.on('close', () => {
      ended = true;
    });
    expect(stream.statusCode).toBe(200);
    // Twice the whole-request timeout, plus the server's 1 s check interval.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(ended).toBe(false);
    expect(received).toContain('event: status');
    expect((await api('POST', `/jobs/${job.id}/cancel`)).status).toBe(202);
    await new Promise<void>((resolve) => {
      if (ended) resolve();
      else stream.on('close', resolve);
    });
    expect(received).toContain('"phase":"Cancelled"');
  }, 30_000);
});

describe('deeply nested JSON bodies', () => {
  let started: Started;
  beforeAll(async () => {
    started = await start(emulator, {});
  });
  afterAll(async () => {
    await started.service.stop();
  });

  it.each([
    ['arrays, 10,000 deep', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['objects, 10,000 deep', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    [
      'inside a valid request, 100,000 deep',
      `{"source":{"url":"https://charts.example.com"},"charts":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    ],
  ])('%s: 400 naming the depth limit, on every route that takes a body', async (_name, body) => {
    const api = apiClient(() => `http://127.0.0.1:${String(started.port)}`);
    for (const [method, path] of [
      ['POST', '/previews'],
      ['POST', '/jobs'],
      ['POST', '/syncs'],
      ['PUT', '/syncs/nightly'],
    ] as const) {
      const response = await api(method, path, { body });
      expect(response.status, `${method} ${path}: ${response.text}`).toBe(400);
      expect(response.body).toMatchObject({
        reason: 'BadRequest',
        message: `the request body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep; no request of this API needs that many`,
      });
    }
    expect(started.logs.join('\n')).not.toMatch(/Maximum call stack|"level":50/);
  });

  it('counts levels exactly, whatever the width', () => {
    const nested = (levels: number): unknown => {
      let value: unknown = 'leaf';
      for (let level = 0; level < levels; level += 1) value = level % 2 === 0 ? [value] : { key: value };
      return value;
    };
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan({ wide: Array.from({ length: 100_000 }, (_, i) => ({ i })) }, 3)).toBe(false);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });
});

describe('MAX_CONNECTIONS 3', () => {
  let started: Started;
  beforeAll(async () => {
    started = await start(emulator, { MAX_CONNECTIONS: '3' });
  });
  afterAll(async () => {
    await started.service.stop();
  });

  const openConnections = (): Promise<number> =>
    new Promise((resolve, reject) => {
      started.service.server.getConnections((error, count) => {
        if (error) reject(error);
        else resolve(count);
      });
    });
  const waitForConnections = async (count: number): Promise<void> => {
    const until = Date.now() + 10_000;
    while ((await openConnections()) !== count) {
      if (Date.now() > until) throw new Error(`the server never had ${String(count)} connections`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('closes connections beyond the cap at once, logs it, and serves again when one closes', async () => {
    const held = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(started.port, '127.0.0.1', () => {
              resolve(socket);
            });
            socket.on('error', () => undefined);
          }),
      ),
    );
    await waitForConnections(3);
    const refused = await exchange(started.port, (socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    expect(refused.answer).toBe('');
    expect(started.logs.join('\n')).toMatch(
      /"maxConnections":3.*connections refused: MAX_CONNECTIONS are open/,
    );

    held[0]?.destroy();
    await waitForConnections(2);
    const served = await exchange(started.port, (socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
    expect(served.answer).toMatch(/^HTTP\/1\.1 200 /);
    for (const socket of held) socket.destroy();
  });
});
