// A PEM CA bundle: pasted, or read from a file (the text is what is sent; the file never leaves the browser otherwise).
import { Button, Textarea } from '@kubed/components';
import { Upload } from '@kubed/icons';
import { useRef, useState, type ChangeEvent } from 'react';
import styled from 'styled-components';
import { asText } from '../i18n';
import { FormField } from './FormField';
import { MAX_CA_PEM } from './source';

const FileRow = styled.div`
  margin-top: 8px;
`;

/** A CA bundle is small; a file bigger than the API takes is not one. */
const MAX_CA_FILE = MAX_CA_PEM;

export interface CaFieldProps {
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
}

export function CaField({ value, onChange, disabled, error }: CaFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string>();

  function readFile(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    if (file.size > MAX_CA_FILE) {
      setFileError(t('SOURCE_CA_FILE_TOO_LARGE', asText({ name: file.name })));
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

  return (
    <FormField
      label={t('SOURCE_CA')}
      htmlFor="source-ca"
      help={t('SOURCE_CA_DESC')}
      error={fileError ?? error}
    >
      <Textarea
        id="source-ca"
        data-testid="source-ca"
        value={value}
        disabled={disabled}
        minRows={3}
        placeholder="-----BEGIN CERTIFICATE-----"
        spellCheck={false}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => {
          onChange(event.target.value);
        }}
      />
      <FileRow>
        <input
          ref={input}
          type="file"
          accept=".pem,.crt,.cer,text/plain"
          hidden
          data-testid="source-ca-file"
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
      </FileRow>
    </FormField>
  );
}
