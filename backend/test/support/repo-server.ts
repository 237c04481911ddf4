// Serves a folder as a Helm repository on 127.0.0.1, the way a static chart host does.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

export interface RepoServerOptions {
  /** Require basic auth with these credentials. */
  basicAuth?: { username: string; password: string };
  /** Answer 403 to any request whose query string is not exactly this (a signed-URL host). */
  requireQuery?: string;
  /** Answer 500 to this fraction of package downloads (deterministic: every Nth). */
  failEveryNthPackage?: number;
}

export interface RepoServer {
  url: string;
  dir: string;
  requests: { path: string; query: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function startRepoServer(dir: string, options: RepoServerOptions = {}): Promise<RepoServer> {
  const requests: RepoServer['requests'] = [];
  let packageCount = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    const query = url.search.replace(/^\?/, '');
    requests.push({ path, query, authorization: req.headers.authorization });
    if (options.requireQuery !== undefined && query !== options.requireQuery) {
      res.writeHead(403).end('signature required');
      return;
    }
    if (options.basicAuth) {
      const expected = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="charts"' }).end('unauthorized');
        return;
      }
    }
    if (path.endsWith('.tgz') && options.failEveryNthPackage) {
      packageCount += 1;
      if (packageCount % options.failEveryNthPackage === 0) {
        res.writeHead(500).end('flaky');
        return;
      }
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = path.endsWith('.yaml') ? 'text/yaml' : path.endsWith('.json') ? 'application/json' : 'application/gzip';
        res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Copies a fixture repository to a temp folder and rewrites its absolute chart URLs
 * (https://charts.kubesphere.io/<name>/x.tgz) to relative ones (x.tgz), as many real repos list them.
 */
export async function copyFixtureRepo(fixtureDir: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fixture-repo-'));
  await cp(fixtureDir, dir, { recursive: true });
  const indexPath = join(dir, 'index.yaml');
  const index = await readFile(indexPath, 'utf8');
  await writeFile(indexPath, index.replace(/https:\/\/charts\.kubesphere\.io\/[a-z]+\//g, ''));
  return dir;
}
