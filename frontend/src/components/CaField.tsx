// PEM text fields of a source: the CA bundle, and the client certificate and its private key
// (mutual TLS).
import { asText } from '../i18n';
import { FormField } from './FormField';
import { PemField } from './PemField';
import { MAX_CA_PEM, MAX_CERT_PEM, MAX_KEY_PEM } from './source';

export interface CaFieldProps {
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
}

export function CaField({ value, onChange, disabled, error }: CaFieldProps) {
  return (
    <PemField
      id="source-ca"
      label={t('SOURCE_CA')}
      fileLabel={t('SOURCE_CA_FILE_LABEL')}
      help={t('SOURCE_CA_DESC')}
      placeholder="-----BEGIN CERTIFICATE-----"
      maxBytes={MAX_CA_PEM}
      tooLarge={(name) => t('SOURCE_CA_FILE_TOO_LARGE', asText({ name }))}
      value={value}
      onChange={onChange}
      disabled={disabled}
      error={error}
    />
  );
}

const tooLargePem = (max: number) => (name: string) =>
  t('SOURCE_PEM_FILE_TOO_LARGE', asText({ name, max: Math.floor(max / 1024) }));

/** The client certificate and its private key: both or neither (`error` says which is missing). */
export function ClientCertificateFields(props: {
  certPem: string;
  keyPem: string;
  onChange: (patch: { certPem?: string; keyPem?: string }) => void;
  disabled?: boolean;
  certError?: string;
  keyError?: string;
}) {
  const { certPem, keyPem, onChange, disabled, certError, keyError } = props;
  return (
    <FormField label={t('SOURCE_CLIENT_CERT')} description={t('SOURCE_CLIENT_CERT_DESC')}>
      <PemField
        id="source-cert"
        label={t('SOURCE_CERT')}
        fileLabel={t('SOURCE_CERT_FILE_LABEL')}
        placeholder="-----BEGIN CERTIFICATE-----"
        maxBytes={MAX_CERT_PEM}
        tooLarge={tooLargePem(MAX_CERT_PEM)}
        value={certPem}
        onChange={(value) => {
          onChange({ certPem: value });
        }}
        disabled={disabled}
        error={certError}
      />
      <PemField
        id="source-key"
        label={t('SOURCE_KEY')}
        fileLabel={t('SOURCE_KEY_FILE_LABEL')}
        help={t('SOURCE_KEY_DESC')}
        placeholder="-----BEGIN PRIVATE KEY-----"
        maxBytes={MAX_KEY_PEM}
        tooLarge={tooLargePem(MAX_KEY_PEM)}
        secret
        accept=".pem,.key,text/plain"
        value={keyPem}
        onChange={(value) => {
          onChange({ keyPem: value });
        }}
        disabled={disabled}
        error={keyError}
      />
    </FormField>
  );
}
