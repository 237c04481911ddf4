// Step 1: where the charts come from, then "Preview" reads the repository and the store.
import { Alert, Button } from '@kubed/components';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SourceFields, sourceProblem, type SourceValue } from '../../../components/SourceFields';
import { FormColumn } from './layout';
import { StepActions } from './StepActions';

export interface SourceStepProps {
  source: SourceValue;
  onSourceChange: (source: SourceValue) => void;
  onPreview: () => void;
  onCancel: () => void;
  loading: boolean;
  error?: unknown;
  /** Filled in from a past job; its credentials (if any) must be entered again. */
  prefilled?: { needsCredentials: boolean };
}

/** Says where the filled-in values come from, and asks for what a job never keeps. */
function PrefillNotice({ needsCredentials }: { needsCredentials: boolean }) {
  return needsCredentials ? (
    <Alert
      type="warning"
      title={t('WIZARD_PREFILL_CREDENTIALS_TITLE')}
      style={{ marginBottom: 16 }}
      data-testid="prefill-credentials"
    >
      {t('WIZARD_PREFILL_CREDENTIALS')}
    </Alert>
  ) : (
    <Alert type="info" style={{ marginBottom: 16 }} data-testid="prefill-notice">
      {t('WIZARD_PREFILL_NOTICE')}
    </Alert>
  );
}

export function SourceStep(props: SourceStepProps) {
  const { source, onSourceChange, onPreview, onCancel, loading, error, prefilled } = props;
  const problem = sourceProblem(source);
  return (
    <FormColumn>
      {prefilled && <PrefillNotice needsCredentials={prefilled.needsCredentials} />}
      <SourceFields value={source} onChange={onSourceChange} disabled={loading} />
      {error !== undefined && !loading && (
        <ErrorAlert error={error} title={t('WIZARD_PREVIEW_FAILED')} onRetry={onPreview} />
      )}
      <StepActions
        hint={loading ? t('WIZARD_PREVIEW_LOADING') : problem}
        hintTestId={loading ? 'preview-loading' : 'source-problem'}
        extra={
          loading && (
            <Button variant="outline" onClick={onCancel} data-testid="preview-cancel">
              {t('CANCEL')}
            </Button>
          )
        }
        onNext={onPreview}
        nextLabel={t('WIZARD_PREVIEW')}
        nextLoading={loading}
        nextDisabled={problem !== undefined || loading}
        nextTestId="preview-button"
      />
    </FormColumn>
  );
}
