// The signature policy of an import or a sync (the API's `verify`): Off / Warn / Require with one
// line each, the OpenPGP public keys for Helm provenance files, and the cosign public key for
// oci:// charts. Keys are pasted or read from a file in the browser (public keys: not secrets).
import { Radio } from '@kubed/components';
import styled from 'styled-components';
import { signaturePolicyValues, type SignaturePolicy, type VerifySettings } from '../api';
import { asText } from '../i18n';
import { FormField } from './FormField';
import type { ImportOptions } from './options';
import { PemField } from './PemField';
import { RadioChoice } from './RadioChoice';
import { MAX_COSIGN_KEY, MAX_KEYRING, policyHelp, policyLabel, verifyProblem } from './verify';

const Stack = styled.div`
  display: flex;
  flex-direction: column;
  gap: 10px;
`;

const Explain = styled.div`
  margin-left: 24px;
  font-size: 12px;
  color: ${({ theme }) => theme.palette.accents_5};
`;

export interface VerifyFieldProps {
  value: ImportOptions;
  onChange: (options: ImportOptions) => void;
  /** The source may be an oci:// chart: the cosign key field is shown. */
  oci?: boolean;
  disabled?: boolean;
}

const OFF: VerifySettings = { policy: 'off' };

const tooLarge = (name: string): string => t('VERIFY_FILE_TOO_LARGE', asText({ name }));

export function VerifyField({ value, onChange, oci, disabled }: VerifyFieldProps) {
  const verify = value.verify ?? OFF;
  const set = (patch: Partial<VerifySettings>): void => {
    onChange({ ...value, verify: { ...verify, ...patch } });
  };
  const on = verify.policy !== 'off';
  return (
    <div data-testid="verify-fields">
      <FormField label={t('VERIFY_TITLE')} description={t('VERIFY_DESC')} error={verifyProblem(verify)}>
        <RadioChoice
          value={verify.policy}
          disabled={disabled}
          onChange={(policy: SignaturePolicy) => {
            set({ policy });
          }}
        >
          <Stack>
            {signaturePolicyValues.map((policy) => (
              <div key={policy}>
                <Radio value={policy} label={policyLabel(policy)} data-testid={`verify-${policy}`} />
                <Explain>{policyHelp(policy)}</Explain>
              </div>
            ))}
          </Stack>
        </RadioChoice>
      </FormField>
      {on && (
        <PemField
          id="verify-keyring"
          label={t('VERIFY_KEYRING')}
          help={t('VERIFY_KEYRING_DESC')}
          fileLabel={t('VERIFY_KEYRING_FILE_LABEL')}
          placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----"
          accept=".asc,.pub,text/plain"
          maxBytes={MAX_KEYRING}
          tooLarge={tooLarge}
          value={verify.keyring ?? ''}
          disabled={disabled}
          onChange={(keyring) => {
            set({ keyring });
          }}
        />
      )}
      {on && (oci === true || (verify.cosignKey ?? '') !== '') && (
        <PemField
          id="verify-cosign-key"
          label={t('VERIFY_COSIGN_KEY')}
          help={t('VERIFY_COSIGN_KEY_DESC')}
          fileLabel={t('VERIFY_COSIGN_KEY_FILE_LABEL')}
          placeholder="-----BEGIN PUBLIC KEY-----"
          accept=".pub,.pem,text/plain"
          maxBytes={MAX_COSIGN_KEY}
          tooLarge={tooLarge}
          value={verify.cosignKey ?? ''}
          disabled={disabled}
          onChange={(cosignKey) => {
            set({ cosignKey });
          }}
        />
      )}
    </div>
  );
}
