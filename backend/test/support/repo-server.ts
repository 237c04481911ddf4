// A static Helm repository on 127.0.0.1, with the access rules a private or signed-URL host has.
import type http from 'node:http';

import { type SeenRequest, type ServerTls, startServer, staticHandler } from './servers.js';

export interface RepoServerOptions {
  /** Require basic auth with these credentials. */
  basicAuth?: { username: string; password: string };
  /** Answer 403 to any request whose query string is not exactly this (a signed-URL host). */
  requireQuery?: string;
  /** Serve https with this key and certificate (and a client CA to demand client certificates). */
  tls?: ServerTls;
}

export interface RepoServer {
  url: string;
  dir: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

function allowed(req: http.IncomingMessage, options: RepoServerOptions): number | undefined {
  if (options.basicAuth) {
    const { username, password } = options.basicAuth;
    if (req.headers.authorization !== `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`)
      return 401;
  }
  if (options.requireQuery !== undefined) {
    const query = new URL(req.url ?? '/', 'http://x').search.replace(/^\?/, '');
    if (query !== options.requireQuery) return 403;
  }
  return undefined;
}

export async function startRepoServer(dir: string, options: RepoServerOptions = {}): Promise<RepoServer> {
  const serveFile = staticHandler(dir);
  const server = await startServer((req, res, self) => {
    const refused = allowed(req, options);
    if (refused === undefined) {
      serveFile(req, res, self);
      return;
    }
    res
      .writeHead(refused, refused === 401 ? { 'WWW-Authenticate': 'Basic realm="charts"' } : {})
      .end('refused');
  }, options.tls);
  return { url: server.origin, dir, requests: server.requests, close: () => server.close() };
}
