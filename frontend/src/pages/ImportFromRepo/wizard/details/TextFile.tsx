// A text file of the package (values.yaml): monospace, scrolling inside the panel, with a copy
// button and a note when the service cut it at its bound.
import { Alert, Button, notify } from '@kubed/components';
import styled from 'styled-components';
import type { PackageText } from '../../../../api';
import { formatBytes } from '../../../../components/format';
import { asText } from '../../../../i18n';

const Bar = styled.div`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 12px;
  margin-bottom: 8px;
  font-size: 12px;
  color: ${({ theme }) => theme.palette.accents_5};
`;

const Code = styled.pre`
  margin: 0;
  padding: 12px;
  max-height: calc(100vh - 360px);
  min-height: 120px;
  overflow: auto;
  border-radius: 4px;
  background: ${({ theme }) => theme.palette.accents_0};
  color: ${({ theme }) => theme.palette.accents_8};
  font-family: Monaco, Menlo, Consolas, 'Courier New', monospace;
  font-size: 12px;
  line-height: 1.5;
  white-space: pre;
  tab-size: 2;
`;

/** The note of a file the service cut at its bound. */
export function TruncatedNote({ file }: { file: PackageText }) {
  if (!file.truncated) return null;
  const params = asText({
    shown: formatBytes(new TextEncoder().encode(file.content).length),
    size: formatBytes(file.size),
  });
  return (
    <Alert type="info" style={{ marginBottom: 12 }} data-testid="details-truncated">
      {t('DETAILS_TRUNCATED', params)}
    </Alert>
  );
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notify.success(t('DETAILS_COPIED'));
  } catch {
    notify.error(t('DETAILS_COPY_FAILED'));
  }
}

export function TextFile({ file, testId, note }: { file: PackageText; testId: string; note?: string }) {
  return (
    <>
      <TruncatedNote file={file} />
      <Bar>
        <span>
          {file.path} · {formatBytes(file.size)}
          {note !== undefined && ` · ${note}`}
        </span>
        <Button
          size="sm"
          variant="outline"
          data-testid={`${testId}-copy`}
          onClick={() => {
            void copy(file.content);
          }}
        >
          {t('DETAILS_COPY')}
        </Button>
      </Bar>
      <Code data-testid={testId} tabIndex={0}>
        {file.content}
      </Code>
    </>
  );
}
