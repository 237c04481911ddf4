// Picks one of the Helm repositories configured in KubeSphere (GET /repos: the global ones, and
// the target workspace's), with its loading, error and empty states.
import { Button, Select, Tag } from '@kubed/components';
import type { ConfiguredRepo, ConfiguredRepoRef } from '../api';
import { useRepos } from '../api/queries';
import { EmptyState, LoadingState } from './EmptyState';
import { ErrorAlert } from './ErrorAlert';
import { FormField } from './FormField';

const keyOf = (repo: ConfiguredRepoRef): string => `${repo.workspace ?? ''}/${repo.name}`;

export interface ConfiguredRepoPickerProps {
  value?: ConfiguredRepoRef;
  onChange: (value: ConfiguredRepoRef) => void;
  /** Offered when there is nothing to pick: switch to entering a URL. */
  onUseUrl?: () => void;
  disabled?: boolean;
  /** The import's workspace: its repositories are offered besides the global ones. */
  workspace?: string;
}

function refOf(repo: ConfiguredRepo): ConfiguredRepoRef {
  return { name: repo.name, workspace: repo.workspace };
}

export function ConfiguredRepoPicker(props: ConfiguredRepoPickerProps) {
  const { value, onChange, onUseUrl, disabled, workspace } = props;
  const repos = useRepos(workspace);
  if (repos.error !== null)
    return (
      <ErrorAlert
        error={repos.error}
        title={t('REPOS_LOAD_FAILED')}
        onRetry={() => {
          void repos.refetch();
        }}
      />
    );
  if (repos.data === undefined) return <LoadingState label={t('REPOS_LOADING')} />;
  if (repos.data.length === 0) {
    return (
      <EmptyState
        testId="repos-empty"
        title={t('CONFIGURED_REPOS_EMPTY')}
        description={t('CONFIGURED_REPOS_EMPTY_DESC')}
        action={
          onUseUrl !== undefined && (
            <Button variant="outline" onClick={onUseUrl}>
              {t('SOURCE_USE_URL')}
            </Button>
          )
        }
      />
    );
  }
  const byKey = new Map(repos.data.map((repo) => [keyOf(refOf(repo)), repo]));
  const chosen = value === undefined ? undefined : byKey.get(keyOf(value));
  return (
    <FormField
      label={t('SOURCE_CONFIGURED_REPO')}
      htmlFor="source-configured-repo"
      required
      help={
        chosen?.hasCredentials === true ? t('SOURCE_REPO_CREDENTIALS_HINT') : t('SOURCE_CONFIGURED_REPO_DESC')
      }
    >
      <Select
        id="source-configured-repo"
        data-testid="configured-repo-select"
        placeholder={t('SOURCE_CONFIGURED_REPO_PLACEHOLDER')}
        value={value === undefined ? undefined : keyOf(value)}
        disabled={disabled}
        showSearch
        optionFilterProp="label"
        onChange={(key: string) => {
          const repo = byKey.get(key);
          if (repo !== undefined) onChange(refOf(repo));
        }}
        // The list names each repository with its URL; once chosen, its name (the URL shows below).
        optionLabelProp="name"
        options={repos.data.map((repo) => ({
          value: keyOf(refOf(repo)),
          label: `${repo.name} (${repo.url})`,
          name: repo.workspace ? `${repo.name} (${repo.workspace})` : repo.name,
        }))}
      />
      {chosen !== undefined && (
        <div data-testid="configured-repo-url" style={{ marginTop: 4 }}>
          {chosen.url} {chosen.hasCredentials && <Tag color="secondary">{t('REPO_HAS_CREDENTIALS')}</Tag>}
        </div>
      )}
    </FormField>
  );
}
