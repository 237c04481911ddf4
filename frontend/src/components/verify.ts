// The signature policy as the forms hold it (the API's VerifySettings) and as requests send it:
// keys only with a policy that uses them, nothing at all when off.
import { schemaLimits, type SignaturePolicy, type VerifySettings } from '../api';

export const MAX_KEYRING = schemaLimits.VerifySettings.properties.keyring.maxLength;
export const MAX_COSIGN_KEY = schemaLimits.VerifySettings.properties.cosignKey.maxLength;

/** What a request carries: undefined when off. */
export function verifyRequest(value: VerifySettings | undefined): VerifySettings | undefined {
  if (value === undefined || value.policy === 'off') return undefined;
  const keyring = value.keyring?.trim() ?? '';
  const cosignKey = value.cosignKey?.trim() ?? '';
  return {
    policy: value.policy,
    ...(keyring === '' ? {} : { keyring }),
    ...(cosignKey === '' ? {} : { cosignKey }),
  };
}

/** What is wrong with the settings, localized; undefined when they can be sent. */
export function verifyProblem(value: VerifySettings | undefined): string | undefined {
  const request = verifyRequest(value);
  if (request === undefined) return undefined;
  return request.keyring === undefined && request.cosignKey === undefined
    ? t('VERIFY_KEYS_REQUIRED')
    : undefined;
}

export function policyLabel(policy: SignaturePolicy): string {
  switch (policy) {
    case 'off':
      return t('VERIFY_OFF');
    case 'warn':
      return t('VERIFY_WARN');
    case 'require':
      return t('VERIFY_REQUIRE');
  }
}

export function policyHelp(policy: SignaturePolicy): string {
  switch (policy) {
    case 'off':
      return t('VERIFY_OFF_DESC');
    case 'warn':
      return t('VERIFY_WARN_DESC');
    case 'require':
      return t('VERIFY_REQUIRE_DESC');
  }
}

/** The policy in one sentence, for the review and the sync's settings. */
export function policySentence(value: VerifySettings | undefined): string {
  switch (verifyRequest(value)?.policy ?? 'off') {
    case 'warn':
      return t('VERIFY_REVIEW_WARN');
    case 'require':
      return t('VERIFY_REVIEW_REQUIRE');
    default:
      return t('VERIFY_REVIEW_OFF');
  }
}
