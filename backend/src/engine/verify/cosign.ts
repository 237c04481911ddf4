// cosign signatures of an OCI chart, checked with the admin's public key. Built from cosign's
// signature spec (sigstore/cosign specs/SIGNATURE_SPEC.md): the signatures of manifest
// sha256:<hex> are the layers of the manifest tagged `sha256-<hex>.sig` in the same repository,
// of media type application/vnd.dev.cosign.simplesigning.v1+json; each layer's bytes are a
// "simple signing" JSON payload naming critical.image.docker-manifest-digest, and its annotation
// dev.cosignproject.cosign/signature holds the base64 signature over those bytes.
import { verify as verifySignature } from 'node:crypto';

import type { CosignKey } from './keys.js';
import type { CosignSignature, SignatureProblem } from './types.js';

export const COSIGN_SIGNATURE_LAYER = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const COSIGN_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';

/** The tag holding the signatures of a manifest (cosign's triangulation). */
export function cosignSignatureTag(manifestDigest: string): string {
  return `${manifestDigest.replace(':', '-')}.sig`;
}

export type CosignOutcome = { ok: true; fingerprint: string } | { ok: false; problem: SignatureProblem };

/** Verified when one signature verifies with `key` and its payload names `manifestDigest`. */
export function verifyCosign(
  signatures: readonly CosignSignature[],
  manifestDigest: string,
  key: CosignKey,
): CosignOutcome {
  let problem: SignatureProblem = {
    why: 'cosign-no-valid',
    text: 'no cosign signature verifies with the cosign key',
  };
  for (const { payload, signature } of signatures) {
    const bytes = Buffer.from(signature, 'base64');
    // Ed25519 signs the message itself; ECDSA (DER signature) and RSA (PKCS#1 v1.5) its SHA-256.
    const algorithm = key.key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    let valid = false;
    try {
      valid = verifySignature(algorithm, payload, key.key, bytes);
    } catch {
      valid = false;
    }
    if (!valid) continue;
    const named = signedDigest(payload);
    if (named === manifestDigest) return { ok: true, fingerprint: key.fingerprint };
    const signedFor = named ?? 'no manifest';
    problem = {
      why: 'cosign-other-manifest',
      text: `the signature is for ${signedFor}, not ${manifestDigest}`,
      params: { signedDigest: signedFor, manifestDigest },
    };
  }
  return { ok: false, problem };
}

/** critical.image.docker-manifest-digest of a simple signing payload. */
function signedDigest(payload: Buffer): string | undefined {
  try {
    const body = JSON.parse(payload.toString('utf8')) as {
      critical?: { image?: { 'docker-manifest-digest'?: unknown } };
    } | null;
    const digest = body?.critical?.image?.['docker-manifest-digest'];
    return typeof digest === 'string' ? digest : undefined;
  } catch {
    return undefined;
  }
}
