// Step 1: where the charts come from, then "Preview" reads the repository and the store.
import { Button } from '@kubed/components';
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
}

export function SourceStep({ source, onSourceChange, onPreview, onCancel, loading, error }: SourceStepProps) {
  const problem = sourceProblem(source);
  return (
    <FormColumn>
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
