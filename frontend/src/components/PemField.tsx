// A PEM (or other armored) text field: pasted, or read from a file (the text is what is sent; the
// file never leaves the browser otherwise). A secret one (a private key) is never shown back once
// entered: only that it is there.
import { Button, Textarea } from '@kubed/components';
import { Upload } from '@kubed/icons';
import { useEffect, useRef, useState, type ChangeEvent, type ClipboardEvent } from 'react';
import styled from 'styled-components';
import { asText } from '../i18n';
import { FormField } from './FormField';

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

export interface PemFieldProps {
  /** Its id and test id, and those of its parts: `-file`, `-load`, `-clear` after it. */
  id: string;
  label: string;
  /** The "Load from file" button's accessible name: says which of the fields it fills. */
  fileLabel: string;
  help?: string;
  placeholder: string;
  /** A file bigger than the API takes is not one of these. */
  maxBytes: number;
  /** The sentence for a file over maxBytes. */
  tooLarge: (file: string) => string;
  /** Once entered, not shown again (a private key). */
  secret?: boolean;
  /** The file chooser's types; certificates by default. */
  accept?: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
}

export function PemField(props: PemFieldProps) {
  const { id, label, fileLabel, help, placeholder, maxBytes, tooLarge, secret, value, onChange } = props;
  const { disabled, error, accept = '.pem,.crt,.cer,text/plain' } = props;
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string>();
  const clearId = `${id}-clear`;
  // A secret is hidden once it is whole (pasted, loaded, or left), never while it is typed: hiding
  // it at the first key would take the field away from the hand and the IME typing it.
  const [concealed, setConcealed] = useState(value !== '');
  const hidden = secret === true && concealed && value !== '';
  // Where focus goes when a paste, a file or "Remove" swaps the textarea and the button: the
  // element that had it is gone, and focus would fall back to the page.
  const focusNext = useRef<string>();
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = undefined;
    if (target !== undefined) document.getElementById(target)?.focus();
  }, [hidden]);

  function enter(text: string): void {
    setFileError(undefined);
    if (secret === true) focusNext.current = text === '' ? id : clearId;
    setConcealed(text !== '');
    onChange(text);
  }

  // Read here rather than left to the textarea: hiding it at once would lose the pasted text.
  function paste(event: ClipboardEvent<HTMLTextAreaElement>): void {
    if (secret !== true) {
      setFileError(undefined);
      return;
    }
    event.preventDefault();
    const area = event.currentTarget;
    const text = event.clipboardData.getData('text');
    enter(area.value.slice(0, area.selectionStart) + text + area.value.slice(area.selectionEnd));
  }

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
        enter(text);
      },
      () => {
        setFileError(t('SOURCE_CA_FILE_UNREADABLE', asText({ name: file.name })));
      },
    );
  }

  return (
    <FormField label={label} htmlFor={hidden ? clearId : id} help={help} error={fileError ?? error}>
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
          onPaste={paste}
          onBlur={() => {
            if (secret === true && value !== '') setConcealed(true);
          }}
        />
      )}
      <FileRow>
        <input
          ref={input}
          type="file"
          accept={accept}
          hidden
          data-testid={`${id}-file`}
          onChange={readFile}
        />
        <Button
          size="sm"
          variant="outline"
          leftIcon={<Upload size={16} />}
          disabled={disabled}
          aria-label={fileLabel}
          data-testid={`${id}-load`}
          onClick={() => input.current?.click()}
        >
          {t('SOURCE_CA_FILE')}
        </Button>
        {hidden && (
          <Button
            size="sm"
            variant="outline"
            id={clearId}
            data-testid={clearId}
            disabled={disabled}
            onClick={() => {
              enter('');
            }}
          >
            {t('SOURCE_KEY_CLEAR')}
          </Button>
        )}
      </FileRow>
    </FormField>
  );
}
