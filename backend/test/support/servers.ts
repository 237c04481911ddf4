// Test servers on 127.0.0.1, port 0: plain handlers, static folders, throwaway TLS certificates
// (made by the emulator kit, shared with the console's tests).
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { afterEach } from 'vitest';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT` (or https), no trailing slash. */
  origin: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, server: TestServer) => void;

/** https options of a test server; `ca` with `requestCert` demands client certificates it issued. */
export interface ServerTls {
  key: string;
  cert: string;
  ca?: string;
  requestCert?: boolean;
  rejectUnauthorized?: boolean;
}

export async function startServer(handler: Handler, tlsOptions?: ServerTls): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const state: { server?: TestServer } = {};
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    if (state.server) handler(req, res, state.server);
  };
  const server = tlsOptions ? https.createServer(tlsOptions, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.server = {
    origin: `${tlsOptions ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
  return state.server;
}

/** `serve` starts a server for the current test; every one is closed after each test. */
export function useServers(): (handler: Handler, tlsOptions?: ServerTls) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (handler, tlsOptions) => {
    const server = await startServer(handler, tlsOptions);
    servers.push(server);
    return server;
  };
}

/** Serves the files of `root` (GET only); 404 for anything else. */
export function staticHandler(root: string): Handler {
  return (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || path.endsWith('/')) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-length': body.length }).end(body);
  };
}

export { makeCertificates, mutualTls, type TestCertificates } from '@store-importer/emulator-kit';

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}
