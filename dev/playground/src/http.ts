// Small HTTP helpers the playground's servers share: files, plain answers, listening and closing.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.tgz': 'application/gzip',
};

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Serves `relative` from inside `root` (GET and HEAD, with Content-Length): 404 for anything
 * missing or outside `root`, 405 for other methods.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  relative: string,
  headers: Record<string, string> = {},
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'method not allowed\n');
    return;
  }
  const base = resolve(root);
  const path = resolve(base, `.${sep}${relative}`);
  const info = path.startsWith(base + sep) ? await stat(path).catch(() => undefined) : undefined;
  if (!info?.isFile()) {
    send(res, 404, 'not found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    ...headers,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(path), res);
}

/**
 * `port` on `host` if it is free right now (0: any free port), else undefined: for a child process
 * that takes its port from its settings and cannot report one it chose.
 */
export async function probePort(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => {
      resolvePort(undefined);
    });
    probe.listen(port, host, () => {
      const address = probe.address();
      probe.close(() => {
        resolvePort(typeof address === 'object' && address ? address.port : undefined);
      });
    });
  });
}

/** Listens on host:port (0 = any free port); the server's base URL. */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shown}:${address.port}`;
}

/** Closes the server and every connection it still has (open event streams included). */
export async function close(server: Server): Promise<void> {
  await new Promise<void>((resolvePromise) => {
    server.close(() => {
      resolvePromise();
    });
    server.closeAllConnections();
  });
}
