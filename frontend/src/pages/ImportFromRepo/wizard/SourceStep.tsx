// Step 1: where the charts come from, then "Preview" reads the repository and the store.
import { Alert, Button } from '@kubed/components';
import { useRepos } from '../../../api/queries';
import { LoadingState } from '../../../components/EmptyState';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SourceFields, sourceProblem, type SourceValue } from '../../../components/SourceFields';
import { defaultSource } from '../../../components/source';
import { FormColumn } from './layout';
import { StepActions } from './StepActions';

export interface SourceStepProps {
  source: SourceValue;
  onSourceChange: (source: SourceValue) => void;
  onPreview: () => void;
  onCancel: () => void;
  loading: boolean;
  /** The bundle goes up again (the service had lost it): as loading, and said so. */
  reuploading?: boolean;
  error?: unknown;
  /**
   * Filled in from a past job, or `restored` from the wizard's own address (a reload); the
   * credentials (if any) must be entered again.
   */
  prefilled?: { restored: boolean; needsCredentials: boolean };
  /**
   * False while nothing chose the source (no prefill, no address, nothing typed): the configured
   * repositories are then the default, when KubeSphere has some.
   */
  sourceChosen?: boolean;
  /** The import's workspace, when chosen: its configured repositories are offered too. */
  workspace?: string;
}

/** Says where the filled-in values come from, and asks for what neither a job nor an address keeps. */
function PrefillNotice({ restored, needsCredentials }: { restored: boolean; needsCredentials: boolean }) {
  if (restored && !needsCredentials) return null;
  if (!needsCredentials)
    return (
      <Alert type="info" style={{ marginBottom: 16 }} data-testid="prefill-notice">
        {t('WIZARD_PREFILL_NOTICE')}
      </Alert>
    );
  // A restored address and a job's prefill both lack the credentials; each says why in its words.
  const notice = restored
    ? {
        title: t('WIZARD_RESTORED_CREDENTIALS_TITLE'),
        text: t('WIZARD_RESTORED_CREDENTIALS'),
        testId: 'restored-credentials',
      }
    : {
        title: t('WIZARD_PREFILL_CREDENTIALS_TITLE'),
        text: t('WIZARD_PREFILL_CREDENTIALS'),
        testId: 'prefill-credentials',
      };
  return (
    <Alert type="warning" title={notice.title} style={{ marginBottom: 16 }} data-testid={notice.testId}>
      {notice.text}
    </Alert>
  );
}

export function SourceStep(props: SourceStepProps) {
  const { onSourceChange, onPreview, onCancel, error, prefilled, workspace } = props;
  const reuploading = props.reuploading === true;
  const loading = props.loading || reuploading;
  const repos = useRepos(workspace);
  const defaulted = props.sourceChosen === false;
  // The default is known once the repositories are: until then no choice is shown, so none is
  // made that the default would then overturn. A failed read leaves the URL.
  const source = defaulted && repos.data !== undefined ? defaultSource(repos.data) : props.source;
  if (defaulted && repos.data === undefined && repos.error === null)
    return (
      <FormColumn>
        <LoadingState label={t('REPOS_LOADING')} />
      </FormColumn>
    );
  const problem = sourceProblem(source);
  return (
    <FormColumn>
      {prefilled && <PrefillNotice {...prefilled} />}
      <SourceFields
        value={source}
        allowBundle
        workspace={workspace}
        onChange={onSourceChange}
        disabled={loading}
        onSubmit={problem === undefined && !loading ? onPreview : undefined}
      />
      {error !== undefined && !loading && (
        <ErrorAlert error={error} title={t('WIZARD_PREVIEW_FAILED')} onRetry={onPreview} />
      )}
      <StepActions
        hint={reuploading ? t('WIZARD_BUNDLE_REUPLOADING') : loading ? t('WIZARD_PREVIEW_LOADING') : problem}
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
