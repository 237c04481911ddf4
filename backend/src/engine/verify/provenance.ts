// Helm provenance, checked as `helm verify` does (helm pkg/provenance/sign.go, Signatory.Verify):
// the .prov is a PGP clear-signed document whose body is the chart's Chart.yaml, a `...` line and
// `files: {<package file name>: sha256:<hex>}`; its signature must verify against a key of the
// keyring, and the sha256 of the package bytes must be the one listed for the package's file name.
// Helm's parseMessageBlock splits the body on "\n...\n" and reads both parts as YAML.
import { createHash } from 'node:crypto';
import jsYaml from 'js-yaml';
import { readCleartextMessage, verify, type PublicKey } from 'openpgp';

import { errorText } from './keys.js';
import type { SignatureProblem, SignatureWhy } from './types.js';

export type ProvenanceOutcome =
  { ok: true; signer: string; fingerprint: string } | { ok: false; problem: SignatureProblem };

const failed = (
  why: SignatureWhy,
  text: string,
  params?: Record<string, string>,
): { ok: false; problem: SignatureProblem } => ({
  ok: false,
  problem: params ? { why, text, params } : { why, text },
});

/** Verifies a provenance document for `pkg`, a package named `fileName` holding chart `name` `version`. */
export async function verifyProvenance(
  text: string,
  pkg: { bytes: Buffer; fileName: string; name: string; version: string },
  keyring: readonly PublicKey[],
): Promise<ProvenanceOutcome> {
  let message;
  try {
    message = await readCleartextMessage({ cleartextMessage: text });
  } catch (cause) {
    return failed(
      'not-signed-message',
      `the provenance file is not a PGP signed message (${errorText(cause)})`,
      { detail: errorText(cause) },
    );
  }
  const result = await verify({ message, verificationKeys: [...keyring], expectSigned: false });
  const first = result.signatures[0];
  if (first === undefined) return failed('no-signature', 'the provenance file has no signature');
  const signerKey = keyring.find((key) => key.getKeys(first.keyID).length > 0);
  if (signerKey === undefined) {
    const keyId = first.keyID.toHex().toUpperCase();
    return failed('unknown-key', `signed by key ${keyId}, which is not in the keyring`, { keyId });
  }
  try {
    await first.verified;
  } catch (cause) {
    const detail = errorText(cause);
    return failed('bad-signature', `the signature does not verify (${detail})`, { detail });
  }
  const body = digestsOf(message.getText());
  if ('problem' in body) return { ok: false, problem: body.problem };
  if (body.name !== pkg.name || body.version !== pkg.version) {
    const signedName = body.name ?? '?';
    const signedVersion = body.version ?? '?';
    return failed(
      'other-chart',
      `the provenance is for ${signedName} ${signedVersion}, not ${pkg.name} ${pkg.version}`,
      { signedName, signedVersion },
    );
  }
  const listed = body.files[pkg.fileName];
  if (listed === undefined) {
    const fileName = pkg.fileName;
    return failed('no-file', `the provenance lists no sha256 for a file named ${fileName}`, { fileName });
  }
  const actual = `sha256:${createHash('sha256').update(pkg.bytes).digest('hex')}`;
  if (listed !== actual) {
    const signed = listed.slice(0, 80);
    return failed('digest-mismatch', `the package's ${actual} is not the signed ${signed}`, {
      actual,
      signed,
    });
  }
  return {
    ok: true,
    signer: (await primaryUserId(signerKey)) ?? first.keyID.toHex().toUpperCase(),
    fingerprint: signerKey.getFingerprint().toUpperCase(),
  };
}

type Body =
  { name?: string; version?: string; files: Record<string, string> } | { problem: SignatureProblem };

/** helm's parseMessageBlock: Chart.yaml, "\n...\n", then the SumCollection. */
function digestsOf(text: string): Body {
  const parts = text.replaceAll('\r\n', '\n').split('\n...\n');
  if (parts.length < 2)
    return {
      problem: { why: 'not-provenance', text: 'the signed text is not a Helm provenance (no "..." line)' },
    };
  try {
    const chart = jsYaml.load(parts[0] ?? '') as Record<string, unknown> | null;
    const sums = jsYaml.load(parts[1] ?? '') as { files?: unknown } | null;
    const files: Record<string, string> = {};
    if (typeof sums?.files === 'object' && sums.files !== null) {
      for (const [name, sum] of Object.entries(sums.files)) if (typeof sum === 'string') files[name] = sum;
    }
    return {
      ...(typeof chart?.name === 'string' ? { name: chart.name } : {}),
      ...(typeof chart?.version === 'string' ? { version: chart.version } : {}),
      files,
    };
  } catch (cause) {
    const detail = errorText(cause);
    return {
      problem: { why: 'bad-yaml', text: `the signed text is not valid YAML (${detail})`, params: { detail } },
    };
  }
}

async function primaryUserId(key: PublicKey): Promise<string | undefined> {
  try {
    const { user } = await key.getPrimaryUser();
    return user.userID?.userID;
  } catch {
    return key.getUserIDs()[0];
  }
}
