// The OCI client against a scripted Distribution API server: token flow, pagination,
// metadata, digests, and credentials kept to the registry and the token service the user allows.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';

import { RepoError } from '../../src/engine/errors.js';
import { describeError } from '../../src/engine/messages/describe.js';
import { type Message, remedyOf } from '../../src/engine/messages/index.js';
import { createChartRepository } from '../../src/engine/repo/index.js';
import type { ChartVersionRef } from '../../src/engine/repo/types.js';
import {
  type ServerTls,
  type TestServer,
  makeCertificates,
  mutualTls,
  startServer,
} from '../support/servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const PASSWORD = 'reg-pa55word';
const BASIC = `Basic ${Buffer.from(`robot:${PASSWORD}`).toString('base64')}`;
const TOKEN = 'tok-123';

function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

interface FakeOptions {
  corruptLayer?: boolean;
  /** The version whose config blob is not JSON. */
  badConfig?: string;
  tokenStatus?: number;
}

async function fakeRegistry(options: FakeOptions = {}) {
  const cdn = await startServer((req, res) => {
    const bytes = blobs.get(`sha256:${(req.url ?? '').slice(1)}`);
    if (!bytes) {
      res.writeHead(404).end();
      return;
    }
    res.end(options.corruptLayer === true ? Buffer.concat([bytes, Buffer.from('x')]) : bytes);
  });
  const auth = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (options.tokenStatus !== undefined) res.writeHead(options.tokenStatus).end();
    else if (
      req.headers.authorization === BASIC &&
      url.searchParams.get('scope') === 'repository:charts/demo:pull'
    ) {
      res.end(JSON.stringify({ token: TOKEN }));
    } else res.writeHead(401).end();
  });
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, string>();
  for (const [tag, version] of [
    ['0.1.0', '0.1.0'],
    ['1.0.0_meta.1', '1.0.0+meta.1'],
    ['2.0.0-rc.1', '2.0.0-rc.1'],
    ['1.5.0', '1.5.0'],
  ] as const) {
    const layer = Buffer.from(`chart ${version}`);
    const config = Buffer.from(
      version === options.badConfig
        ? 'not json'
        : JSON.stringify({
            name: 'demo',
            version,
            appVersion: `app-${version}`,
            description: `Demo ${version}`,
            keywords: ['k'],
            deprecated: version === '1.5.0',
          }),
    );
    blobs.set(digestOf(layer), layer);
    blobs.set(digestOf(config), config);
    manifests.set(
      tag,
      JSON.stringify({
        schemaVersion: 2,
        config: {
          mediaType: 'application/vnd.cncf.helm.config.v1+json',
          digest: digestOf(config),
          size: config.length,
        },
        layers: [
          {
            mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
            digest: digestOf(layer),
            size: layer.length,
          },
        ],
      }),
    );
  }
  const registry = await startServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="${auth.origin}/token",service="fake",scope="repository:charts/demo:pull"`,
        })
        .end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v2/charts/demo/tags/list') {
      if (url.searchParams.get('last') === null) {
        res.writeHead(200, { link: '</v2/charts/demo/tags/list?last=latest&n=3>; rel="next"' });
        res.end(JSON.stringify({ name: 'charts/demo', tags: ['0.1.0', '1.0.0_meta.1', 'latest'] }));
      } else res.end(JSON.stringify({ name: 'charts/demo', tags: ['2.0.0-rc.1', '1.5.0'] }));
      return;
    }
    const manifest = /^\/v2\/charts\/demo\/manifests\/(.+)$/.exec(url.pathname);
    if (manifest) {
      const body = manifests.get(decodeURIComponent(manifest[1] ?? ''));
      if (
        body === undefined ||
        req.headers.accept?.includes('application/vnd.oci.image.manifest.v1+json') !== true
      ) {
        res.writeHead(404).end();
      } else res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(body);
      return;
    }
    const blob = /^\/v2\/charts\/demo\/blobs\/sha256:([0-9a-f]{64})$/.exec(url.pathname);
    if (blob && blobs.has(`sha256:${blob[1] ?? ''}`)) {
      res.writeHead(307, { location: `${cdn.origin}/${blob[1] ?? ''}` }).end();
      return;
    }
    res.writeHead(404).end();
  });
  servers.push(cdn, auth, registry);
  const host = `127.0.0.1:${registry.port}`;
  return { cdn, auth, registry, host, url: `oci://${host}/charts/demo`, blobs };
}

describe('OCI repository (scripted registry)', () => {
  it('lists semver tags across pages, newest first, with the Bearer token flow', async () => {
    const fake = await fakeRegistry();
    const warnings: Message[] = [];
    const client = createChartRepository(
      { url: fake.url, username: 'robot', password: PASSWORD },
      { plainHttp: true, passCredentials: true, onWarning: (w) => warnings.push(w) },
    );
    const index = await client.loadIndex();
    expect(index.url).toBe(fake.url);
    const versions = index.entries.get('demo') ?? [];
    expect(versions.map((v) => v.version)).toEqual(['2.0.0-rc.1', '1.5.0', '1.0.0+meta.1', '0.1.0']);
    expect(versions.map((v) => v.urls[0])).toEqual([
      `${fake.url}:2.0.0-rc.1`,
      `${fake.url}:1.5.0`,
      `${fake.url}:1.0.0_meta.1`,
      `${fake.url}:0.1.0`,
    ]);
    expect(versions[0]).toMatchObject({
      name: 'demo',
      description: 'Demo 2.0.0-rc.1',
      appVersion: 'app-2.0.0-rc.1',
      keywords: ['k'],
    });
    expect(versions[0]?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(versions[1]?.description).toBeUndefined();
    expect(index.warnings).toEqual([
      {
        code: 'oci-tags-ignored',
        params: { count: 1, registry: fake.url },
        message: `1 tag of ${fake.url} is not a chart version and was ignored.`,
      },
    ]);
    expect(warnings).toEqual(index.warnings);

    // Credentials: basic only to the token service, the token only to the registry.
    for (const request of fake.auth.requests) expect(request.headers.authorization).toBe(BASIC);
    for (const request of fake.registry.requests)
      expect(request.headers.authorization ?? `Bearer ${TOKEN}`).toBe(`Bearer ${TOKEN}`);
    expect(fake.auth.requests).toHaveLength(1);
  });

  it("warns of metadata it could not read, with its cause's code for the console", async () => {
    const fake = await fakeRegistry({ badConfig: '2.0.0-rc.1' });
    const client = createChartRepository(
      { url: fake.url, username: 'robot', password: PASSWORD },
      { plainHttp: true, passCredentials: true },
    );
    const index = await client.loadIndex();
    const unread = index.warnings.find(({ code }) => code === 'oci-metadata-unread');
    expect(unread?.params).toMatchObject({
      chart: 'demo',
      version: '2.0.0-rc.1',
      causeCode: 'oci-config-invalid-json',
      'cause.chart': 'demo',
      'cause.version': '2.0.0-rc.1',
    });
    expect(unread?.message).toContain('its config blob is not JSON');
  });

  it('downloads a chart layer, following the blob redirect without credentials', async () => {
    const fake = await fakeRegistry();
    const client = createChartRepository(
      { url: fake.url, username: 'robot', password: PASSWORD },
      { plainHttp: true, passCredentials: true },
    );
    const index = await client.loadIndex();
    const version = index.entries.get('demo')?.find((v) => v.version === '1.0.0+meta.1') as ChartVersionRef;
    const fetched = await client.fetchPackage(version);
    expect(fetched.bytes.toString()).toBe('chart 1.0.0+meta.1');
    expect(fetched.digestWarning).toBeUndefined();
    expect(fake.cdn.requests.length).toBeGreaterThan(0);
    for (const request of fake.cdn.requests) expect(request.headers.authorization).toBeUndefined();

    const stale = await client.fetchPackage({ ...version, digest: 'a'.repeat(64) });
    expect(stale.digestWarning).toEqual({
      code: 'digest-mismatch-registry',
      params: {
        chart: 'demo',
        version: '1.0.0+meta.1',
        expected: 'a'.repeat(64),
        actual: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      },
      message: expect.stringMatching(
        /^Chart demo 1\.0\.0\+meta\.1: the expected digest a{64} does not match the registry's [0-9a-f]{64}; the index may be stale\.$/,
      ) as string,
    });
  });

  it('refuses a layer whose bytes do not match its digest', async () => {
    const fake = await fakeRegistry({ corruptLayer: true });
    const client = createChartRepository(
      { url: fake.url, username: 'robot', password: PASSWORD },
      { plainHttp: true, passCredentials: true },
    );
    const version = (await client.loadIndex()).entries.get('demo')?.[0] as ChartVersionRef;
    await expect(client.fetchPackage(version)).rejects.toThrow(/the download is corrupt/);
  });

  it('reports rejected registry credentials without showing them', async () => {
    const fake = await fakeRegistry({ tokenStatus: 401 });
    const error = await createChartRepository(
      { url: fake.url, username: 'robot', password: PASSWORD },
      { plainHttp: true, passCredentials: true, maxAttempts: 1 },
    )
      .loadIndex()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RepoError);
    expect((error as Error).message).toMatch(
      /Cannot fetch a registry token from .*: credentials rejected \(401 Unauthorized\)/,
    );
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it('reports a repository that does not exist', async () => {
    const fake = await fakeRegistry();
    const client = createChartRepository(
      { url: `oci://${fake.host}/charts/demo`.replace('/demo', '/missing'), bearerToken: TOKEN },
      { plainHttp: true },
    );
    await expect(client.loadIndex()).rejects.toThrow(/has no such repository \(404\)\. Check the URL/);
  });

  it('refuses an OCI URL that names a tag', () => {
    expect(() => createChartRepository({ url: 'oci://r.io/charts/demo:1.0.0' })).toThrow(
      /without a tag or digest/,
    );
  });
});

/** A token service that gives a token to anyone, recording who asked. */
async function tokenService(tls?: { key: string; cert: string }): Promise<TestServer> {
  const server = await startServer((_req, res) => {
    res.end(JSON.stringify({ token: TOKEN }));
  }, tls);
  servers.push(server);
  return server;
}

/**
 * A registry whose challenge names the token service `realmOf(its own origin)`; it serves
 * `/token` itself too (the password as BASIC), and an empty tag list for the token.
 */
async function challengingRegistry(
  realmOf: (origin: string) => string,
  tls?: ServerTls,
): Promise<{ server: TestServer; url: string }> {
  const server = await startServer((req, res, self) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/token') {
      if (req.headers.authorization === BASIC) res.end(JSON.stringify({ token: TOKEN }));
      else res.writeHead(401).end();
    } else if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res
        .writeHead(401, { 'www-authenticate': `Bearer realm="${realmOf(self.origin)}",service="fake"` })
        .end();
    } else res.end(JSON.stringify({ name: 'charts/demo', tags: [] }));
  }, tls);
  servers.push(server);
  return { server, url: `oci://127.0.0.1:${server.port}/charts/demo` };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RepoError);
  expect((error as Error).message).not.toContain(PASSWORD);
  return error as Error;
}

describe('OCI token services: credentials go only where the user meant them', () => {
  const certificates = makeCertificates();
  const credentials = { username: 'robot', password: PASSWORD };

  it.skipIf(certificates === undefined)(
    'sends the password to a token service on the https registry itself, no flag needed',
    async () => {
      const tls = certificates as NonNullable<typeof certificates>;
      const registry = await challengingRegistry((origin) => `${origin}/token`, tls);
      const repo = createChartRepository({ url: registry.url, ...credentials, caPem: tls.caPem });
      await expect(repo.loadIndex()).resolves.toMatchObject({ entries: new Map() });
      const tokenRequests = registry.server.requests.filter((r) => r.url.startsWith('/token'));
      expect(tokenRequests.map((r) => r.headers.authorization)).toEqual([BASIC]);
    },
  );

  it('presents the client certificate to an https registry that demands one (mutual TLS)', async () => {
    const tls = certificates as NonNullable<typeof certificates>;
    const registry = await challengingRegistry((origin) => `${origin}/token`, mutualTls(tls));
    const mutual = { caPem: tls.caPem, certPem: tls.clientCert, keyPem: tls.clientKey };
    const repo = createChartRepository({ url: registry.url, ...credentials, ...mutual });
    await expect(repo.loadIndex()).resolves.toMatchObject({ entries: new Map() });
    const without = createChartRepository({ url: registry.url, ...credentials, caPem: tls.caPem });
    const error = await failure(without.loadIndex());
    expect((error as RepoError).failure?.kind).toBe('client-certificate-required');
  });

  it('refuses a token service on another host:port without passCredentials; it sees no request', async () => {
    const other = await tokenService();
    const registry = await challengingRegistry(() => `${other.origin}/token`);
    const repo = createChartRepository({ url: registry.url, ...credentials }, { plainHttp: true });
    const error = await failure(repo.loadIndex());
    expect(error.message).toMatch(
      /names a token service on another host \(http:\/\/127\.0\.0\.1:\d+\/token\?service=\*\*\*&scope=\*\*\*\).*--pass-credentials/,
    );
    expect(other.requests).toEqual([]);
  });

  it('sends the password there with passCredentials', async () => {
    const other = await tokenService();
    const registry = await challengingRegistry(() => `${other.origin}/token`);
    const repo = createChartRepository(
      { url: registry.url, ...credentials },
      { plainHttp: true, passCredentials: true },
    );
    await repo.loadIndex();
    expect(other.requests.map((r) => r.headers.authorization)).toEqual([BASIC]);
  });

  it.skipIf(certificates === undefined)(
    'never sends it over plain http from an https registry, even with passCredentials',
    async () => {
      const tls = certificates as NonNullable<typeof certificates>;
      const other = await tokenService();
      const registry = await challengingRegistry(() => `${other.origin}/token`, tls);
      const repo = createChartRepository(
        { url: registry.url, ...credentials, caPem: tls.caPem },
        { passCredentials: true },
      );
      const error = await failure(repo.loadIndex());
      expect(error.message).toMatch(/names a token service over plain http .*never sent over plain HTTP/);
      expect(other.requests).toEqual([]);
    },
  );

  it('fetches an anonymous token from another host: no credentials, nothing to protect', async () => {
    const other = await tokenService();
    const registry = await challengingRegistry(() => `${other.origin}/token`);
    await createChartRepository({ url: registry.url }, { plainHttp: true }).loadIndex();
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('OCI registry failures as coded messages: the page says them in its language', () => {
  it('gives a token realm with an unsupported scheme its code, the registry and the English text', async () => {
    const registry = await challengingRegistry(() => 'ftp://auth.example/token');
    const host = `127.0.0.1:${registry.server.port}`;
    const error = await failure(
      createChartRepository({ url: registry.url }, { plainHttp: true }).loadIndex(),
    );
    const problem = `The registry ${host} sent a token realm with an unsupported scheme.`;
    expect(error.message).toBe(problem);
    const message = describeError(error);
    expect(message).toEqual({
      code: 'registry-token-realm-scheme',
      params: { problem, registry: host },
      message: problem,
    });
    expect(remedyOf(message)).toBe('change');
  });

  it("gives invalid JSON from the registry its code, the URL without query values and the parser's words", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<secret>');
    });
    servers.push(server);
    const url = `oci://127.0.0.1:${server.port}/charts/demo`;
    const error = await failure(createChartRepository({ url }, { plainHttp: true }).loadIndex());
    const where = `${server.origin}/v2/charts/demo/tags/list?n=***`;
    expect(error.message).toBe(`The registry sent invalid JSON for the tag list at ${where}.`);
    expect(describeError(error)).toMatchObject({
      code: 'registry-invalid-json',
      params: { problem: error.message, url: where, reason: expect.stringContaining('JSON') as string },
      message: error.message,
    });
    // The parser quotes the body's start; the reason leaves it out (a token response could be it).
    expect(JSON.stringify(describeError(error))).not.toContain('secret');
  });

  it('offers a retry for a corrupt download, and keeps its English text', async () => {
    const fake = await fakeRegistry({ corruptLayer: true });
    const client = createChartRepository({ url: fake.url, bearerToken: TOKEN }, { plainHttp: true });
    const version = (await client.loadIndex()).entries.get('demo')?.[0] as ChartVersionRef;
    const error = await failure(client.fetchPackage(version));
    const message = describeError(error);
    expect(message).toMatchObject({ code: 'registry-digest-mismatch', params: { url: fake.url } });
    expect(message.message).toMatch(
      /^The registry sent the chart demo 2\.0\.0-rc\.1 of oci:\/\/[^ ]+ with digest sha256:[0-9a-f]{64}, not sha256:[0-9a-f]{64}: the download is corrupt\. Try again\.$/,
    );
    expect(remedyOf(message)).toBe('retry');
  });
});
