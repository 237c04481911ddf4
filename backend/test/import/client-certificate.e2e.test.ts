// Mutual TLS: a real https Helm repository on 127.0.0.1 that demands a client certificate issued
// by a CA made for the test (openssl). The engine presents it directly and through a CONNECT
// tunnel, to the repository's origin only; without it the failure is typed; the CLI imports with
// --cert-file/--key-file and exits 2 with a sentence naming the flags otherwise, never printing
// the key.
import type { TLSSocket } from 'node:tls';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { InputError, RepoError } from '../../src/engine/errors.js';
import { createChartRepository } from '../../src/engine/repo/index.js';
import { buildRepo, indexRepo } from '../support/charts.js';
import { parseReport, runCli, targetArgs } from '../support/cli.js';
import { ksVersionFromEnv, stateOf } from '../support/emulator.js';
import { startProxy } from '../support/proxy.js';
import { startRepoServer, type RepoServer } from '../support/repo-server.js';
import { makeCertificates, mutualTls, startServer, staticHandler } from '../support/servers.js';

const HOST = 'mtls.example.test';
const generated = makeCertificates([HOST]);
if (!generated) throw new Error('these tests need the openssl CLI to make their certificates');
const certs = generated;
/** A line of the client key's body: it must never appear in any output. */
const KEY_LINE = certs.clientKey.split('\n')[1] ?? '';

let emulator: RunningEmulator;
let repoDir: string;
let work: string;
let repo: RepoServer;

beforeAll(async () => {
  repoDir = await buildRepo([{ name: 'mutual', version: '1.0.0' }]);
  work = await mkdtemp(join(tmpdir(), 'mtls-e2e-'));
  repo = await startRepoServer(repoDir, { tls: mutualTls(certs) });
  await writeFile(join(work, 'ca.pem'), certs.caPem);
  await writeFile(join(work, 'client.pem'), certs.clientCert);
  await writeFile(join(work, 'client.key'), certs.clientKey);
  // The server's key: a well-formed key of another certificate.
  await writeFile(join(work, 'other.key'), certs.key);
  emulator = await startEmulator({ ksVersion: ksVersionFromEnv() });
}, 120_000);
afterAll(async () => {
  await emulator.close();
  await repo.close();
  await rm(repoDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  emulator.reset();
});

const mutual = { caPem: certs.caPem, certPem: certs.clientCert, keyPem: certs.clientKey };

describe('the engine with a repository that demands a client certificate', () => {
  it('reads the index and downloads a package presenting it', async () => {
    const client = createChartRepository({ url: repo.url, ...mutual });
    const index = await client.loadIndex();
    const [ref] = index.entries.get('mutual') ?? [];
    expect(ref?.version).toBe('1.0.0');
    if (!ref) return;
    const fetched = await client.fetchPackage(ref);
    expect(fetched.bytes.length).toBeGreaterThan(100);
  });

  it('without one fails with client-certificate-required, saying what to give', async () => {
    const error = await createChartRepository({ url: repo.url, caPem: certs.caPem })
      .loadIndex()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RepoError);
    expect((error as RepoError).failure?.kind).toBe('client-certificate-required');
    expect((error as RepoError).message).toContain('certPem and keyPem');
  });

  it('presents it inside a CONNECT tunnel through HTTPS_PROXY', async () => {
    const proxy = await startProxy({ hosts: { [HOST]: '127.0.0.1' } });
    onTestFinished(() => proxy.close());
    const port = new URL(repo.url).port;
    const previous = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = proxy.url;
    onTestFinished(() => {
      if (previous === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = previous;
    });
    const index = await createChartRepository({ url: `https://${HOST}:${port}`, ...mutual }).loadIndex();
    expect(index.entries.has('mutual')).toBe(true);
    expect(proxy.seen.map((entry) => `${entry.method} ${entry.target}`)).toContain(`CONNECT ${HOST}:${port}`);
    expect(proxy.received()).not.toContain(KEY_LINE);
  });

  it("presents it to the repository's origin only, not to the host of its chart URLs", async () => {
    const dir = await buildRepo([{ name: 'elsewhere', version: '1.0.0' }]);
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const peers: boolean[] = [];
    const serveFile = staticHandler(dir);
    // Asks for a certificate without demanding one: it records whether one was presented.
    const downloads = await startServer(
      (req, res, server) => {
        peers.push(Object.keys((req.socket as TLSSocket).getPeerCertificate()).length > 0);
        serveFile(req, res, server);
      },
      { ...mutualTls(certs), rejectUnauthorized: false },
    );
    onTestFinished(() => downloads.close());
    await indexRepo(dir, downloads.origin);
    const index = await startRepoServer(dir, { tls: mutualTls(certs) });
    onTestFinished(() => index.close());
    const client = createChartRepository({ url: index.url, ...mutual });
    const [ref] = (await client.loadIndex()).entries.get('elsewhere') ?? [];
    expect(ref?.urls[0]).toContain(downloads.origin);
    if (!ref) return;
    await client.fetchPackage(ref);
    expect(peers).toEqual([false]);
    expect(index.requests.map((request) => request.url)).toEqual(['/index.yaml']);
  });

  it('refuses a key of another certificate before any request (InputError)', () => {
    const before = repo.requests.length;
    expect(() =>
      createChartRepository({ url: repo.url, certPem: certs.clientCert, keyPem: certs.key }),
    ).toThrow(InputError);
    expect(() => createChartRepository({ url: repo.url, certPem: certs.clientCert })).toThrow(
      /certPem and keyPem go together/,
    );
    expect(repo.requests).toHaveLength(before);
  });
});

describe('the CLI with --cert-file and --key-file', () => {
  const args = () => [
    ...targetArgs(emulator, repo.url),
    '--ca-file',
    join(work, 'ca.pem'),
    '--timeout',
    '10',
  ];

  it('imports from the repository with the client certificate', async () => {
    const result = await runCli([
      ...args(),
      '--cert-file',
      join(work, 'client.pem'),
      '--key-file',
      join(work, 'client.key'),
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(parseReport(result).summary.created).toBe(1);
    expect(stateOf(emulator).apps).toHaveLength(1);
    expect(result.stdout + result.stderr).not.toContain(KEY_LINE);
  });

  it('without them exits 2 saying the repository requires a client certificate', async () => {
    const result = await runCli(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('requires a TLS client certificate');
    expect(result.stderr).toContain('--cert-file and --key-file');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(stateOf(emulator).apps).toHaveLength(0);
  });

  it('exits 2 naming --key-file for a key of another certificate, without printing it', async () => {
    const result = await runCli([
      ...args(),
      '--cert-file',
      join(work, 'client.pem'),
      '--key-file',
      join(work, 'other.key'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `--key-file ${join(work, 'other.key')} is not the private key of the certificate`,
    );
    expect(result.stderr).not.toContain(certs.key.split('\n')[1] ?? '-');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming --cert-file when it cannot be read, and for one flag without the other', async () => {
    const missing = await runCli([
      ...args(),
      '--cert-file',
      join(work, 'nope.pem'),
      '--key-file',
      join(work, 'client.key'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--cert-file ${join(work, 'nope.pem')} cannot be read (ENOENT)`);
    const half = await runCli([...args(), '--cert-file', join(work, 'client.pem')]);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--cert-file and --key-file go together');
  });
});
