// The signature policy of an import and what a check found. Owned by engine/verify.
import type { Message } from '../messages/index.js';

/** off: nothing is fetched; warn: a failing version is imported with a note; require: it is not released. */
export type VerifyPolicy = 'off' | 'warn' | 'require';

export interface VerifyOptions {
  policy: VerifyPolicy;
  /** OpenPGP public keys for Helm provenance files: ASCII-armored, or binary (`gpg --export`, a pubring.gpg). */
  keyring?: Buffer;
  /** PEM public key (ECDSA P-256, RSA or Ed25519) for cosign signatures of OCI charts. */
  cosignKey?: string;
}

export type SignatureStatus = 'verified' | 'unsigned' | 'invalid' | 'unchecked';

/** One version's signature, as checked on the package as downloaded. */
export interface SignatureResult {
  status: SignatureStatus;
  /** The signing key's user id (provenance), or `cosign key` (cosign has no user ids). */
  signer?: string;
  /** The key's OpenPGP fingerprint, or the sha256 of the cosign public key (SubjectPublicKeyInfo). */
  fingerprint?: string;
  /** Why it is not verified; for a verified one, the note saying by whom. */
  reason?: Message;
}

/** Why a signature did not verify, or could not be checked: a stable reason, for a console in the user's language. */
export type SignatureWhy =
  | 'not-signed-message'
  | 'no-signature'
  | 'unknown-key'
  | 'bad-signature'
  | 'not-provenance'
  | 'bad-yaml'
  | 'other-chart'
  | 'no-file'
  | 'digest-mismatch'
  | 'cosign-no-valid'
  | 'cosign-other-manifest'
  | 'bundle'
  | 'no-keyring'
  | 'no-cosign-key'
  | 'unreadable';

/** A reason with its English text (the CLI's and the logs') and the names the text shows. */
export interface SignatureProblem {
  why: SignatureWhy;
  text: string;
  params?: Readonly<Record<string, string>>;
}

/** A cosign signature: the simple-signing payload (a layer's bytes) and its base64 signature. */
export interface CosignSignature {
  payload: Buffer;
  signature: string;
}

/** What a repository found beside a package; empty when it found no signature at all. */
export interface SignatureMaterial {
  /** Helm provenance: a `.prov` beside the package, or the provenance layer of an OCI chart. */
  provenance?: { text: string; fileName: string };
  /** cosign signatures of an OCI chart's manifest (tag `sha256-<hex>.sig`). */
  cosign?: { manifestDigest: string; signatures: CosignSignature[] };
  /** Why the signatures could not be read (not "there are none"): the version is unchecked. */
  problem?: SignatureProblem;
}
