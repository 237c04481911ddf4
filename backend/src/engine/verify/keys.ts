// The admin's public keys, read once per run: an OpenPGP keyring for Helm provenance and a PEM
// public key for cosign. A keyring or key that cannot be read is the caller's input error.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readKeys, type PublicKey } from 'openpgp';

import { InputError } from '../errors.js';
import { say } from '../messages/index.js';

/** An armored keyring starts with this; anything else is read as binary OpenPGP packets. */
const ARMOR = '-----BEGIN PGP PUBLIC KEY BLOCK-----';

/**
 * The public keys of a keyring: ASCII-armored (`gpg --export --armor`), or binary (`gpg --export`,
 * a legacy `pubring.gpg`, whose trust packets are skipped). Secret keys are refused: only public
 * keys belong in a verification keyring.
 */
export async function readKeyring(bytes: Buffer): Promise<PublicKey[]> {
  const text = bytes.toString('utf8');
  // Checked on the text too: the armored reading below takes the public blocks only, and would
  // pass over a secret one pasted beside them, which the caller then keeps.
  if (text.includes(SECRET_ARMOR)) throw secretKey();
  let keys;
  try {
    keys = text.includes(ARMOR)
      ? await readArmored(text)
      : await readKeys({ binaryKeys: new Uint8Array(isKeybox(bytes) ? keyboxKeyblocks(bytes) : bytes) });
  } catch (cause) {
    throw keysInvalid(
      `The keyring holds no OpenPGP public key (${errorText(cause)}). Export it with \`gpg --export --armor KEY-ID\`.`,
      'keyring-unreadable',
      { reason: errorText(cause) },
      cause,
    );
  }
  if (keys.some((key) => key.isPrivate())) throw secretKey();
  if (keys.length === 0) throw keysInvalid('The keyring holds no OpenPGP public key.', 'keyring-empty');
  return keys;
}

const SECRET_ARMOR = '-----BEGIN PGP PRIVATE KEY BLOCK-----';

function secretKey(): InputError {
  return keysInvalid(
    'The keyring holds a secret key: give only public keys (`gpg --export --armor KEY-ID`), never the signing key.',
    'keyring-secret',
  );
}

/** Why keys cannot be used (the console says it by `why`); `problem` is the English sentence. */
export type KeysWhy =
  | 'keys-missing'
  | 'keyring-unreadable'
  | 'keyring-empty'
  | 'keyring-secret'
  | 'cosign-private'
  | 'cosign-unreadable'
  | 'cosign-key-type';

export function keysInvalid(
  problem: string,
  why: KeysWhy,
  params: Readonly<Record<string, string>> = {},
  cause?: unknown,
): InputError {
  return new InputError(say('verify-keys-invalid', { ...params, problem, why }), { cause });
}

/** Every armored block of a pasted text (several `gpg --export --armor` outputs one after another). */
async function readArmored(text: string): Promise<PublicKey[]> {
  const blocks = text.match(
    /-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]*?-----END PGP PUBLIC KEY BLOCK-----/g,
  );
  if (!blocks) throw new Error('an armored block is not terminated');
  const keys: PublicKey[] = [];
  for (const block of blocks) keys.push(...(await readKeys({ armoredKeys: block })));
  return keys;
}

/** GnuPG 2's keybox (`pubring.kbx`): its first blob carries the magic "KBXf" at offset 8. */
function isKeybox(bytes: Buffer): boolean {
  return bytes.length >= 12 && bytes.subarray(8, 12).toString('latin1') === 'KBXf';
}

/**
 * The OpenPGP keyblocks of a keybox, one after another (GnuPG kbx/keybox-blob.c: each blob is its
 * length (4 bytes), type (1: header, 2: OpenPGP, 3: X.509), version, flags (2), then the offset
 * and length (4 bytes each) of its keyblock within the blob).
 */
function keyboxKeyblocks(bytes: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let at = 0; at + 16 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (length < 16 || at + length > bytes.length) throw new Error('the keybox is truncated');
    if (bytes[at + 4] === 2) {
      const offset = bytes.readUInt32BE(at + 8);
      const size = bytes.readUInt32BE(at + 12);
      if (offset + size > length) throw new Error('a keybox blob is truncated');
      blocks.push(bytes.subarray(at + offset, at + offset + size));
    }
    at += length;
  }
  return Buffer.concat(blocks);
}

export interface CosignKey {
  key: KeyObject;
  /** sha256 of the key's SubjectPublicKeyInfo (DER), hex: how the result names the key. */
  fingerprint: string;
}

/** A cosign public key (`cosign.pub`, PEM): ECDSA P-256 (cosign's default), RSA or Ed25519. */
export function readCosignKey(pem: string): CosignKey {
  // Node derives a public key from a private one: refuse it rather than hold a signing key.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw keysInvalid(
      'The cosign key is a private key: give the public key (cosign.pub), never the signing key.',
      'cosign-private',
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (cause) {
    throw keysInvalid(
      `The cosign key is not a PEM public key (${errorText(cause)}); give the cosign.pub made by \`cosign generate-key-pair\`.`,
      'cosign-unreadable',
      { reason: errorText(cause) },
      cause,
    );
  }
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (!(type === 'rsa' || type === 'ed25519' || (type === 'ec' && curve === 'prime256v1'))) {
    const keyType = `${type ?? 'unknown'}${curve ? ` ${curve}` : ''}`;
    throw keysInvalid(
      `The cosign key is a ${keyType} key; use an ECDSA P-256, RSA or Ed25519 public key.`,
      'cosign-key-type',
      { keyType },
    );
  }
  const der = key.export({ type: 'spki', format: 'der' });
  return { key, fingerprint: createHash('sha256').update(der).digest('hex') };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
