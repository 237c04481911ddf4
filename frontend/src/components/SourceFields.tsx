// Where the charts come from: a repository configured in KubeSphere, a URL with optional
// credentials (basic or bearer token), CA, TLS and plain-HTTP settings, or (the wizard only) an
// offline bundle uploaded from this computer. Controlled: the caller keeps the value, so going
// back in a wizard keeps what was typed.
import { Input, InputPassword, Radio, Switch } from '@kubed/components';
import type { ChangeEvent, KeyboardEvent, ReactNode } from 'react';
import styled from 'styled-components';
import { asText } from '../i18n';
import { BundleField } from './BundleField';
import { CaField, ClientCertificateFields } from './CaField';
import { ConfiguredRepoPicker } from './ConfiguredRepoPicker';
import { FormField } from './FormField';
import { RadioChoice } from './RadioChoice';
import {
  caProblem,
  clientCertificateProblems,
  EMPTY_URL_SOURCE,
  hasCredentials,
  indexFileBase,
  isOciUrl,
  urlProblem,
  type SourceValue,
  type UrlSourceValue,
} from './source';

export {
  EMPTY_URL_SOURCE,
  sourceProblem,
  toSourceRequest,
  type SourceValue,
  type UrlSourceValue,
} from './source';

const Choice = styled.div`
  display: flex;
  gap: 24px;
  margin-bottom: 16px;
`;

const Pair = styled.div`
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: 12px;
`;

const PassCredentials = styled.div`
  margin-bottom: 12px;
`;

const SwitchHelp = styled.div`
  margin-top: 4px;
  font-size: 12px;
  line-height: 1.67;
  color: ${({ theme }) => theme.palette.accents_5};
`;

const Switches = styled.div`
  display: flex;
  flex-direction: column;
  gap: 12px;
  margin-top: 4px;
`;

export interface SourceFieldsProps {
  value: SourceValue;
  onChange: (value: SourceValue) => void;
  /** Offer the repositories configured in KubeSphere (syncs take URLs only). */
  allowConfigured?: boolean;
  /** Offer an offline bundle uploaded from this computer (a job's source; never a sync's). */
  allowBundle?: boolean;
  disabled?: boolean;
  /**
   * What happens to the credentials and CA, under the authentication choice. By default "used
   * for this request and never stored", true of previews and jobs; a sync keeps them in a Secret.
   */
  credentialsNote?: ReactNode;
  /** The source has credentials kept elsewhere (a sync's Secret), even with none typed here. */
  storedCredentials?: boolean;
  /** Enter in a text field (URL, credentials) submits, as in a form: the wizard's preview. */
  onSubmit?: () => void;
  /** The import's workspace: its configured repositories are offered besides the global ones. */
  workspace?: string;
}

export function SourceFields(props: SourceFieldsProps) {
  const {
    value,
    onChange,
    allowConfigured = true,
    allowBundle = false,
    disabled,
    credentialsNote,
    storedCredentials,
    onSubmit,
    workspace,
  } = props;
  const useUrl = (): void => {
    onChange({ ...EMPTY_URL_SOURCE });
  };
  return (
    <div data-testid="source-fields">
      {allowConfigured && (
        <Choice>
          <RadioChoice
            value={value.kind}
            disabled={disabled}
            onChange={(kind: SourceValue['kind']) => {
              onChange(kind === 'url' ? { ...EMPTY_URL_SOURCE } : { kind });
            }}
          >
            <Radio
              value="configured"
              label={t('SOURCE_KIND_CONFIGURED')}
              data-testid="source-kind-configured"
            />
            <Radio value="url" label={t('SOURCE_KIND_URL')} data-testid="source-kind-url" />
            {allowBundle && (
              <Radio value="bundle" label={t('SOURCE_KIND_BUNDLE')} data-testid="source-kind-bundle" />
            )}
          </RadioChoice>
        </Choice>
      )}
      {value.kind === 'configured' ? (
        <ConfiguredRepoPicker
          value={value.repo}
          workspace={workspace}
          disabled={disabled}
          onUseUrl={useUrl}
          onChange={(repo) => {
            onChange({ kind: 'configured', repo });
          }}
        />
      ) : value.kind === 'bundle' ? (
        <BundleField value={value} onChange={onChange} workspace={workspace} disabled={disabled} />
      ) : (
        <UrlFields
          value={value}
          onChange={onChange}
          disabled={disabled}
          credentialsNote={credentialsNote ?? t('SOURCE_AUTH_DESC')}
          storedCredentials={storedCredentials === true}
          onSubmit={onSubmit}
        />
      )}
    </div>
  );
}

function UrlFields({
  value,
  onChange,
  disabled,
  credentialsNote,
  storedCredentials,
  onSubmit,
}: {
  value: UrlSourceValue;
  onChange: (value: UrlSourceValue) => void;
  disabled?: boolean;
  credentialsNote: ReactNode;
  storedCredentials: boolean;
  onSubmit?: () => void;
}) {
  const set = (patch: Partial<UrlSourceValue>): void => {
    onChange({ ...value, ...patch });
  };
  // One text control per field: id and test id follow the field's name; secrets are masked.
  const input = (field: 'url' | 'username' | 'password' | 'token', secret = false, placeholder?: string) => {
    const Control = secret ? InputPassword : Input;
    return (
      <Control
        id={`source-${field}`}
        data-testid={`source-${field}`}
        value={value[field]}
        disabled={disabled}
        placeholder={placeholder}
        autoComplete={secret ? 'new-password' : 'off'}
        spellCheck={false}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          set({ [field]: event.target.value });
        }}
        onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
          // Not while an input method composes a word: its Enter picks the word.
          if (event.key === 'Enter' && !event.nativeEvent.isComposing) onSubmit?.();
        }}
      />
    );
  };
  const oci = isOciUrl(value.url);
  const base = indexFileBase(value.url);
  const urlError = value.url.trim() === '' ? undefined : urlProblem(value.url);
  const certificateProblems = clientCertificateProblems(value);
  return (
    <>
      <FormField
        label={t('SOURCE_URL')}
        htmlFor="source-url"
        required
        help={
          base === undefined ? (
            t('SOURCE_URL_DESC')
          ) : (
            <span data-testid="source-url-base">{t('SOURCE_URL_INDEX_FILE', asText({ url: base }))}</span>
          )
        }
        error={urlError}
      >
        {input('url', false, 'https://charts.example.com')}
      </FormField>
      <FormField label={t('SOURCE_AUTH')} help={credentialsNote}>
        <RadioChoice
          value={value.auth}
          disabled={disabled}
          onChange={(auth: UrlSourceValue['auth']) => {
            set({ auth });
          }}
        >
          <Radio value="none" label={t('SOURCE_AUTH_NONE')} data-testid="source-auth-none" />
          <Radio value="basic" label={t('SOURCE_AUTH_BASIC')} data-testid="source-auth-basic" />
          <Radio value="token" label={t('SOURCE_AUTH_TOKEN')} data-testid="source-auth-token" />
        </RadioChoice>
      </FormField>
      {value.auth === 'basic' && (
        <Pair>
          <FormField label={t('SOURCE_USERNAME')} htmlFor="source-username" required>
            {input('username')}
          </FormField>
          <FormField label={t('SOURCE_PASSWORD')} htmlFor="source-password">
            {input('password', true)}
          </FormField>
        </Pair>
      )}
      {value.auth === 'token' && (
        <FormField label={t('SOURCE_TOKEN')} htmlFor="source-token" required help={t('SOURCE_TOKEN_DESC')}>
          {input('token', true)}
        </FormField>
      )}
      {hasCredentials(value, storedCredentials) && (
        <PassCredentials>
          <Switch
            data-testid="source-pass-credentials"
            label={t('SOURCE_PASS_CREDENTIALS')}
            checked={value.passCredentials}
            disabled={disabled}
            onChange={(checked) => {
              set({ passCredentials: checked });
            }}
          />
          <SwitchHelp>{t('SOURCE_PASS_CREDENTIALS_DESC')}</SwitchHelp>
        </PassCredentials>
      )}
      <CaField
        value={value.caPem}
        error={caProblem(value.caPem)}
        disabled={disabled}
        onChange={(caPem) => {
          set({ caPem });
        }}
      />
      <ClientCertificateFields
        certPem={value.certPem}
        keyPem={value.keyPem}
        certError={certificateProblems.cert}
        keyError={certificateProblems.key}
        disabled={disabled}
        onChange={set}
      />
      <Switches>
        <Switch
          data-testid="source-insecure"
          label={t('SOURCE_INSECURE')}
          title={t('SOURCE_INSECURE_DESC')}
          checked={value.insecureSkipTLSVerify}
          disabled={disabled}
          onChange={(checked) => {
            set({ insecureSkipTLSVerify: checked });
          }}
        />
        {oci && (
          <Switch
            data-testid="source-plain-http"
            label={t('SOURCE_PLAIN_HTTP')}
            checked={value.plainHttp}
            disabled={disabled}
            onChange={(checked) => {
              set({ plainHttp: checked });
            }}
          />
        )}
      </Switches>
    </>
  );
}
