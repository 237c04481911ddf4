// The service with a repository that demands a TLS client certificate (mutual TLS, a real https
// server on 127.0.0.1 with certificates made by openssl for the test): previews and jobs present
// `certPem`/`keyPem`; the edge refuses a lone half, a non-PEM and a key of another certificate
// without quoting them; no answer, job record or log line holds the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRepoServer, type RepoServer } from '../support/repo-server.js';
import { makeCertificates, mutualTls } from '../support/servers.js';
import { jobOf, useServiceHarness } from './support.js';

const generated = makeCertificates();
if (!generated) throw new Error('these tests need the openssl CLI to make their certificates');
const certs = generated;
/** Lines of the key's body: none may appear in any answer, record or log. */
const KEY_LINE = certs.clientKey.split('\n')[1] ?? '';
const OTHER_KEY_LINE = certs.key.split('\n')[1] ?? '';

describe('a repository that demands a client certificate', () => {
  const h = useServiceHarness();
  let repo: RepoServer;
  beforeAll(async () => {
    repo = await startRepoServer(h.repo.dir, { tls: mutualTls(certs) });
  });
  afterAll(async () => {
    await repo.close();
  });
  const source = () => ({
    url: repo.url,
    caPem: certs.caPem,
    certPem: certs.clientCert,
    keyPem: certs.clientKey,
  });

  it('previews with certPem and keyPem, and never answers or logs the key', async () => {
    const response = await h.api('POST', '/previews', { body: { source: source(), sizes: 'none' } });
    expect(response.status, response.text).toBe(200);
    expect(
      (response.body as { charts: { name: string }[] }).charts.map((chart) => chart.name).sort(),
    ).toEqual(['alpha', 'beta']);
    expect(response.text).not.toContain(KEY_LINE);
    expect(h.logs.join('\n')).not.toContain(KEY_LINE);
  });

  it('answers 422 client-certificate-required without them', async () => {
    const response = await h.api('POST', '/previews', {
      body: { source: { url: repo.url, caPem: certs.caPem } },
    });
    expect(response.status, response.text).toBe(422);
    expect(response.body).toMatchObject({
      reason: 'RepoUnreadable',
      failure: { target: 'repository', kind: 'client-certificate-required' },
    });
    expect((response.body as { message: string }).message).toContain('certPem and keyPem');
  });

  it('refuses at the edge (400) a lone half, a non-PEM certificate and a key of another certificate', async () => {
    const before = repo.requests.length;
    // Each with the reason the console says in the user's language.
    const names = { cert: 'source.certPem', key: 'source.keyPem' };
    const cases: [Record<string, string>, RegExp, Record<string, string>][] = [
      // A lone half is the schema's (dependentRequired).
      [{ certPem: certs.clientCert }, /keyPem/, { why: 'required-with', field: 'body.source.keyPem' }],
      [{ keyPem: certs.clientKey }, /certPem/, { why: 'required-with', field: 'body.source.certPem' }],
      [
        { certPem: 'not a certificate', keyPem: certs.clientKey },
        /source\.certPem is not a PEM certificate/,
        { why: 'certificate-invalid', ...names },
      ],
      [
        { certPem: certs.clientCert, keyPem: certs.key },
        /source\.keyPem is not the private key of the certificate/,
        { why: 'key-mismatch', ...names },
      ],
    ];
    for (const [fields, message, params] of cases) {
      const response = await h.api('POST', '/previews', {
        body: { source: { url: repo.url, caPem: certs.caPem, ...fields } },
      });
      expect(response.status, response.text).toBe(400);
      expect((response.body as { message: string }).message).toMatch(message);
      expect(response.body).toMatchObject({
        detail: { code: 'request-invalid', params },
      });
      expect(response.text).not.toContain(KEY_LINE);
      expect(response.text).not.toContain(OTHER_KEY_LINE);
    }
    expect(repo.requests.length).toBe(before);
  });

  it('runs a job with them; its record says a certificate was given and holds neither', async () => {
    const started = await h.api('POST', '/jobs', { body: { source: source(), charts: ['alpha'] } });
    expect(started.status, started.text).toBe(202);
    const job = await h.waitForJob(jobOf(started.body).id);
    expect(job.status.phase, JSON.stringify(job.status)).toBe('Succeeded');
    expect(job.spec.source).toMatchObject({ url: repo.url, hasClientCertificate: true });
    const read = await h.api('GET', `/jobs/${job.id}`);
    expect(read.text).toContain('"hasClientCertificate":true');
    for (const text of [read.text, JSON.stringify(await h.stores.jobs.list()), h.logs.join('\n')]) {
      expect(text).not.toContain(KEY_LINE);
      expect(text).not.toContain('certPem');
      expect(text).not.toContain('keyPem');
    }
  });
});
