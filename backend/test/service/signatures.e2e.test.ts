// The signature policy through the service: `verify` in previews, chart details, jobs and syncs,
// checked at the edge (400), kept in the job's and the sync's spec, and applied by the job to
// packages signed by the real `helm package --sign` with a throwaway GnuPG key.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChartDetails, JobRecord, RepoPreview, SyncRecord } from '../../src/contract/index.js';
import { schemaValidator } from '../../src/service/validation.js';
import { indexRepo } from '../support/charts.js';
import { stateOf } from '../support/emulator.js';
import { makeSigner, signPackage, type TestSigner } from '../support/signing.js';
import { jobOf, useServiceHarness } from './support.js';

describe('signature policy (service)', () => {
  const h = useServiceHarness({
    charts: [
      { name: 'signed', version: '1.0.0' },
      { name: 'unsigned', version: '1.0.0' },
    ],
  });
  let signer: TestSigner;
  beforeAll(async () => {
    signer = await makeSigner();
    await signPackage(join(h.repoDir, 'signed-1.0.0.tgz'), h.repoDir, signer);
    await indexRepo(h.repoDir);
  });
  afterAll(async () => {
    await signer.dispose();
  });

  const verify = () => ({ policy: 'require', keyring: signer.armoredPublicKey });

  it('runs a job under require: the verified version released, the other held as a draft; the spec keeps the keys', async () => {
    const started = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url }, verify: verify() } });
    expect(started.status, started.text).toBe(202);
    const job: JobRecord = await h.waitForJob(jobOf(started.body).id);
    expect(job.status.phase).toBe('Succeeded');
    expect(job.spec.verify).toEqual({ policy: 'require', keyring: signer.armoredPublicKey.trim() });
    expect(schemaValidator('JobRecord')(job)).toBe(true);
    const notes = Object.fromEntries((job.status.notes ?? []).map((item) => [item.chart, item]));
    expect(notes.signed?.reasons).toMatchObject([
      { code: 'signature-verified', params: { signer: signer.userId, fingerprint: signer.fingerprint } },
    ]);
    expect(notes.unsigned?.reasons?.map((reason) => reason.code)).toEqual([
      'signature-missing',
      'signature-held',
    ]);
    const versions = Object.fromEntries(
      stateOf(h.emulator).versions.map((version): [string, { state?: string; line?: string }] => [
        version.metadata.labels?.['application.kubesphere.io/app-id']?.replace(/-[a-z0-9]{5}$/, '') ?? '',
        {
          state: version.status?.state,
          line: version.metadata.annotations?.['kubesphere.io/description']?.split('\n').at(-1),
        },
      ]),
    );
    expect(versions).toEqual({
      signed: {
        state: 'active',
        line: `Signature: verified, signed by ${signer.userId} (${signer.fingerprint})`,
      },
      unsigned: { state: 'draft', line: 'Signature: none' },
    });
  });

  it('refuses keys that cannot be used (400), before any job starts', async () => {
    // Each with its reason (code and why) for the console to say in the user's language.
    const cases: [unknown, RegExp, { code: string; params: Record<string, string> }][] = [
      [
        { policy: 'require' },
        /needs keys to check with/,
        { code: 'verify-keys-invalid', params: { why: 'keys-missing', policy: 'require' } },
      ],
      [
        { policy: 'warn', keyring: 'not a key' },
        /The keyring holds no OpenPGP public key/,
        { code: 'verify-keys-invalid', params: { why: 'keyring-unreadable' } },
      ],
      [
        { policy: 'warn', cosignKey: 'not a key' },
        /The cosign key is not a PEM public key/,
        { code: 'verify-keys-invalid', params: { why: 'cosign-unreadable' } },
      ],
      [{ policy: 'maybe' }, /policy/, { code: 'request-invalid', params: { why: 'not-allowed' } }],
    ];
    for (const [settings, message, detail] of cases) {
      const response = await h.api('POST', '/jobs', {
        body: { source: { url: h.repo.url }, verify: settings },
      });
      expect(response.status, response.text).toBe(400);
      expect(response.text).toMatch(message);
      expect(response.body).toMatchObject({ detail });
    }
    expect((await h.api('GET', '/jobs')).body).toMatchObject({ items: [] });
  });

  it('previews without downloading packages and shows the policy; details show the version signature', async () => {
    h.repo.requests.length = 0;
    const preview = await h.api('POST', '/previews', {
      body: { source: { url: h.repo.url }, verify: verify() },
    });
    expect(preview.status, preview.text).toBe(200);
    expect((preview.body as RepoPreview).signaturePolicy).toBe('require');
    // Sizes are looked up (HEAD), no package or .prov is downloaded.
    const downloads = h.repo.requests.filter(
      ({ method, url }) => method === 'GET' && /\.(tgz|prov)$/.test(url),
    );
    expect(downloads).toEqual([]);

    const details = await h.api('POST', '/previews/chart', {
      body: { source: { url: h.repo.url }, chart: 'signed', version: '1.0.0', verify: verify() },
    });
    expect(details.status, details.text).toBe(200);
    expect((details.body as ChartDetails).signature).toMatchObject({
      status: 'verified',
      signer: signer.userId,
      fingerprint: signer.fingerprint,
    });
    const unsigned = await h.api('POST', '/previews/chart', {
      body: { source: { url: h.repo.url }, chart: 'unsigned', version: '1.0.0', verify: verify() },
    });
    expect((unsigned.body as ChartDetails).signature).toMatchObject({
      status: 'unsigned',
      reason: { code: 'signature-missing' },
    });
    const plain = await h.api('POST', '/previews/chart', {
      body: { source: { url: h.repo.url }, chart: 'signed', version: '1.0.0' },
    });
    expect(plain.body).not.toHaveProperty('signature');
  });

  it("keeps a sync's policy and keys in its spec; an unusable keyring is refused", async () => {
    const created = await h.api('POST', '/syncs', {
      body: { name: 'signed-only', schedule: '0 3 * * *', source: { url: h.repo.url }, verify: verify() },
    });
    expect(created.status, created.text).toBe(201);
    expect((created.body as SyncRecord).spec.verify).toMatchObject({ policy: 'require' });
    const read = (await h.api('GET', '/syncs/signed-only')).body as SyncRecord;
    expect(read.spec.verify?.keyring).toBe(signer.armoredPublicKey.trim());
    const refused = await h.api('POST', '/syncs', {
      body: {
        name: 'bad-keys',
        schedule: '0 3 * * *',
        source: { url: h.repo.url },
        verify: { policy: 'require', keyring: 'nope' },
      },
    });
    expect(refused.status, refused.text).toBe(400);
  });
});
