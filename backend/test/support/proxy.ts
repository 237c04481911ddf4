// A small forward proxy on 127.0.0.1 for the proxy tests: CONNECT tunnels and absolute-form http
// requests, optional basic auth (407 otherwise), and a name table standing in for the proxy's own
// DNS (so that a repository can be named `charts.example.test` and served on 127.0.0.1). It
// records every request line it answered and every byte a client sent it, tunnels included.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxySeen {
  method: string;
  /** The CONNECT authority (`host:port`) or the absolute URL. */
  target: string;
  headers: http.IncomingHttpHeaders;
  /** The proxy's answer: 200 for an open tunnel, 407, 502… */
  status: number;
}

export interface TestProxy {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  seen: ProxySeen[];
  /** Every byte clients sent, tunnels included, as latin1 text (to search for secrets). */
  received(): string;
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Require `Proxy-Authorization: Basic` with these. */
  auth?: { username: string; password: string };
  /** Hosts the proxy refuses with 403 (its access rules). */
  denyHosts?: string[];
  /** Host names the proxy resolves itself (to 127.0.0.1 addresses). */
  hosts?: Record<string, string>;
}

export async function startProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const seen: ProxySeen[] = [];
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const expected =
    options.auth === undefined
      ? undefined
      : `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
  const resolveHost = (host: string) => options.hosts?.[host.toLowerCase()] ?? host;
  const authorized = (req: http.IncomingMessage) =>
    expected === undefined || req.headers['proxy-authorization'] === expected;

  const server = http.createServer((req, res) => {
    const target = req.url ?? '';
    const record = (status: number) =>
      seen.push({ method: req.method ?? 'GET', target, headers: req.headers, status });
    if (!authorized(req)) {
      record(407);
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' }).end('proxy auth');
      return;
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      record(400);
      res.writeHead(400).end('not absolute-form');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(
      {
        host: resolveHost(url.hostname),
        port: url.port === '' ? 80 : Number(url.port),
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
      },
      (answer) => {
        record(answer.statusCode ?? 0);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      record(502);
      if (!res.headersSent) res.writeHead(502).end('bad gateway');
      else res.destroy();
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    const record = (status: number) => seen.push({ method: 'CONNECT', target, headers: req.headers, status });
    if (!authorized(req)) {
      record(407);
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const match = /^(.*):(\d+)$/.exec(target);
    const host = (match?.[1] ?? '').replace(/^\[|\]$/g, '');
    if (options.denyHosts?.includes(host)) {
      record(403);
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect({ host: resolveHost(host), port: Number(match?.[2] ?? 0) });
    upstream.once('connect', () => {
      record(200);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!client.writableEnded && upstream.readyState !== 'open') {
        record(502);
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      } else client.destroy();
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    received: () => Buffer.concat(chunks).toString('latin1'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
