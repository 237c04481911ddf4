// A version's signature under the run's policy: the material a repository found beside the
// package, checked against the admin's keys. Made once per run (keys are read once).
import { paramsUnder, say, shown, type Message } from '../messages/index.js';
import type { ChartRepository, ChartVersionRef, FetchedPackage } from '../repo/types.js';
import { verifyCosign } from './cosign.js';
import { keysInvalid, readCosignKey, readKeyring, errorText, type CosignKey } from './keys.js';
import { verifyProvenance } from './provenance.js';
import type { PublicKey } from 'openpgp';
import type {
  SignatureMaterial,
  SignatureProblem,
  SignatureResult,
  VerifyOptions,
  VerifyPolicy,
} from './types.js';

export class SignatureCheck {
  private constructor(
    readonly policy: Exclude<VerifyPolicy, 'off'>,
    private readonly keyring: readonly PublicKey[] | undefined,
    private readonly cosignKey: CosignKey | undefined,
  ) {}

  /**
   * The check of a run; undefined when the policy is off (nothing is fetched). Throws InputError
   * when the policy needs keys and has none, or when a keyring or key cannot be read.
   */
  static async create(options: VerifyOptions | undefined): Promise<SignatureCheck | undefined> {
    if (options === undefined || options.policy === 'off') return undefined;
    const hasKeyring = options.keyring !== undefined && options.keyring.length > 0;
    const hasCosign = options.cosignKey !== undefined && options.cosignKey.trim() !== '';
    if (!hasKeyring && !hasCosign) {
      throw keysInvalid(
        `The signature policy "${options.policy}" needs keys to check with: give a keyring (Helm provenance) or a cosign public key (OCI charts).`,
        'keys-missing',
        { policy: options.policy },
      );
    }
    const keyring = hasKeyring && options.keyring ? await readKeyring(options.keyring) : undefined;
    const cosignKey = hasCosign && options.cosignKey ? readCosignKey(options.cosignKey) : undefined;
    return new SignatureCheck(options.policy, keyring, cosignKey);
  }

  /**
   * What a result does to its version: the notes of its item, and whether it is held back (not
   * released: policy require and not verified). Under warn a failing version only gets a note.
   */
  outcome(result: SignatureResult, ref: ChartVersionRef): { notes: Message[]; held: boolean } {
    const notes = result.reason ? [result.reason] : [];
    if (result.status === 'verified' || this.policy === 'warn') return { notes, held: false };
    const about = { chart: shown(ref.name), version: shown(ref.version) };
    return { notes: [...notes, say('signature-held', about)], held: true };
  }

  /** Reads what `repo` has beside `pkg` and checks it; never throws for a bad signature. */
  async check(
    repo: ChartRepository,
    ref: ChartVersionRef,
    pkg: FetchedPackage,
    signal?: AbortSignal,
  ): Promise<SignatureResult> {
    const about = { chart: shown(ref.name), version: shown(ref.version) };
    if (!repo.loadSignature)
      return unchecked(about, { why: 'bundle', text: 'this source carries no signatures (a bundle)' });
    let material: SignatureMaterial;
    try {
      material = await repo.loadSignature(ref, pkg, signal);
    } catch (error) {
      if (error instanceof Error && error.name === 'CancelledError') throw error;
      if (signal?.aborted) throw error;
      const detail = errorText(error);
      material = {
        problem: {
          why: 'unreadable',
          text: `its signature could not be read: ${detail}`,
          params: { detail },
        },
      };
    }
    return this.verify(material, ref, pkg.bytes);
  }

  /** The result of `material` for the package `bytes` of `ref`. */
  async verify(material: SignatureMaterial, ref: ChartVersionRef, bytes: Buffer): Promise<SignatureResult> {
    const about = { chart: shown(ref.name), version: shown(ref.version) };
    const problems: { source: string; problem: SignatureProblem }[] = [];
    if (material.provenance) {
      if (this.keyring) {
        const outcome = await verifyProvenance(
          material.provenance.text,
          { bytes, fileName: material.provenance.fileName, name: ref.name, version: ref.version },
          this.keyring,
        );
        if (outcome.ok) return verified(about, outcome.signer, outcome.fingerprint);
        problems.push({ source: 'provenance', problem: outcome.problem });
      }
    }
    const cosign = material.cosign;
    if (cosign && cosign.signatures.length > 0 && this.cosignKey) {
      const outcome = verifyCosign(cosign.signatures, cosign.manifestDigest, this.cosignKey);
      if (outcome.ok) return verified(about, 'cosign key', outcome.fingerprint);
      problems.push({ source: 'cosign', problem: outcome.problem });
    }
    const [first, second] = problems;
    if (first !== undefined) {
      // The English text has both reasons; a console says the second from `alsoWhy` and `also.*`.
      const text = problems.map(({ source, problem }) => `${source}: ${problem.text}`).join('; ');
      const also =
        second === undefined
          ? {}
          : { alsoWhy: second.problem.why, ...paramsUnder('also.', second.problem.params ?? {}) };
      return {
        status: 'invalid',
        reason: say('signature-invalid', { ...about, ...problemParams({ ...first.problem, text }), ...also }),
      };
    }
    if (material.problem !== undefined) return unchecked(about, material.problem);
    // Signed, but not in a way the keys given can check.
    if (material.provenance && !this.keyring)
      return unchecked(about, {
        why: 'no-keyring',
        text: 'it has a provenance file, but no keyring was given',
      });
    if (cosign && cosign.signatures.length > 0 && !this.cosignKey) {
      return unchecked(about, {
        why: 'no-cosign-key',
        text: 'it has a cosign signature, but no cosign key was given',
      });
    }
    return { status: 'unsigned', reason: say('signature-missing', about) };
  }
}

function verified(
  about: { chart: string; version: string },
  signer: string,
  fingerprint: string,
): SignatureResult {
  return {
    status: 'verified',
    signer,
    fingerprint,
    reason: say('signature-verified', { ...about, signer: shown(signer, 200), fingerprint }),
  };
}

function unchecked(about: { chart: string; version: string }, problem: SignatureProblem): SignatureResult {
  return { status: 'unchecked', reason: say('signature-unchecked', { ...about, ...problemParams(problem) }) };
}

/** A problem as a message's parameters: its English text, its reason, the names it shows. */
function problemParams({ why, text, params }: SignatureProblem): SignatureParams {
  return { ...params, problem: text, why };
}

type SignatureParams = { problem: string; why: string } & Readonly<Record<string, string>>;

/**
 * The last line of a version's description in the store, the one place the App Store API lets a
 * client record the result on the version (helper.go CreateOrUpdateAppVersion: the
 * kubesphere.io/description annotation from the upload's description).
 */
export function signatureLine(result: SignatureResult): string {
  switch (result.status) {
    case 'verified':
      return `Signature: verified, signed by ${result.signer ?? '?'} (${result.fingerprint ?? '?'})`;
    case 'unsigned':
      return 'Signature: none';
    case 'invalid':
      return `Signature: invalid: ${problemOf(result)}`;
    case 'unchecked':
      return `Signature: not checked: ${problemOf(result)}`;
  }
}

function problemOf(result: SignatureResult): string {
  const problem = result.reason?.params.problem;
  return typeof problem === 'string' ? problem : result.status;
}

/** `description` with the signature line as its last line. */
export function withSignatureLine(description: string | undefined, result: SignatureResult): string {
  const line = signatureLine(result);
  return description === undefined || description.trim() === '' ? line : `${description.trimEnd()}\n${line}`;
}
