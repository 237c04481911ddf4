// PEM text fields: the CA bundle, and the client certificate and its private key (mutual TLS).
// Pasted, or read from a file (the text is what is sent; the file never leaves the browser
// otherwise). A secret one (the key) is never shown back once entered: only that it is there.
import { Button, Textarea } from '@kubed/components';
import { Upload } from '@kubed/icons';
import { useRef, useState, type ChangeEvent } from 'react';
import styled from 'styled-components';
import { asText } from '../i18n';
import { FormField } from './FormField';
import { MAX_CA_PEM, MAX_CERT_PEM, MAX_KEY_PEM } from './source';

const FileRow = styled.div`
  margin-top: 8px;
  display: flex;
  align-items: center;
  gap: 8px;
`;

const Entered = styled.div`
  font-size: 12px;
  line-height: 1.67;
`;

interface PemFieldProps {
  /** Names its ids and test ids: `source-${name}`, `source-${name}-file`. */
  name: 'ca' | 'cert' | 'key';
  label: string;
  help?: string;
  placeholder: string;
  /** A file bigger than the API takes is not one of these. */
  maxBytes: number;
  /** The sentence for a file over maxBytes. */
  tooLarge: (file: string) => string;
  /** Once entered, not shown again (a private key). */
  secret?: boolean;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
}

function PemField(props: PemFieldProps) {
  const { name, label, help, placeholder, maxBytes, tooLarge, secret, value, onChange, disabled, error } =
    props;
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string>();
  const id = `source-${name}`;

  function readFile(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    if (file.size > maxBytes) {
      setFileError(tooLarge(file.name));
      return;
    }
    file.text().then(
      (text) => {
        setFileError(undefined);
        onChange(text);
      },
      () => {
        setFileError(t('SOURCE_CA_FILE_UNREADABLE', asText({ name: file.name })));
      },
    );
  }

  const hidden = secret === true && value !== '';
  return (
    <FormField label={label} htmlFor={id} help={help} error={fileError ?? error}>
      {hidden ? (
        <Entered data-testid={`${id}-entered`}>{t('SOURCE_KEY_ENTERED')}</Entered>
      ) : (
        <Textarea
          id={id}
          data-testid={id}
          value={value}
          disabled={disabled}
          minRows={3}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(event: ChangeEvent<HTMLTextAreaElement>) => {
            onChange(event.target.value);
          }}
        />
      )}
      <FileRow>
        <input
          ref={input}
          type="file"
          accept={secret === true ? '.pem,.key,text/plain' : '.pem,.crt,.cer,text/plain'}
          hidden
          data-testid={`${id}-file`}
          onChange={readFile}
        />
        <Button
          size="sm"
          variant="outline"
          leftIcon={<Upload size={16} />}
          disabled={disabled}
          onClick={() => input.current?.click()}
        >
          {t('SOURCE_CA_FILE')}
        </Button>
        {hidden && (
          <Button
            size="sm"
            variant="outline"
            data-testid={`${id}-clear`}
            disabled={disabled}
            onClick={() => {
              onChange('');
            }}
          >
            {t('SOURCE_KEY_CLEAR')}
          </Button>
        )}
      </FileRow>
    </FormField>
  );
}

export interface CaFieldProps {
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
}

export function CaField({ value, onChange, disabled, error }: CaFieldProps) {
  return (
    <PemField
      name="ca"
      label={t('SOURCE_CA')}
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
        name="cert"
        label={t('SOURCE_CERT')}
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
        name="key"
        label={t('SOURCE_KEY')}
        help={t('SOURCE_KEY_DESC')}
        placeholder="-----BEGIN PRIVATE KEY-----"
        maxBytes={MAX_KEY_PEM}
        tooLarge={tooLargePem(MAX_KEY_PEM)}
        secret
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
