// cosign signatures checked with each kind of public key cosign makes (ECDSA P-256 by default,
// RSA and Ed25519 from imported keys), payloads in cosign's simple signing format.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { verifyCosign } from './cosign.js';
import { readCosignKey } from './keys.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const payload = (digest: string): Buffer =>
  Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': 'registry.example/charts/demo' },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
const pem = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();

const pairs = {
  'ECDSA P-256': generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
  'RSA 2048': generateKeyPairSync('rsa', { modulusLength: 2048 }),
  Ed25519: generateKeyPairSync('ed25519'),
};

describe('cosign signatures', () => {
  it.each(Object.entries(pairs))('verifies a %s signature of the manifest digest', (_kind, pair) => {
    const body = payload(DIGEST);
    const algorithm = pair.publicKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    const signature = sign(algorithm, body, pair.privateKey).toString('base64');
    const key = readCosignKey(pem(pair.publicKey));
    expect(verifyCosign([{ payload: body, signature }], DIGEST, key)).toEqual({
      ok: true,
      fingerprint: key.fingerprint,
    });
    // The same signature, checked for another manifest, or with its payload changed.
    const moved = verifyCosign([{ payload: body, signature }], `sha256:${'b'.repeat(64)}`, key);
    expect(moved.ok).toBe(false);
    expect('problem' in moved && moved.problem.text).toMatch(
      /^the signature is for sha256:a+, not sha256:b+$/,
    );
    expect('problem' in moved && moved.problem).toMatchObject({
      why: 'cosign-other-manifest',
      params: { signedDigest: DIGEST, manifestDigest: `sha256:${'b'.repeat(64)}` },
    });
    expect(verifyCosign([{ payload: payload(`sha256:${'b'.repeat(64)}`), signature }], DIGEST, key)).toEqual({
      ok: false,
      problem: { why: 'cosign-no-valid', text: 'no cosign signature verifies with the cosign key' },
    });
  });

  it('refuses a private key, a curve cosign does not use, and text that is no key', () => {
    const ec = pairs['ECDSA P-256'];
    expect(() => readCosignKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(
      /is a private key: give the public key/,
    );
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(() => readCosignKey(pem(p384.publicKey))).toThrow(
      /ec secp384r1 key; use an ECDSA P-256, RSA or Ed25519/,
    );
    expect(() => readCosignKey('not a key')).toThrow(/is not a PEM public key/);
  });
});
