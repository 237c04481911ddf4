// Typed failures of the one HTTP stack: each kind produced by a real server on 127.0.0.1 behaving
// that way, carried by RepoError and StoreError, and mapped by kind (never by message text) to the
// service's status and the CLI's message.
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';

import { explain } from '../../src/cli/main.js';
import { isRepoImport, parseCliArgs, type CliConfig } from '../../src/cli/args.js';
import { RepoError, StoreError } from '../../src/engine/errors.js';
import { HttpClient, HttpError } from '../../src/engine/http/index.js';
import type { HttpFailureKind } from '../../src/engine/http/index.js';
import { type RepoClientOptions, createChartRepository } from '../../src/engine/repo/index.js';
import { KubeSphereStore } from '../../src/engine/store/index.js';
import { mapError } from '../../src/service/errors.js';
import { closedPort, type Handler, makeCertificates, useServers } from '../support/servers.js';

const serve = useServers();
const FAST: RepoClientOptions = { retryBaseDelayMs: 1, retryMaxDelayMs: 5, maxAttempts: 2 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function repoFailure(url: string, options: RepoClientOptions = {}): Promise<RepoError> {
  const error = await rejection(createChartRepository({ url }, { ...FAST, ...options }).loadIndex());
  if (!(error instanceof RepoError)) throw new Error(`not a RepoError: ${String(error)}`);
  return error;
}

const answering =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers).end('no');
  };

describe('repository failures: kind, status of the service', () => {
  it.each([
    [401, 'unauthorized', 422],
    [403, 'forbidden', 422],
    [404, 'not-found', 422],
    [410, 'not-found', 422],
    [418, 'unexpected-status', 422],
    [429, 'rate-limited', 502],
    [500, 'server-failed', 502],
    [501, 'server-failed', 502],
    [503, 'server-failed', 502],
  ] as const)('an answer %i is %s: %i', async (status, kind, mapped) => {
    const server = await serve(answering(status));
    const error = await repoFailure(server.origin);
    expect(error.failure).toMatchObject({ kind, status, host: `127.0.0.1:${server.port}` });
    expect(mapError(error).status).toBe(mapped);
    expect(mapError(error).reason).toBe(mapped === 502 ? 'BadGateway' : 'RepoUnreadable');
    // The caller learns the kind too, to choose its words without reading the message.
    expect(mapError(error).failure).toEqual({ target: 'repository', kind });
  });

  it('counts the attempts of a retried status', async () => {
    const server = await serve(answering(503));
    const error = await repoFailure(server.origin, { maxAttempts: 3 });
    expect(error.failure).toMatchObject({ kind: 'server-failed', attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('a closed port is refused: 502 after the retries', async () => {
    const error = await repoFailure(`http://127.0.0.1:${await closedPort()}/`);
    expect(error.failure).toMatchObject({ kind: 'refused', attempts: 2 });
    expect(mapError(error)).toMatchObject({ status: 502, reason: 'BadGateway' });
  });

  it('a connection dropped before the answer is unreachable: 502', async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await repoFailure(server.origin);
    expect(error.failure).toMatchObject({ kind: 'unreachable', attempts: 2 });
    expect(mapError(error).status).toBe(502);
  });

  it('a server that never answers has timed out: 502, even after a single attempt', async () => {
    const server = await serve(() => undefined);
    const error = await repoFailure(server.origin, { timeoutMs: 150, maxAttempts: 1 });
    expect(error.failure).toMatchObject({ kind: 'timed-out', attempts: 1 });
    expect(error.message).not.toMatch(/time/i);
    expect(mapError(error).status).toBe(502);
  });

  it('a host DNS does not know is unknown-host: 422, not retried', async () => {
    let lookups = 0;
    const lookup: LookupFunction = (hostname, _options, callback) => {
      lookups++;
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, '', 4);
    };
    const error = await repoFailure('http://charts.invalid/', { lookup, maxAttempts: 3 });
    expect(error.failure).toMatchObject({ kind: 'unknown-host', host: 'charts.invalid', attempts: 1 });
    expect(lookups).toBe(1);
    expect(mapError(error).status).toBe(422);
  });

  it('an index over the size limit is too-large: 422', async () => {
    const server = await serve((_req, res) => res.end(Buffer.alloc(4096, 'a')));
    const error = await repoFailure(server.origin, { maxIndexBytes: 1024 });
    expect(error.failure?.kind).toBe('too-large');
    expect(mapError(error).status).toBe(422);
  });

  it('a redirect loop is bad-redirect: 422', async () => {
    const server = await serve((req, res) => res.writeHead(302, { location: `${req.url ?? ''}x` }).end());
    const error = await repoFailure(server.origin, { maxRedirects: 2 });
    expect(error.failure?.kind).toBe('bad-redirect');
    expect(mapError(error).status).toBe(422);
  });

  it('https to a plain http port is tls-failed: 422', async () => {
    const server = await serve(answering(200));
    const error = await repoFailure(`https://127.0.0.1:${server.port}/`);
    expect(error.failure?.kind).toBe('tls-failed');
    expect(mapError(error).status).toBe(422);
  });

  const certs = makeCertificates();
  it.skipIf(!certs)('a certificate of an unknown CA is untrusted-certificate: 422', async () => {
    if (!certs) return;
    const server = await serve(answering(200), certs);
    const error = await repoFailure(server.origin);
    expect(error.failure?.kind).toBe('untrusted-certificate');
    expect(mapError(error).status).toBe(422);
  });

  it('maps by kind, not by words in the message: a 404 at a URL that says "timed out"', async () => {
    const server = await serve(answering(404));
    const error = await repoFailure(`${server.origin}/timed-out/after-3-attempts/the-server-failed`);
    expect(error.message).toMatch(/timed-out\/after-3-attempts\/the-server-failed/);
    expect(mapError(error)).toMatchObject({ status: 422, reason: 'RepoUnreadable' });
  });

  it('an invalid index carries no HTTP failure: 422', async () => {
    const server = await serve((_req, res) => res.end('entries: [: not yaml'));
    const error = await repoFailure(server.origin);
    expect(error.failure).toBeUndefined();
    expect(mapError(error).status).toBe(422);
  });
});

function cliConfig(server: string): CliConfig {
  const config = parseCliArgs(['--server', server, '--token', 't', '--repo', 'http://r.example/'], {});
  if (typeof config === 'string' || !isRepoImport(config)) throw new Error('not an import from a repository');
  return config;
}

async function storeFailure(server: string, attempts = 1): Promise<StoreError> {
  const store = new KubeSphereStore({ server, token: 'secret-token-1', attempts, timeoutMs: 300 });
  const error = await rejection(store.listCategories());
  if (!(error instanceof StoreError)) throw new Error(`not a StoreError: ${String(error)}`);
  return error;
}

describe('KubeSphere failures: kind, status of the service, message of the CLI', () => {
  it.each([
    [401, 'unauthorized', 401, /KubeSphere rejected the credentials \(401\)/],
    [403, 'forbidden', 403, /KubeSphere refused access \(403\)/],
    [404, 'not-found', 404, /KubeSphere has no App Store API/],
    [409, 'conflict', 409, /KubeSphere failed: GET \/categories: taken \(409\)/],
    [429, 'rate-limited', 429, /KubeSphere failed: GET \/categories: taken \(429\)/],
    [503, 'server-failed', 502, /KubeSphere failed: GET \/categories: taken \(503\)/],
  ] as const)('an answer %i is %s: %i', async (status, kind, mapped, cli) => {
    const server = await serve((_req, res) => res.writeHead(status).end('taken'));
    const error = await storeFailure(server.origin);
    expect(error.status).toBe(status);
    expect(error.failure).toMatchObject({ kind, status });
    expect(mapError(error).status).toBe(mapped);
    expect(mapError(error).failure).toEqual({ target: 'kubesphere', kind });
    expect(explain(error, cliConfig(server.origin))).toMatch(cli);
    expect(error.message).not.toContain('secret-token-1');
  });

  it.each([
    ['refused', async () => `http://127.0.0.1:${await closedPort()}`],
    ['timed-out', async () => (await serve(() => undefined)).origin],
    ['unreachable', async () => (await serve((req) => req.socket.destroy())).origin],
  ] as const)('no answer (%s) is status 0: 502 and "cannot reach"', async (kind, start) => {
    const origin = await start();
    const error = await storeFailure(origin);
    expect(error.status).toBe(0);
    expect(error.failure.kind).toBe(kind);
    const mapped = mapError(error);
    expect(mapped.status).toBe(502);
    expect(mapped.message).toMatch(/^KubeSphere cannot be reached/);
    expect(explain(error, cliConfig(origin))).toMatch(/^cannot reach KubeSphere at/);
  });

  it('retries a 5xx, and a write after it may have been applied', async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(503).end('etcd timeout');
      else res.writeHead(409).end('exists');
    });
    const store = new KubeSphereStore({ server: server.origin, token: 't', attempts: 3 });
    const error = await rejection(store.createCategory({ name: 'c', displayName: 'C' }));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({
      status: 409,
      earlierAttempt: 'POST /categories: etcd timeout (503)',
      failure: { kind: 'conflict', attempts: 2 },
    });
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });
});

describe('the one client: what is retried', () => {
  const client = new HttpClient({
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 },
    timeoutMs: 2_000,
    maxRedirects: 3,
    userAgent: 'test',
    cancelledMessage: 'cancelled',
  });

  it('sends a POST once unless it is retry-safe', async () => {
    const server = await serve(answering(503));
    const url = new URL(server.origin);
    const body = { bytes: Buffer.from('{}'), contentType: 'application/json' };
    expect((await client.request({ url, method: 'POST', body, maxBytes: 1024 })).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    const safe = await client.request({ url, method: 'POST', body, maxBytes: 1024, retrySafe: true });
    expect(safe.attempts).toBe(3);
    expect(server.requests).toHaveLength(4);
  });

  it.each([
    [408, 3],
    [429, 3],
    [502, 3],
    [501, 1],
    [400, 1],
  ])('answer %i: %i attempts', async (status, attempts) => {
    const server = await serve(answering(status));
    const response = await client.request({ url: new URL(server.origin), maxBytes: 1024 });
    expect(response).toMatchObject({ status, attempts });
  });

  it('throws HttpError with the kind and the attempts when no answer comes', async () => {
    const error = await rejection(
      client.request({ url: new URL(`http://127.0.0.1:${await closedPort()}/x?token=abc`), maxBytes: 1 }),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).failure).toMatchObject({
      kind: 'refused' satisfies HttpFailureKind,
      attempts: 3,
    });
    expect((error as HttpError).message).not.toContain('abc');
  });
});
