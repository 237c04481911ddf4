// The outbound policy through the real repository client, against real HTTP servers on
// 127.0.0.1 (and 127.0.0.2, also loopback on Linux): direct URLs, redirect hops, host names
// refused after DNS resolution, OCI token realms, and error messages without secrets.
import type { LookupAddress, LookupOptions } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import {
  type RepoClientOptions,
  type RetryInfo,
  createChartRepository,
} from '../../src/engine/repo/index.js';
import type { RepoSource } from '../../src/engine/repo/types.js';
import {
  DEFAULT_OUTBOUND_POLICY,
  type OutboundPolicyConfig,
  type OutboundResolver,
  OutboundBlockedError,
  createOutboundPolicy,
  outboundRepoOptions,
} from '../../src/service/outbound/index.js';
import { type Handler, type TestServer, startServer } from '../support/servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** A server on 127.0.0.2 (loopback too on Linux), counting the requests that reach it. */
async function serveOn127002(handler: Handler): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const state: { server?: TestServer } = {};
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    if (state.server) handler(req, res, state.server);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.2', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  state.server = {
    origin: `http://127.0.0.2:${port}`,
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
  servers.push(state.server);
  return state.server;
}

const INDEX = [
  'apiVersion: v1',
  'entries:',
  '  demo:',
  '  - name: demo',
  '    version: 1.0.0',
  '    urls:',
  '    - charts/demo-1.0.0.tgz',
  '',
].join('\n');

const serveIndex: Handler = (req, res) => {
  if (req.url?.split('?')[0] === '/index.yaml')
    res.writeHead(200, { 'content-type': 'text/yaml' }).end(INDEX);
  else res.writeHead(404).end('not found');
};

function redirectTo(location: string): Handler {
  return (_req, res) => {
    res.writeHead(302, { location }).end();
  };
}

/** A resolver answering from a table (the DNS seam); other names go to the system resolver. */
function resolverOf(table: Record<string, string[]>): OutboundResolver {
  return async (hostname: string, options: LookupOptions): Promise<LookupAddress[]> => {
    const addresses = table[hostname];
    if (addresses !== undefined) {
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    }
    const dns = await import('node:dns');
    return dns.promises.lookup(hostname, { ...options, all: true });
  };
}

interface Run {
  retries: RetryInfo[];
  options: RepoClientOptions;
}

function clientOptions(config: Partial<OutboundPolicyConfig>, table: Record<string, string[]> = {}): Run {
  const policy = createOutboundPolicy(
    { ...DEFAULT_OUTBOUND_POLICY, ...config },
    { resolve: resolverOf(table) },
  );
  const retries: RetryInfo[] = [];
  return {
    retries,
    options: {
      ...outboundRepoOptions(policy),
      maxAttempts: 3,
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 20,
      connectTimeoutMs: 2000,
      onRetry: (info) => retries.push(info),
    },
  };
}

async function loadIndex(source: RepoSource | string, run: Run) {
  const repo = createChartRepository(typeof source === 'string' ? { url: source } : source, run.options);
  return repo.loadIndex();
}

async function refusal(promise: Promise<unknown>): Promise<OutboundBlockedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error;
    throw error;
  }
  throw new Error('expected an OutboundBlockedError');
}

const ONLY_127_0_0_1: Partial<OutboundPolicyConfig> = { allowCidrs: ['127.0.0.1/32'] };

describe('direct URLs', () => {
  it('refuses 127.0.0.1 with the default policy, before any request', async () => {
    const server = await serve(serveIndex);
    const run = clientOptions({});
    const error = await refusal(loadIndex(`${server.origin}/`, run));
    expect(error).toMatchObject({ name: 'OutboundBlockedError', category: 'loopback', address: '127.0.0.1' });
    expect(error.message).toContain(`Refused ${server.origin}/index.yaml: repository host "127.0.0.1"`);
    expect(server.requests).toEqual([]);
    expect(run.retries).toEqual([]);
  });

  it('refuses the encodings of 127.0.0.1 that URL parsing turns into it', async () => {
    const server = await serve(serveIndex);
    for (const host of ['0x7f.1', '2130706433', '127.1', '[::ffff:127.0.0.1]']) {
      const error = await refusal(loadIndex(`http://${host}:${server.port}/`, clientOptions({})));
      expect(error.category).toBe('loopback');
    }
    expect(server.requests).toEqual([]);
  });

  it('reads the index when allowCidrs lists 127.0.0.1/32', async () => {
    const server = await serve(serveIndex);
    const index = await loadIndex(`${server.origin}/`, clientOptions(ONLY_127_0_0_1));
    expect([...index.entries.keys()]).toEqual(['demo']);
    expect(server.requests.map((r) => r.url)).toEqual(['/index.yaml']);
  });
});

describe('redirects', () => {
  it('refuses a redirect to 127.0.0.2 at the hop, and 127.0.0.2 sees no request', async () => {
    const target = await serveOn127002(serveIndex);
    const server = await serve(redirectTo(`${target.origin}/index.yaml`));
    const run = clientOptions(ONLY_127_0_0_1);
    const error = await refusal(loadIndex(`${server.origin}/`, run));
    expect(error).toMatchObject({ category: 'loopback', address: '127.0.0.2', range: '127.0.0.0/8' });
    expect(error.message).toContain(`Refused ${target.origin}/index.yaml: repository host "127.0.0.2"`);
    expect(server.requests).toHaveLength(1);
    expect(target.requests).toEqual([]);
    expect(run.retries).toEqual([]);
  });

  it('follows the same redirect when 127.0.0.2 is allowed too (the setup can reach it)', async () => {
    const target = await serveOn127002(serveIndex);
    const server = await serve(redirectTo(`${target.origin}/index.yaml`));
    const index = await loadIndex(
      `${server.origin}/`,
      clientOptions({ allowCidrs: ['127.0.0.1/32', '127.0.0.2/32'] }),
    );
    expect([...index.entries.keys()]).toEqual(['demo']);
    expect(target.requests).toHaveLength(1);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'metadata'],
    ['http://0x7f000002/index.yaml', 'loopback'],
    ['http://10.96.0.1/index.yaml', 'cluster'],
    ['http://localhost/index.yaml', 'internalName'],
  ] as const)('refuses a redirect to %s (%s)', async (location, category) => {
    const server = await serve(redirectTo(location));
    const run = clientOptions(ONLY_127_0_0_1);
    const error = await refusal(loadIndex(`${server.origin}/`, run));
    expect(error.category).toBe(category);
    expect(server.requests).toHaveLength(1);
    expect(run.retries).toEqual([]);
  });

  it('refuses a redirect to a host name that resolves to a blocked address, at connection time', async () => {
    const target = await serveOn127002(serveIndex);
    const server = await serve(redirectTo(`http://rebind.test:${target.port}/index.yaml`));
    const run = clientOptions(ONLY_127_0_0_1, { 'rebind.test': ['127.0.0.2'] });
    const error = await refusal(loadIndex(`${server.origin}/`, run));
    expect(error).toMatchObject({ host: 'rebind.test', address: '127.0.0.2', category: 'loopback' });
    expect(error.message).toMatch(
      /^Refused repository host "rebind\.test": it resolves to 127\.0\.0\.2, a loopback/,
    );
    expect(target.requests).toEqual([]);
    expect(run.retries).toEqual([]);
  });

  it('refuses an OCI token realm on a blocked address', async () => {
    const registry = await serve((_req, res) => {
      res
        .writeHead(401, {
          'www-authenticate': 'Bearer realm="http://169.254.169.254/token",service="registry"',
        })
        .end();
    });
    const run = clientOptions(ONLY_127_0_0_1);
    run.options.plainHttp = true;
    const error = await refusal(loadIndex(`oci://127.0.0.1:${registry.port}/charts/demo`, run));
    expect(error.category).toBe('metadata');
    expect(error.message).toContain('Refused http://169.254.169.254/token?service=***&scope=***');
    expect(run.retries).toEqual([]);
  });
});

describe('OCI token realms with credentials passed on', () => {
  it('refuses a realm on a blocked address even with passCredentials: the password never leaves', async () => {
    const realm = await serveOn127002((_req, res) => {
      res.end(JSON.stringify({ token: 't' }));
    });
    const registry = await serve((_req, res) => {
      res
        .writeHead(401, { 'www-authenticate': `Bearer realm="${realm.origin}/token",service="registry"` })
        .end();
    });
    const run = clientOptions(ONLY_127_0_0_1);
    run.options.plainHttp = true;
    run.options.passCredentials = true;
    const source = {
      url: `oci://127.0.0.1:${registry.port}/charts/demo`,
      username: 'u',
      password: 'realm-pa55',
    };
    const error = await refusal(loadIndex(source, run));
    expect(error).toMatchObject({ address: '127.0.0.2', category: 'loopback' });
    expect(error.message).not.toContain('realm-pa55');
    expect(realm.requests).toEqual([]);
    expect(run.retries).toEqual([]);
  });
});

describe('host names, after DNS resolution', () => {
  it('refuses a name that resolves to 127.0.0.1, with no request made', async () => {
    const server = await serve(serveIndex);
    const run = clientOptions({}, { 'charts.test': ['127.0.0.1'] });
    const error = await refusal(loadIndex(`http://charts.test:${server.port}/`, run));
    expect(error).toMatchObject({ host: 'charts.test', address: '127.0.0.1', category: 'loopback' });
    expect(server.requests).toEqual([]);
    expect(run.retries).toEqual([]);
  });

  it('refuses a name when one of its addresses is blocked', async () => {
    const server = await serve(serveIndex);
    const run = clientOptions(ONLY_127_0_0_1, { 'mixed.test': ['127.0.0.1', '10.96.0.1'] });
    const error = await refusal(loadIndex(`http://mixed.test:${server.port}/`, run));
    expect(error).toMatchObject({ address: '10.96.0.1', category: 'cluster' });
    expect(server.requests).toEqual([]);
  });

  it('connects through the policy lookup when the resolved address is allowed', async () => {
    const server = await serve(serveIndex);
    const run = clientOptions(ONLY_127_0_0_1, { 'charts.test': ['127.0.0.1'] });
    const index = await loadIndex(`http://charts.test:${server.port}/`, run);
    expect([...index.entries.keys()]).toEqual(['demo']);
    expect(server.requests[0]?.headers.host).toBe(`charts.test:${server.port}`);
  });

  it('refuses localhost by name, and after the real DNS resolution when allowHosts lists it', async () => {
    const server = await serve(serveIndex);
    const byName = await refusal(loadIndex(`http://localhost:${server.port}/`, clientOptions({})));
    expect(byName.category).toBe('internalName');
    const resolved = await refusal(
      loadIndex(`http://localhost:${server.port}/`, clientOptions({ allowHosts: ['localhost'] })),
    );
    expect(resolved).toMatchObject({ host: 'localhost', category: 'loopback' });
    expect(resolved.message).toMatch(
      /^Refused repository host "localhost": it resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
    expect(server.requests).toEqual([]);
  });
});

describe('error messages', () => {
  it('carry no credentials or query values, from checkUrl or from the lookup', async () => {
    const server = await serve(serveIndex);
    const secret = { username: 'robot', password: 'pa55-s3cret', bearerToken: 'bearer-t0ken' };
    const direct = await refusal(
      loadIndex(
        { url: `http://robot:url-pa55@127.0.0.1:${server.port}/charts?token=query-t0ken`, ...secret },
        clientOptions({}),
      ),
    );
    const resolved = await refusal(
      loadIndex(
        { url: `http://robot:url-pa55@charts.test:${server.port}/charts?token=query-t0ken`, ...secret },
        clientOptions({}, { 'charts.test': ['169.254.169.254'] }),
      ),
    );
    expect(direct.message).toBe(
      `Refused http://127.0.0.1:${server.port}/charts/index.yaml?token=***: repository host "127.0.0.1" is a ` +
        "loopback address (127.0.0.0/8); an administrator can allow it with outbound.allowCidrs in the extension's values (e.g. 127.0.0.1/32).",
    );
    expect(resolved.message).toBe(
      'Refused repository host "charts.test": it resolves to 169.254.169.254, a cloud metadata endpoint; it stays ' +
        "blocked unless outbound.allowCidrs in the extension's values lists exactly 169.254.169.254/32.",
    );
    for (const error of [direct, resolved]) {
      expect(error.name).toBe('OutboundBlockedError');
      expect(`${error.message} ${error.stack ?? ''}`).not.toMatch(
        /url-pa55|pa55-s3cret|bearer-t0ken|query-t0ken|robot/,
      );
    }
    expect(server.requests).toEqual([]);
  });
});
