// The offline bundle source: a .tgz file chosen on this computer, uploaded to the service with
// its progress (cancellable), verified there, then summed up (the repository it was made from, its
// charts and versions, when it was made). The service keeps it for a while under an id, which is
// what previews and the job name; the page keeps the file too, to upload it again if needed.
import { Alert, Button } from '@kubed/components';
import { Upload } from '@kubed/icons';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import styled from 'styled-components';
import { uploadBundle, type BundleInfo } from '../api';
import { useBundleLimits } from '../api/queries';
import { asText } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { ManageButton, useManageRefusal } from './ManageAccess';
import { formatTime } from './time';
import { formatBytes, formatNumber } from './format';
import { FormField } from './FormField';
import type { BundleSourceValue } from './source';

const FileRow = styled.div`
  display: flex;
  align-items: center;
  gap: 12px;
`;

const Progress = styled.div`
  font-size: 12px;
  line-height: 1.67;
  color: ${({ theme }) => theme.palette.accents_5};
`;

const Summary = styled.dl`
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 4px 16px;
  margin: 12px 0 0;
  font-size: 12px;
  line-height: 1.67;
  dt {
    color: ${({ theme }) => theme.palette.accents_5};
  }
  dd {
    margin: 0;
    word-break: break-all;
  }
`;

/** What is wrong with a chosen file before it is sent, localized; undefined when it may go. */
export function bundleFileProblem(file: { name: string; size: number }, maxBytes: number | undefined) {
  if (maxBytes === undefined || file.size <= maxBytes) return undefined;
  const sizes = { name: file.name, size: formatBytes(file.size), max: formatBytes(maxBytes) };
  return t('SOURCE_BUNDLE_TOO_LARGE', asText(sizes));
}

function progressOf(upload: Upload) {
  return { name: upload.name, sent: formatBytes(upload.sent), total: formatBytes(upload.total) };
}

function contentOf(info: BundleInfo) {
  return {
    charts: formatNumber(info.charts),
    versions: formatNumber(info.versions),
    size: formatBytes(info.bytes),
  };
}

export interface BundleFieldProps {
  value: BundleSourceValue;
  onChange: (value: BundleSourceValue) => void;
  /** Where the import will land: the service checks the right to manage the store there. */
  workspace?: string;
  disabled?: boolean;
}

interface Upload {
  name: string;
  sent: number;
  total: number;
  controller: AbortController;
  before: BundleSourceValue;
}

export function BundleField({ value, onChange, workspace, disabled }: BundleFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const limits = useBundleLimits();
  // Uploading needs App Store management in the target, a dry run's too (ks-apiserver: create bundles).
  const refusal = useManageRefusal(workspace);
  const [upload, setUpload] = useState<Upload>();
  const [error, setError] = useState<unknown>();
  const maxBytes = limits.data?.maxBytes;
  // Leaving the page (or the kind) stops an upload under way.
  const current = useRef<Upload>();
  current.current = upload;
  useEffect(() => () => current.current?.controller.abort(), []);

  function send(file: File): void {
    const problem = bundleFileProblem(file, maxBytes);
    if (problem !== undefined) {
      setError(new Error(problem));
      return;
    }
    const controller = new AbortController();
    // What the value goes back to when the upload fails or is cancelled.
    const before: BundleSourceValue = { kind: 'bundle', id: value.id, info: value.info, file: value.file };
    setError(undefined);
    setUpload({ name: file.name, sent: 0, total: file.size, controller, before });
    // Said to the form too: until the new id comes, the old one must not be previewed.
    onChange({ ...before, uploading: true });
    uploadBundle(file, {
      workspace,
      signal: controller.signal,
      onProgress: (sent) => {
        setUpload((now) => (now?.controller === controller ? { ...now, sent } : now));
      },
    }).then(
      (info) => {
        setUpload(undefined);
        onChange({ kind: 'bundle', id: info.id, info, file });
      },
      (failure: unknown) => {
        // Aborted: by Cancel (which restores the value itself) or by leaving the field (nothing to say).
        if (controller.signal.aborted) return;
        setUpload(undefined);
        setError(failure);
        onChange(before);
      },
    );
  }

  function choose(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) send(file);
  }

  const { info } = value;
  const sent = upload !== undefined && upload.sent >= upload.total;
  return (
    <FormField
      label={t('SOURCE_BUNDLE_FILE')}
      required
      // No limit to name while it loads (or could not): the sentence goes without it.
      help={
        maxBytes === undefined
          ? t('SOURCE_BUNDLE_DESC')
          : t('SOURCE_BUNDLE_DESC_MAX', asText({ max: formatBytes(maxBytes) }))
      }
    >
      {value.id !== undefined && info === undefined && upload === undefined && (
        <Alert
          type="warning"
          title={t('SOURCE_BUNDLE_AGAIN_TITLE')}
          style={{ marginBottom: 12 }}
          data-testid="bundle-choose-again"
        >
          {t('SOURCE_BUNDLE_AGAIN')}
        </Alert>
      )}
      <FileRow>
        <input
          ref={input}
          type="file"
          accept=".tgz,.tar.gz,application/gzip,application/x-gzip"
          hidden
          data-testid="source-bundle-file"
          onChange={choose}
        />
        <ManageButton
          refusal={refusal}
          size="sm"
          variant="outline"
          leftIcon={<Upload size={16} />}
          disabled={disabled === true || upload !== undefined}
          data-testid="source-bundle-choose"
          onClick={() => input.current?.click()}
        >
          {info === undefined ? t('SOURCE_BUNDLE_CHOOSE') : t('SOURCE_BUNDLE_CHOOSE_OTHER')}
        </ManageButton>
        {/* Always there, so screen readers announce what comes into it. */}
        <Progress aria-live="polite" data-testid="source-bundle-progress">
          {upload !== undefined &&
            (sent
              ? t('SOURCE_BUNDLE_VERIFYING', asText({ name: upload.name }))
              : t('SOURCE_BUNDLE_UPLOADING', asText(progressOf(upload))))}
        </Progress>
        {upload !== undefined && (
          <>
            <Button
              size="sm"
              variant="outline"
              data-testid="source-bundle-cancel"
              onClick={() => {
                upload.controller.abort();
                setUpload(undefined);
                onChange(upload.before);
              }}
            >
              {t('CANCEL')}
            </Button>
          </>
        )}
      </FileRow>
      {error !== undefined && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} title={t('SOURCE_BUNDLE_FAILED')} />
        </div>
      )}
      {info !== undefined && (
        <Summary data-testid="source-bundle-summary">
          <dt>{t('SOURCE_BUNDLE_REPOSITORY')}</dt>
          <dd data-testid="source-bundle-repository">{info.repository}</dd>
          <dt>{t('SOURCE_BUNDLE_CHARTS')}</dt>
          <dd>{t('SOURCE_BUNDLE_CONTENT', asText(contentOf(info)))}</dd>
          <dt>{t('SOURCE_BUNDLE_MADE')}</dt>
          <dd>{formatTime(info.createdAt)}</dd>
        </Summary>
      )}
    </FormField>
  );
}
