// Forward proxies from the environment through the real repository client, against a real proxy
// and real repositories on 127.0.0.1: CONNECT tunnels for https (the test CA still applies and the
// repository credentials only travel inside the tunnel), absolute-form requests for http, NO_PROXY,
// proxy credentials, typed failures naming the proxy without its credentials, and the service's
// outbound policy judging the final destination before anything reaches the proxy.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { RepoError } from '../../src/engine/errors.js';
import { type RepoClientOptions, createChartRepository } from '../../src/engine/repo/index.js';
import type { RepoSource } from '../../src/engine/repo/types.js';
import { mapError } from '../../src/service/errors.js';
import {
  DEFAULT_OUTBOUND_POLICY,
  type OutboundPolicyConfig,
  OutboundBlockedError,
  createOutboundPolicy,
  outboundRepoOptions,
} from '../../src/service/outbound/index.js';
import { type TestProxy, type TestProxyOptions, startProxy } from '../support/proxy.js';
import { type Handler, closedPort, makeCertificates, useServers } from '../support/servers.js';

const HOST = 'charts.example.test';
const SECRET = 'repo-secret-5d1b';
const BASIC = `Basic ${Buffer.from(`reader:${SECRET}`).toString('base64')}`;
const FAST: RepoClientOptions = {
  retryBaseDelayMs: 1,
  retryMaxDelayMs: 5,
  maxAttempts: 2,
  connectTimeoutMs: 2000,
};
const INDEX =
  'apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: 1.0.0\n    urls:\n    - charts/demo-1.0.0.tgz\n';

const serve = useServers();
const proxies: TestProxy[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});

async function proxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const started = await startProxy({ hosts: { [HOST]: '127.0.0.1' }, ...options });
  proxies.push(started);
  return started;
}

/** The environment of the process, as the CLI and the service read it. */
function env(values: Record<string, string>): void {
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'])
    vi.stubEnv(name, values[name] ?? '');
}

/** An index behind basic auth (401 without it). */
const privateIndex: Handler = (req, res) => {
  if (req.headers.authorization !== BASIC) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end('no');
    return;
  }
  if (req.url?.split('?')[0] === '/index.yaml')
    res.writeHead(200, { 'content-type': 'text/yaml' }).end(INDEX);
  else res.writeHead(404).end('not found');
};

function source(url: string, extra: Partial<RepoSource> = {}): RepoSource {
  return { url, username: 'reader', password: SECRET, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

const certs = makeCertificates([HOST]);

describe('through HTTPS_PROXY and HTTP_PROXY', () => {
  it.skipIf(!certs)(
    'https: a CONNECT tunnel to the repository host, TLS with its CA, credentials only inside',
    async () => {
      if (!certs) return;
      const repo = await serve(privateIndex, certs);
      const seen = await proxy();
      env({ HTTPS_PROXY: seen.url });
      const index = await createChartRepository(
        source(`https://${HOST}:${repo.port}/`, { caPem: certs.caPem }),
        FAST,
      ).loadIndex();
      expect([...index.entries.keys()]).toEqual(['demo']);
      expect(seen.seen).toEqual([
        expect.objectContaining({ method: 'CONNECT', target: `${HOST}:${repo.port}`, status: 200 }),
      ]);
      expect(seen.seen[0]?.headers.authorization).toBeUndefined();
      // The repository got its credentials; the proxy only relayed ciphertext.
      expect(repo.requests.at(-1)?.headers.authorization).toBe(BASIC);
      expect(seen.received()).not.toContain(SECRET);
      expect(seen.received()).not.toContain(BASIC);
      expect(seen.received()).toContain(`CONNECT ${HOST}:${repo.port} HTTP/1.1`);
    },
  );

  it.skipIf(!certs)(
    'https: without the CA, the certificate is untrusted even through the tunnel',
    async () => {
      if (!certs) return;
      const repo = await serve(privateIndex, certs);
      const seen = await proxy();
      env({ HTTPS_PROXY: seen.url });
      const error = await failure(
        createChartRepository(source(`https://${HOST}:${repo.port}/`), FAST).loadIndex(),
      );
      expect(error).toBeInstanceOf(RepoError);
      expect((error as RepoError).failure?.kind).toBe('untrusted-certificate');
      expect(seen.seen[0]).toMatchObject({ method: 'CONNECT', target: `${HOST}:${repo.port}` });
    },
  );

  it('http: absolute-form requests to the proxy', async () => {
    const repo = await serve(privateIndex);
    const seen = await proxy();
    env({ http_proxy: seen.url });
    const index = await createChartRepository(source(`http://${HOST}:${repo.port}/`), FAST).loadIndex();
    expect([...index.entries.keys()]).toEqual(['demo']);
    expect(seen.seen).toEqual([
      expect.objectContaining({
        method: 'GET',
        target: `http://${HOST}:${repo.port}/index.yaml`,
        status: 200,
      }),
    ]);
    expect(repo.requests.at(-1)?.headers.host).toBe(`${HOST}:${repo.port}`);
  });

  it('proxy credentials from the proxy URL are sent as Proxy-Authorization, never to the repository', async () => {
    const repo = await serve(privateIndex);
    const seen = await proxy({ auth: { username: 'proxy-user', password: 'proxy-pass-77' } });
    env({ HTTP_PROXY: `http://proxy-user:proxy-pass-77@127.0.0.1:${seen.port}` });
    const index = await createChartRepository(source(`http://${HOST}:${repo.port}/`), FAST).loadIndex();
    expect([...index.entries.keys()]).toEqual(['demo']);
    expect(seen.seen[0]?.status).toBe(200);
    expect(repo.requests.at(-1)?.headers['proxy-authorization']).toBeUndefined();
  });

  it.each([
    ['https', 'HTTPS_PROXY'],
    ['http', 'HTTP_PROXY'],
  ] as const)(
    '%s: wrong proxy credentials are proxy-auth-required, naming the proxy without its password',
    async (scheme, variable) => {
      const repo = await serve(privateIndex, scheme === 'https' && certs ? certs : undefined);
      const seen = await proxy({ auth: { username: 'proxy-user', password: 'proxy-pass-77' } });
      env({ [variable]: `http://proxy-user:wrong-pass-31@127.0.0.1:${seen.port}` });
      const error = await failure(
        createChartRepository(source(`${scheme}://${HOST}:${repo.port}/`), FAST).loadIndex(),
      );
      expect(error).toBeInstanceOf(RepoError);
      const repoError = error as RepoError;
      expect(repoError.failure?.kind).toBe('proxy-auth-required');
      expect(repoError.message).toContain(`the proxy http://127.0.0.1:${seen.port} (from ${variable})`);
      expect(repoError.message).toMatch(/did not accept the user and password/);
      expect(repoError.message).not.toContain('wrong-pass-31');
      expect(JSON.stringify(mapError(error))).not.toContain('wrong-pass-31');
      expect(mapError(error)).toMatchObject({ status: 502, failure: { kind: 'proxy-auth-required' } });
      expect(repo.requests).toHaveLength(0);
    },
  );

  it('without proxy credentials, a 407 says to put them in the proxy URL', async () => {
    const repo = await serve(privateIndex);
    const seen = await proxy({ auth: { username: 'proxy-user', password: 'proxy-pass-77' } });
    env({ HTTPS_PROXY: seen.url });
    const error = await failure(
      createChartRepository(source(`https://${HOST}:${repo.port}/`), FAST).loadIndex(),
    );
    expect((error as RepoError).failure?.kind).toBe('proxy-auth-required');
    expect((error as RepoError).message).toMatch(
      /requires authentication \(HTTP 407\); put its user and password in the proxy URL/,
    );
  });

  it.each([
    ['https', 'HTTPS_PROXY'],
    ['http', 'HTTP_PROXY'],
  ] as const)(
    '%s: a proxy that is down is proxy-failed, naming it and what to do',
    async (scheme, variable) => {
      const port = await closedPort();
      env({ [variable]: `http://someone:hidden-pw-42@127.0.0.1:${port}` });
      const error = await failure(
        createChartRepository(source(`${scheme}://${HOST}:8443/`), FAST).loadIndex(),
      );
      expect(error).toBeInstanceOf(RepoError);
      const repoError = error as RepoError;
      expect(repoError.failure).toMatchObject({ kind: 'proxy-failed', attempts: 2 });
      expect(repoError.message).toContain(
        `the proxy http://127.0.0.1:${port} (from ${variable}) refused the connection`,
      );
      expect(repoError.message).toMatch(/check HTTPS_PROXY\/HTTP_PROXY, or list the host in NO_PROXY/);
      expect(repoError.message).not.toContain('hidden-pw-42');
      expect(mapError(error)).toMatchObject({
        status: 502,
        reason: 'BadGateway',
        failure: { kind: 'proxy-failed' },
      });
    },
  );

  it('the proxy refusing the destination (502) is proxy-failed, naming the target', async () => {
    const seen = await proxy();
    env({ HTTPS_PROXY: seen.url });
    const port = await closedPort();
    const error = await failure(createChartRepository(source(`https://${HOST}:${port}/`), FAST).loadIndex());
    expect((error as RepoError).failure?.kind).toBe('proxy-failed');
    expect((error as RepoError).message).toContain(`refused to connect to ${HOST}:${port} (HTTP 502)`);
  });

  it('a destination the proxy forbids (403) is proxy-failed, not retried', async () => {
    const seen = await proxy({ denyHosts: [HOST] });
    env({ HTTPS_PROXY: seen.url });
    const error = await failure(createChartRepository(source(`https://${HOST}/`), FAST).loadIndex());
    expect((error as RepoError).failure).toMatchObject({ kind: 'proxy-failed', attempts: 1 });
    expect((error as RepoError).message).toContain(`refused to connect to ${HOST}:443 (HTTP 403)`);
    expect(seen.seen).toHaveLength(1);
  });

  it('an unsupported proxy scheme is a clear configuration error', async () => {
    env({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' });
    const error = await failure(createChartRepository(source(`https://${HOST}/`), FAST).loadIndex());
    expect((error as RepoError).failure?.kind).toBe('proxy-failed');
    expect((error as RepoError).message).toMatch(
      /HTTPS_PROXY uses socks5:\/\/ proxies, which are not supported/,
    );
  });
});

/** The service's policy with a DNS table (the names are the test's; the proxy maps them to 127.0.0.1). */
function policyOptions(
  table: Record<string, string>,
  config: Partial<OutboundPolicyConfig> = {},
): RepoClientOptions {
  const policy = createOutboundPolicy(
    { ...DEFAULT_OUTBOUND_POLICY, ...config },
    {
      resolve: (hostname: string, _options: LookupOptions): Promise<LookupAddress[]> => {
        const address = table[hostname];
        if (address === undefined) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = 'ENOTFOUND';
          return Promise.reject(error);
        }
        return Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);
      },
    },
  );
  return { ...FAST, ...outboundRepoOptions(policy) };
}

describe("the service's outbound policy judges the final destination through the proxy", () => {
  it('a host name resolving to a cluster address is refused before anything reaches the proxy', async () => {
    const seen = await proxy({ hosts: { 'forbidden.example.test': '127.0.0.1' } });
    env({ HTTPS_PROXY: seen.url, HTTP_PROXY: seen.url });
    const options = policyOptions({ 'forbidden.example.test': '10.96.0.10' });
    for (const url of ['https://forbidden.example.test/', 'http://forbidden.example.test/']) {
      const error = await failure(createChartRepository({ url }, options).loadIndex());
      expect(error).toBeInstanceOf(OutboundBlockedError);
      expect((error as Error).message).toMatch(
        /resolves to 10\.96\.0\.10, inside the cluster's service or pod range/,
      );
    }
    for (const url of [
      'https://169.254.169.254/',
      'http://localhost:8080/',
      'https://kubernetes.default.svc/',
    ]) {
      expect(await failure(createChartRepository({ url }, options).loadIndex())).toBeInstanceOf(
        OutboundBlockedError,
      );
    }
    expect(seen.seen).toHaveLength(0);
    expect(seen.received()).toBe('');
  });

  it('a redirect to a forbidden host through the proxy is refused at that hop', async () => {
    const repo = await serve((_req, res) =>
      res.writeHead(302, { location: 'http://forbidden.example.test/index.yaml' }).end(),
    );
    const seen = await proxy();
    env({ HTTP_PROXY: seen.url });
    const options = policyOptions({ [HOST]: '93.184.216.34', 'forbidden.example.test': '192.168.0.5' });
    const error = await failure(
      createChartRepository({ url: `http://${HOST}:${repo.port}/` }, options).loadIndex(),
    );
    expect(error).toBeInstanceOf(OutboundBlockedError);
    expect(seen.seen.map((entry) => entry.target)).toEqual([`http://${HOST}:${repo.port}/index.yaml`]);
  });

  it('an allowed public destination goes through the proxy; the proxy itself is not judged', async () => {
    const repo = await serve(privateIndex);
    const seen = await proxy();
    // The proxy is on loopback, which the policy would refuse as a destination.
    env({ HTTP_PROXY: seen.url });
    const options = policyOptions({ [HOST]: '93.184.216.34' });
    const index = await createChartRepository(source(`http://${HOST}:${repo.port}/`), options).loadIndex();
    expect([...index.entries.keys()]).toEqual(['demo']);
    expect(seen.seen).toHaveLength(1);
  });

  it('NO_PROXY: a listed host is reached directly, through the policy lookup', async () => {
    const repo = await serve(privateIndex);
    const seen = await proxy();
    env({ HTTP_PROXY: seen.url, NO_PROXY: 'example.test' });
    const options = policyOptions({ [HOST]: '127.0.0.1' }, { allowCidrs: ['127.0.0.1/32'] });
    const index = await createChartRepository(source(`http://${HOST}:${repo.port}/`), options).loadIndex();
    expect([...index.entries.keys()]).toEqual(['demo']);
    expect(seen.seen).toHaveLength(0);
  });

  it('a destination the service cannot resolve is not sent to the proxy (fails closed)', async () => {
    const seen = await proxy();
    env({ HTTPS_PROXY: seen.url });
    const error = await failure(
      createChartRepository({ url: `https://${HOST}/` }, policyOptions({})).loadIndex(),
    );
    expect((error as RepoError).failure?.kind).toBe('unknown-host');
    expect(seen.seen).toHaveLength(0);
  });
});
