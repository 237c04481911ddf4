// Signatures of OCI charts against a real registry (distribution v2): charts signed by the real
// `helm package --sign` and pushed by the real `helm push` (which carries the .prov as a layer),
// and cosign signatures. No cosign binary is used: the signature manifests are built here from
// cosign's signature spec (tag sha256-<hex>.sig, simple signing payload, ECDSA P-256 over SHA-256)
// with Node's crypto, and pushed through the registry's API.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createChartRepository } from '../../src/engine/repo/index.js';
import type { ChartRepository, ChartVersionRef } from '../../src/engine/repo/types.js';
import { SignatureCheck } from '../../src/engine/verify/index.js';
import { type TestRegistry, findRegistryBinary, helmWorkspace, startRegistry } from '../support/registry.js';
import { makeSigner, type TestSigner } from '../support/signing.js';

const registryBinary = findRegistryBinary();
const helm = process.env.HELM_BIN;
const ready = registryBinary !== undefined && helm !== undefined && existsSync(helm);
const title = ready
  ? 'OCI chart signatures (real registry, helm --sign, cosign format)'
  : 'OCI chart signatures (skipped: needs the docker-registry binary and HELM_BIN)';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe.skipIf(!ready)(title, () => {
  let registry: TestRegistry | undefined;
  let signer: TestSigner | undefined;
  let work = '';
  const cosign = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const otherCosign = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
  const base = (): string => `http://${registry?.host ?? ''}/v2/charts/demo`;

  async function pushBlob(bytes: Buffer): Promise<{ digest: string; size: number }> {
    const start = await fetch(`${base()}/blobs/uploads/`, { method: 'POST' });
    const location = new URL(start.headers.get('location') ?? '', base());
    location.searchParams.set('digest', sha256(bytes));
    const put = await fetch(location, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    if (put.status !== 201) throw new Error(`blob upload: ${put.status}`);
    return { digest: sha256(bytes), size: bytes.length };
  }

  async function manifestDigest(tag: string): Promise<string> {
    const response = await fetch(`${base()}/manifests/${tag}`, { headers: { accept: OCI_MANIFEST } });
    return sha256(Buffer.from(await response.arrayBuffer()));
  }

  /** What `cosign sign --key` pushes: a manifest at sha256-<hex>.sig with one simple signing layer. */
  async function pushCosignSignature(forDigest: string, namesDigest: string, key: KeyObject): Promise<void> {
    const payload = Buffer.from(
      JSON.stringify({
        critical: {
          identity: { 'docker-reference': `${registry?.host ?? ''}/charts/demo` },
          image: { 'docker-manifest-digest': namesDigest },
          type: 'cosign container image signature',
        },
        optional: null,
      }),
    );
    const layer = await pushBlob(payload);
    const config = await pushBlob(
      Buffer.from(
        JSON.stringify({ architecture: '', os: '', rootfs: { type: 'layers', diff_ids: [sha256(payload)] } }),
      ),
    );
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [
        {
          mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
          ...layer,
          annotations: {
            'dev.cosignproject.cosign/signature': sign('sha256', payload, key).toString('base64'),
          },
        },
      ],
    };
    const tag = `${forDigest.replace(':', '-')}.sig`;
    const put = await fetch(`${base()}/manifests/${tag}`, {
      method: 'PUT',
      body: JSON.stringify(manifest),
      headers: { 'content-type': OCI_MANIFEST },
    });
    if (put.status !== 201) throw new Error(`manifest push: ${put.status} ${await put.text()}`);
  }

  beforeAll(async () => {
    if (!registryBinary || !helm) return;
    registry = await startRegistry(registryBinary);
    signer = await makeSigner();
    const workspace = helmWorkspace(helm, 'oci-signed-', 'demo');
    work = workspace.dir;
    const run = workspace.helm;
    for (const version of ['1.0.0', '2.0.0', '3.0.0']) {
      workspace.setVersion('demo', version);
      // 1.0.0 is signed with helm (its .prov pushed beside it); the others are not.
      const sign = version === '1.0.0' ? ['--sign', '--key', signer.name, '--keyring', signer.secring] : [];
      run(['package', 'demo', ...sign]);
      run(['push', join(work, `demo-${version}.tgz`), `oci://${registry.host}/charts`, '--plain-http']);
    }
    await pushCosignSignature(
      await manifestDigest('1.0.0'),
      await manifestDigest('1.0.0'),
      cosign.privateKey,
    );
    // 3.0.0's signature names 1.0.0's manifest: a signature moved from another artifact.
    await pushCosignSignature(
      await manifestDigest('3.0.0'),
      await manifestDigest('1.0.0'),
      cosign.privateKey,
    );
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    await signer?.dispose();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  async function checkVersion(version: string, options: { keyring?: Buffer; cosignKey?: string }) {
    const repo: ChartRepository = createChartRepository(
      { url: `oci://${registry?.host ?? ''}/charts/demo` },
      { plainHttp: true },
    );
    const refs = (await repo.loadIndex()).entries.get('demo') ?? [];
    const ref = refs.find((r) => r.version === version) as ChartVersionRef;
    const pkg = await repo.fetchPackage(ref);
    const check = await SignatureCheck.create({ policy: 'require', ...options });
    if (!check) throw new Error('no check');
    return check.check(repo, ref, pkg);
  }

  it('verifies a cosign signature of the chart manifest with the public key', async () => {
    const result = await checkVersion('1.0.0', { cosignKey: pem(cosign.publicKey) });
    const der = cosign.publicKey.export({ type: 'spki', format: 'der' });
    expect(result).toMatchObject({
      status: 'verified',
      signer: 'cosign key',
      fingerprint: createHash('sha256').update(der).digest('hex'),
    });
  });

  it('refuses the cosign signature for another key', async () => {
    const result = await checkVersion('1.0.0', { cosignKey: pem(otherCosign.publicKey) });
    expect(result.status).toBe('invalid');
    expect(result.reason?.message).toBe(
      'signature invalid: cosign: no cosign signature verifies with the cosign key',
    );
  });

  it('refuses a valid signature that names another manifest', async () => {
    const result = await checkVersion('3.0.0', { cosignKey: pem(cosign.publicKey) });
    expect(result.status).toBe('invalid');
    expect(result.reason?.message).toMatch(
      /cosign: the signature is for sha256:[0-9a-f]{64}, not sha256:[0-9a-f]{64}$/,
    );
  });

  it('reports an unsigned version', async () => {
    const result = await checkVersion('2.0.0', { cosignKey: pem(cosign.publicKey) });
    expect(result).toMatchObject({ status: 'unsigned', reason: { code: 'signature-missing' } });
  });

  it('gives both reasons when neither the provenance nor the cosign signature verifies', async () => {
    const other = await makeSigner('Other Signer', 'other@example.test');
    try {
      const result = await checkVersion('1.0.0', {
        keyring: other.publicKeyring,
        cosignKey: pem(otherCosign.publicKey),
      });
      expect(result.status).toBe('invalid');
      expect(result.reason?.message).toMatch(/^signature invalid: provenance: .+; cosign: .+/);
      // The first reason as why, the second as alsoWhy: a console says both in its language.
      expect(result.reason?.params).toMatchObject({ why: 'unknown-key', alsoWhy: 'cosign-no-valid' });
    } finally {
      await other.dispose();
    }
  });

  it('verifies the provenance layer helm push carries, with the keyring', async () => {
    const result = await checkVersion('1.0.0', { keyring: signer?.publicKeyring ?? Buffer.alloc(0) });
    expect(result).toMatchObject({
      status: 'verified',
      signer: signer?.userId,
      fingerprint: signer?.fingerprint,
    });
  });
});
