// A request's signature settings (VerifySettings): checked at the edge (a policy without keys, a
// keyring or key that cannot be read: 400), kept in the job's and the sync's spec (public keys,
// not secrets) only when the policy is not off, and turned into the engine's VerifyOptions.
import { InputError, SignatureCheck, type VerifyOptions } from '../../engine/index.js';
import type { SourceRequest, VerifySettings } from '../../contract/index.js';
import { refused } from '../../engine/index.js';

/** The settings to keep: undefined when absent or off (nothing to check, nothing stored). */
export function verifySettingsOf(settings: VerifySettings | undefined): VerifySettings | undefined {
  if (settings === undefined || settings.policy === 'off') return undefined;
  const keyring = settings.keyring?.trim();
  const cosignKey = settings.cosignKey?.trim();
  return {
    policy: settings.policy,
    ...(keyring ? { keyring } : {}),
    ...(cosignKey ? { cosignKey } : {}),
  };
}

/** The engine's options of stored settings. */
export function verifyOptionsOf(settings: VerifySettings | undefined): VerifyOptions | undefined {
  const kept = verifySettingsOf(settings);
  if (kept === undefined) return undefined;
  return {
    policy: kept.policy,
    ...(kept.keyring ? { keyring: Buffer.from(kept.keyring, 'utf8') } : {}),
    ...(kept.cosignKey ? { cosignKey: kept.cosignKey } : {}),
  };
}

/** The engine's `verify` option of stored settings: absent when the policy is off. */
export function verifyOptionOf(settings: VerifySettings | undefined): { verify?: VerifyOptions } {
  const verify = verifyOptionsOf(settings);
  return verify ? { verify } : {};
}

/**
 * Throws InputError (400) when the settings cannot run: no keys for the policy, unreadable keys,
 * or require with an offline bundle, which carries no signatures (every version would be held).
 */
export async function checkVerifySettings(
  settings: VerifySettings | undefined,
  source?: SourceRequest,
): Promise<void> {
  if (settings?.policy === 'require' && source !== undefined && 'bundle' in source) {
    throw new InputError(
      refused(
        'verify.policy require cannot be met with an offline bundle: a bundle carries no signatures, so every version would be held back; verify with an import from the repository',
        'require-with-bundle',
        'body.verify.policy',
      ),
    );
  }
  await SignatureCheck.create(verifyOptionsOf(settings));
}
