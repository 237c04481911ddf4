// The HTTP(S) repository client against real servers on 127.0.0.1.
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type LookupFunction, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';

import { CancelledError, InputError, RepoError } from '../../src/engine/errors.js';
import type { Message } from '../../src/engine/messages/index.js';
import {
  type RepoClientOptions,
  type RetryInfo,
  createChartRepository,
} from '../../src/engine/repo/index.js';
import type { ChartVersionRef, RepoSource } from '../../src/engine/repo/types.js';
import { type Handler, type TestServer, makeCertificates, startServer } from '../support/servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler, tls?: { key: string; cert: string }): Promise<TestServer> {
  const server = await startServer(handler, tls);
  servers.push(server);
  return server;
}

/** Fast retries for tests. */
const FAST: RepoClientOptions = { retryBaseDelayMs: 5, retryMaxDelayMs: 20, maxAttempts: 3 };
const PASSWORD = 's3cr3t-pa55';

function indexYaml(urls: Record<string, string>): string {
  const lines = ['apiVersion: v1', 'entries:'];
  for (const [name, url] of Object.entries(urls)) {
    lines.push(`  ${name}:`, `  - name: ${name}`, '    version: 1.0.0', '    urls:', `    - ${url}`);
  }
  return `${lines.join('\n')}\n`;
}

function ref(url: string, digest?: string): ChartVersionRef {
  return {
    name: 'a',
    version: '1.0.0',
    keywords: [],
    maintainers: [],
    annotations: {},
    deprecated: false,
    urls: [url],
    ...(digest === undefined ? {} : { digest }),
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`not an Error: ${String(error)}`);
  }
  throw new Error('expected a failure');
}

describe('HTTP repository: index', () => {
  it('loads index.yaml under the base URL, keeping its query string, like Helm', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/charts/index.yaml?token=t1')
        res.end(indexYaml({ a: 'a-1.0.0.tgz', b: '/b/b-1.0.0.tgz' }));
      else res.writeHead(404).end();
    });
    for (const base of [`${server.origin}/charts?token=t1`, `${server.origin}/charts/?token=t1`]) {
      const index = await createChartRepository({ url: base }).loadIndex();
      expect(index.url).toBe(base.replace('/charts?', '/charts?'));
      expect(index.entries.get('a')?.[0]?.urls).toEqual([`${server.origin}/charts/a-1.0.0.tgz?token=t1`]);
      expect(index.entries.get('b')?.[0]?.urls).toEqual([`${server.origin}/b/b-1.0.0.tgz?token=t1`]);
    }
  });

  it('reads a JSON index and a gzip-encoded one', async () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      entries: { j: [{ name: 'j', version: '2.0.0', urls: ['j.tgz'] }] },
    });
    const server = await serve((req, res) => {
      if (req.url === '/json/index.yaml') res.end(json);
      else if (req.url === '/gz/index.yaml' && req.headers['accept-encoding'] === 'gzip') {
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(indexYaml({ g: 'g.tgz' })));
      } else res.writeHead(404).end();
    });
    expect(
      (await createChartRepository({ url: `${server.origin}/json` }).loadIndex()).entries.get('j')?.[0]
        ?.version,
    ).toBe('2.0.0');
    expect((await createChartRepository({ url: `${server.origin}/gz/` }).loadIndex()).entries.has('g')).toBe(
      true,
    );
  });

  it.each([
    [404, {}, /not found \(404 Not Found\)\. Check the URL: it must be the folder that holds index.yaml/],
    [403, {}, /access denied \(403 Forbidden\)/],
    [401, {}, /authentication required \(401 Unauthorized\)/],
    [401, { username: 'u', password: PASSWORD }, /credentials rejected \(401 Unauthorized\)/],
    [401, { bearerToken: PASSWORD }, /credentials rejected \(401 Unauthorized\)/],
    [418, {}, /unexpected answer 418/],
  ])('answers %i with a clear RepoError, without secrets', async (status, creds, message) => {
    const server = await serve((_req, res) => res.writeHead(status).end('no'));
    const error = await failure(
      createChartRepository({ url: `${server.origin}/r?key=${PASSWORD}`, ...creds }, FAST).loadIndex(),
    );
    expect(error).toBeInstanceOf(RepoError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`${server.origin}/r/index.yaml?key=***`);
    expect(error.message).not.toContain(PASSWORD);
    expect(server.requests).toHaveLength(1);
  });

  it('hints at an HTML page served instead of an index', async () => {
    const server = await serve((_req, res) => res.end('<!doctype html><html><body>hello</body></html>'));
    await expect(createChartRepository({ url: server.origin }).loadIndex()).rejects.toThrow(
      /HTML page: check the repository URL/,
    );
  });

  it.each(['ftp://h/x', 'not a url', '', 'file:///etc'])('refuses the URL %j with InputError', (url) => {
    expect(() => createChartRepository({ url })).toThrow(InputError);
  });
});

describe('HTTP repository: credentials stay on the repository host', () => {
  it('sends basic auth to the repo host only, not to chart URLs elsewhere nor after a redirect elsewhere', async () => {
    const other = await serve((_req, res) => res.end('chart-bytes'));
    const repo = await serve((req, res) => {
      if (req.url === '/index.yaml') {
        res.end(
          indexYaml({ local: 'local-1.0.0.tgz', remote: `${other.origin}/remote-1.0.0.tgz`, hop: 'hop.tgz' }),
        );
      } else if (req.url === '/hop.tgz')
        res.writeHead(302, { location: `${other.origin}/elsewhere.tgz` }).end();
      else if (req.url === '/local-1.0.0.tgz') res.end('local-bytes');
      else res.writeHead(404).end();
    });
    const client = createChartRepository({ url: repo.origin, username: 'user', password: PASSWORD });
    const index = await client.loadIndex();
    const get = (name: string) => {
      const version = index.entries.get(name)?.[0];
      if (!version) throw new Error(name);
      return client.fetchPackage(version);
    };
    expect((await get('local')).bytes.toString()).toBe('local-bytes');
    expect((await get('remote')).bytes.toString()).toBe('chart-bytes');
    expect((await get('hop')).bytes.toString()).toBe('chart-bytes');
    const expected = `Basic ${Buffer.from(`user:${PASSWORD}`).toString('base64')}`;
    expect(repo.requests.map((r) => r.headers.authorization)).toEqual([expected, expected, expected]);
    expect(other.requests.map((r) => r.url)).toEqual(['/remote-1.0.0.tgz', '/elsewhere.tgz']);
    for (const request of other.requests) expect(request.headers.authorization).toBeUndefined();
  });

  it('with passCredentials, sends them to chart URLs elsewhere, never on to a redirect nor over plain http', async () => {
    const certs = makeCertificates();
    if (certs === undefined) return;
    const tls = { key: certs.key, cert: certs.cert };
    const third = await serve((_req, res) => res.end('third-bytes'));
    const other = await serve((req, res) => {
      if (req.url === '/hop.tgz') res.writeHead(302, { location: `${third.origin}/moved.tgz` }).end();
      else res.end('other-bytes');
    }, tls);
    const repo = await serve((_req, res) => {
      res.end(
        indexYaml({
          remote: `${other.origin}/remote-1.0.0.tgz`,
          hop: `${other.origin}/hop.tgz`,
          plain: `${third.origin}/plain.tgz`,
        }),
      );
    }, tls);
    const client = createChartRepository(
      { url: repo.origin, username: 'user', password: PASSWORD, caPem: certs.caPem },
      { passCredentials: true },
    );
    const index = await client.loadIndex();
    for (const name of ['remote', 'hop', 'plain']) {
      const version = index.entries.get(name)?.[0];
      if (!version) throw new Error(name);
      await client.fetchPackage(version);
    }
    const expected = `Basic ${Buffer.from(`user:${PASSWORD}`).toString('base64')}`;
    expect(other.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/remote-1.0.0.tgz', expected],
      ['/hop.tgz', expected],
    ]);
    expect(third.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/moved.tgz', undefined],
      ['/plain.tgz', undefined],
    ]);
  });

  it('takes credentials from the URL user info, and never shows them', async () => {
    const repo = await serve((_req, res) => res.end(indexYaml({ a: 'a.tgz' })));
    const index = await createChartRepository({
      url: `http://me:${PASSWORD}@127.0.0.1:${repo.port}/`,
    }).loadIndex();
    expect(repo.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`me:${PASSWORD}`).toString('base64')}`,
    );
    expect(index.url).toBe(`${repo.origin}/`);
    expect(JSON.stringify([...index.entries])).not.toContain(PASSWORD);
  });

  it('sends a bearer token only to the same scheme, host and port', async () => {
    const sameHostOtherPort = await serve((_req, res) => res.end('x'));
    const repo = await serve((req, res) => {
      res.writeHead(307, { location: `${sameHostOtherPort.origin}${req.url ?? '/'}` }).end();
    });
    await createChartRepository({ url: repo.origin, bearerToken: PASSWORD }).fetchPackage(
      ref(`${repo.origin}/a.tgz`),
    );
    expect(repo.requests[0]?.headers.authorization).toBe(`Bearer ${PASSWORD}`);
    expect(sameHostOtherPort.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('HTTP repository: redirects and seams', () => {
  it('follows redirects, calling checkUrl before every request and every hop', async () => {
    const target = await serve((_req, res) => res.end(indexYaml({ a: 'a.tgz' })));
    const repo = await serve((req, res) => {
      if (req.url === '/index.yaml') res.writeHead(301, { location: '/moved/index.yaml' }).end();
      else res.writeHead(302, { location: `${target.origin}/final/index.yaml` }).end();
    });
    const checked: string[] = [];
    const index = await createChartRepository(
      { url: repo.origin },
      { checkUrl: (url) => void checked.push(url.href) },
    ).loadIndex();
    expect(index.entries.get('a')?.[0]?.urls).toEqual([`${repo.origin}/a.tgz`]);
    expect(checked).toEqual([
      `${repo.origin}/index.yaml`,
      `${repo.origin}/moved/index.yaml`,
      `${target.origin}/final/index.yaml`,
    ]);
  });

  it('passes on the error of checkUrl unchanged, without retrying, also on a redirect hop', async () => {
    const repo = await serve((_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end(),
    );
    const blocked = new InputError('blocked address');
    const checkUrl = async (url: URL) => {
      await Promise.resolve();
      if (url.hostname === '169.254.169.254') throw blocked;
    };
    await expect(createChartRepository({ url: repo.origin }, { ...FAST, checkUrl }).loadIndex()).rejects.toBe(
      blocked,
    );
    expect(repo.requests).toHaveLength(1);
  });

  it('stops after maxRedirects', async () => {
    const repo = await serve((req, res) => res.writeHead(302, { location: `${req.url ?? ''}x` }).end());
    await expect(
      createChartRepository({ url: repo.origin }, { maxRedirects: 3 }).loadIndex(),
    ).rejects.toThrow(/more than 3 redirects/);
    expect(repo.requests).toHaveLength(4);
  });

  it('connects through the custom lookup', async () => {
    const repo = await serve((_req, res) => res.end(indexYaml({ a: 'a.tgz' })));
    const looked: string[] = [];
    const lookup: LookupFunction = (hostname, options, callback) => {
      looked.push(hostname);
      if (options.all === true) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    };
    const index = await createChartRepository(
      { url: `http://charts.test:${repo.port}/` },
      { lookup },
    ).loadIndex();
    expect(index.entries.size).toBe(1);
    expect(looked).toContain('charts.test');
    expect(repo.requests[0]?.headers.host).toBe(`charts.test:${repo.port}`);
  });
});

describe('HTTP repository: retries', () => {
  it('retries 5xx and succeeds, reporting each retry', async () => {
    let calls = 0;
    const repo = await serve((_req, res) => {
      calls++;
      if (calls < 3) res.writeHead(503).end('busy');
      else res.end(indexYaml({ a: 'a.tgz' }));
    });
    const retries: RetryInfo[] = [];
    await createChartRepository(
      { url: repo.origin },
      { ...FAST, onRetry: (i) => retries.push(i) },
    ).loadIndex();
    expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
      [1, 'HTTP 503'],
      [2, 'HTTP 503'],
    ]);
    expect(retries[0]?.url).toBe(`${repo.origin}/index.yaml`);
  });

  it('honours Retry-After (seconds) on 429', async () => {
    let calls = 0;
    const repo = await serve((_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.end(indexYaml({ a: 'a.tgz' }));
    });
    const started = Date.now();
    const retries: RetryInfo[] = [];
    await createChartRepository(
      { url: repo.origin },
      { ...FAST, onRetry: (i) => retries.push(i) },
    ).loadIndex();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(retries[0]?.delayMs).toBe(1000);
  });

  it('honours Retry-After as an HTTP date, capped by maxRetryAfterMs', async () => {
    let calls = 0;
    const repo = await serve((_req, res) => {
      calls++;
      if (calls === 1)
        res.writeHead(503, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }).end();
      else res.end(indexYaml({ a: 'a.tgz' }));
    });
    const retries: RetryInfo[] = [];
    await createChartRepository(
      { url: repo.origin },
      { ...FAST, maxRetryAfterMs: 50, onRetry: (i) => retries.push(i) },
    ).loadIndex();
    expect(retries[0]?.delayMs).toBe(50);
  });

  it('gives up after maxAttempts with the last status', async () => {
    const repo = await serve((_req, res) => res.writeHead(502).end());
    await expect(createChartRepository({ url: repo.origin }, FAST).loadIndex()).rejects.toThrow(
      /the server failed \(502 Bad Gateway\) after 3 attempts\. Try again later/,
    );
    expect(repo.requests).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 410])('does not retry %i', async (status) => {
    const repo = await serve((_req, res) => res.writeHead(status).end());
    await expect(createChartRepository({ url: repo.origin }, FAST).loadIndex()).rejects.toThrow(RepoError);
    expect(repo.requests).toHaveLength(1);
  });

  it('retries 408', async () => {
    const repo = await serve((_req, res) => res.writeHead(408).end());
    await expect(createChartRepository({ url: repo.origin }, FAST).loadIndex()).rejects.toThrow(RepoError);
    expect(repo.requests).toHaveLength(3);
  });

  it('retries after a connection reset', async () => {
    let calls = 0;
    const repo = await serve((req, res) => {
      calls++;
      if (calls === 1) req.socket.destroy();
      else res.end(indexYaml({ a: 'a.tgz' }));
    });
    const retries: RetryInfo[] = [];
    await createChartRepository(
      { url: repo.origin },
      { ...FAST, onRetry: (i) => retries.push(i) },
    ).loadIndex();
    expect(retries).toHaveLength(1);
    expect(retries[0]?.reason).toMatch(/ECONNRESET/);
  });

  it('retries a truncated download, then fails naming it', async () => {
    const repo = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('apiVersion: v1\n');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = await failure(createChartRepository({ url: repo.origin }, FAST).loadIndex());
    expect(error).toBeInstanceOf(RepoError);
    expect(error.message).toMatch(/connection closed before the whole body arrived after 3 attempts/);
    expect(repo.requests).toHaveLength(3);
  });

  it('reports a refused connection', async () => {
    const repo = await serve((_req, res) => res.end());
    const url = repo.origin;
    await repo.close();
    servers.pop();
    await expect(createChartRepository({ url }, FAST).loadIndex()).rejects.toThrow(
      /connection refused by 127\.0\.0\.1:\d+ after 3 attempts\. Check the URL/,
    );
  });
});

describe('HTTP repository: size caps, timeouts, cancellation', () => {
  it('refuses an index early on Content-Length', async () => {
    const repo = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(500 * 1024 * 1024) });
      res.write('apiVersion: v1\n');
    });
    await expect(createChartRepository({ url: repo.origin }).loadIndex()).rejects.toThrow(
      /it is 500\.0 MiB, over the limit of 64\.0 MiB/,
    );
  });

  it('refuses a 500 MB streamed index without buffering it', async () => {
    let written = 0;
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const repo = await serve((_req, res) => {
      const pump = () => {
        while (written < 500 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const before = process.memoryUsage().rss;
    const started = Date.now();
    await expect(createChartRepository({ url: repo.origin }).loadIndex()).rejects.toThrow(
      /larger than the limit of 64\.0 MiB/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(written).toBeLessThan(200 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('caps the decompressed size of a gzip index (zip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, ' '));
    const repo = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    await expect(
      createChartRepository({ url: repo.origin }, { maxIndexBytes: 1024 * 1024 }).loadIndex(),
    ).rejects.toThrow(/larger than the limit of 1\.0 MiB/);
  });

  it('refuses a package over maxPackageBytes', async () => {
    const repo = await serve((_req, res) => res.end(Buffer.alloc(2048)));
    await expect(
      createChartRepository({ url: repo.origin }, { maxPackageBytes: 1024 }).fetchPackage(
        ref(`${repo.origin}/a.tgz`),
      ),
    ).rejects.toThrow(/Refused the chart a 1\.0\.0 from .*: it is 2048 bytes, over the limit of 1024 bytes/);
  });

  it('times out a server that does not answer', async () => {
    const repo = await serve(() => undefined);
    await expect(
      createChartRepository({ url: repo.origin }, { timeoutMs: 200, maxAttempts: 1 }).loadIndex(),
    ).rejects.toThrow(/no answer within 0\.2 s/);
  });

  it('times out a connection that does not open', async () => {
    const lookup: LookupFunction = () => undefined; // never answers, like a black-holed address
    await expect(
      createChartRepository(
        { url: 'http://blackhole.test/' },
        { lookup, connectTimeoutMs: 200, maxAttempts: 2, retryBaseDelayMs: 1 },
      ).loadIndex(),
    ).rejects.toThrow(/could not connect within 0\.2 s after 2 attempts/);
  });

  it('stops with CancelledError when aborted during a request or a retry wait', async () => {
    const slow = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 50);
    await expect(
      createChartRepository({ url: slow.origin }).loadIndex(controller.signal),
    ).rejects.toBeInstanceOf(CancelledError);

    const limited = await serve((_req, res) => res.writeHead(429, { 'retry-after': '30' }).end());
    const second = new AbortController();
    setTimeout(() => {
      second.abort();
    }, 100);
    const started = Date.now();
    await expect(
      createChartRepository({ url: limited.origin }).loadIndex(second.signal),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(
      createChartRepository({ url: limited.origin }).loadIndex(AbortSignal.abort()),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('HTTP repository: packages', () => {
  it('verifies the sha256 digest: a mismatch is a warning, not an error', async () => {
    const bytes = Buffer.from('package');
    const good = createHash('sha256').update(bytes).digest('hex');
    const repo = await serve((_req, res) => res.end(bytes));
    const warnings: Message[] = [];
    const client = createChartRepository({ url: repo.origin }, { onWarning: (w) => warnings.push(w) });
    const ok = await client.fetchPackage(ref(`${repo.origin}/a.tgz`, `sha256:${good.toUpperCase()}`));
    expect(ok.digestWarning).toBeUndefined();
    const stale = await client.fetchPackage(ref(`${repo.origin}/a.tgz`, 'f'.repeat(64)));
    expect(stale.bytes.equals(bytes)).toBe(true);
    expect(stale.digestWarning).toEqual({
      code: 'digest-mismatch-index',
      params: {
        chart: 'a',
        version: '1.0.0',
        expected: 'f'.repeat(64),
        actual: createHash('sha256').update(bytes).digest('hex'),
      },
      message: expect.stringMatching(
        /^Chart a 1\.0\.0: the index digest f{64} does not match the downloaded package \(sha256 [0-9a-f]{64}\); the index may be stale\.$/,
      ) as string,
    });
    expect(warnings).toEqual([stale.digestWarning]);
  });

  it('names the chart and the URL when a package is missing', async () => {
    const repo = await serve((_req, res) => res.writeHead(404).end());
    await expect(
      createChartRepository({ url: repo.origin }).fetchPackage(ref(`${repo.origin}/a.tgz?sig=zz`)),
    ).rejects.toThrow(
      `Cannot fetch the chart a 1.0.0 from ${repo.origin}/a.tgz?sig=***: not found (404 Not Found). The index may list a package that is gone.`,
    );
  });

  it("fails a version whose index URL is no OCI chart reference as the repository's problem", async () => {
    const repo = await serve((_req, res) => res.writeHead(404).end());
    const error = await failure(
      createChartRepository({ url: repo.origin }).fetchPackage(ref('oci://registry')),
    );
    expect(error).toBeInstanceOf(RepoError);
    expect(error.message).toBe(
      '"oci://registry" is not an OCI chart reference; expected oci://registry[:port]/path/chart.',
    );
    expect((error as RepoError).detail).toMatchObject({
      code: 'chart-download-url-invalid',
      params: { chart: 'a', version: '1.0.0', url: 'oci://registry', problem: error.message },
    });
    expect(repo.requests).toHaveLength(0);
  });
});

describe('HTTPS repository', () => {
  const certs = makeCertificates();
  it.skipIf(!certs)(
    'needs the CA (caPem) or insecureSkipTLSVerify for a private CA (skipped: no openssl CLI)',
    async () => {
      if (!certs) return;
      const repo = await serve((_req, res) => res.end(indexYaml({ a: 'a.tgz' })), certs);
      const source: RepoSource = { url: `${repo.origin}/` };
      const error = await failure(createChartRepository(source, FAST).loadIndex());
      expect(error.message).toMatch(
        /TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(\w+\)\. Give the CA certificate/,
      );
      expect((await createChartRepository({ ...source, caPem: certs.caPem }).loadIndex()).entries.size).toBe(
        1,
      );
      expect(
        (await createChartRepository({ ...source, insecureSkipTLSVerify: true }).loadIndex()).entries.size,
      ).toBe(1);
    },
  );

  it('refuses an invalid caPem with InputError', () => {
    expect(() => createChartRepository({ url: 'https://h/', caPem: 'not a pem' })).toThrow(InputError);
  });
});

describe('icons', () => {
  /** A host that accepts connections and never answers: what an air-gapped proxy or firewall may do. */
  async function silentHost(): Promise<{
    origin: string;
    connections: () => number;
    close: () => Promise<void>;
  }> {
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      origin: `http://127.0.0.1:${port}`,
      connections: () => sockets.length,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => {
            resolve();
          });
        }),
    };
  }

  it('asks a host that never answers once, in one attempt, and skips its other icons with the same failure', async () => {
    const [first, second] = [await silentHost(), await silentHost()];
    try {
      // maxAttempts 3 for the repository: icons still make one attempt.
      const repo = createChartRepository({ url: 'https://charts.example.com/' }, { ...FAST, timeoutMs: 200 });
      const errors: Error[] = [];
      for (const url of [
        `${first.origin}/a.png`,
        `${first.origin}/b.png`,
        `${second.origin}/c.png`,
        `${first.origin}/d.png`,
      ])
        errors.push(await failure(repo.fetchIcon?.(new URL(url), 1024) ?? Promise.resolve()));
      expect(first.connections()).toBe(1);
      expect(second.connections()).toBe(1);
      expect(errors.every((error) => error instanceof RepoError)).toBe(true);
      expect(errors[0]?.message).toMatch(/the icon from http:\/\/127\.0\.0\.1:\d+\/a\.png/);
      expect(errors[1]).toBe(errors[0]);
      expect(errors[3]).toBe(errors[0]);
      expect(errors[2]).not.toBe(errors[0]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  const certs = makeCertificates();
  it.skipIf(!certs)(
    "trusts another origin's icon by default TLS only, not the repository's insecureSkipTLSVerify (skipped: no openssl CLI)",
    async () => {
      if (!certs) return;
      const png = Buffer.from('89504e470d0a1a0a', 'hex');
      const answer: Handler = (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      const repoServer = await serve(answer, certs);
      const other = await serve(answer, certs);
      const repo = createChartRepository({ url: `${repoServer.origin}/`, insecureSkipTLSVerify: true }, FAST);
      expect((await repo.fetchIcon?.(new URL(`${repoServer.origin}/icon.png`), 1024))?.bytes).toEqual(png);
      const error = await failure(
        repo.fetchIcon?.(new URL(`${other.origin}/icon.png`), 1024) ?? Promise.resolve(),
      );
      expect(error).toBeInstanceOf(RepoError);
      expect(error.message).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
      expect(other.requests).toEqual([]);
    },
  );
});
