import { Banner, Card } from '@kubed/components';
import { Appcenter } from '@kubed/icons';
import { useEffect, useState } from 'react';
import { listRepos, toApiError, type ConfiguredRepo } from '../../api';

type ReposState =
  { kind: 'loading' } | { kind: 'loaded'; repos: ConfiguredRepo[] } | { kind: 'failed'; message: string };

/** First screen of the import flow: what the page is for and the repositories KubeSphere knows. */
export default function ImportFromRepo() {
  const [state, setState] = useState<ReposState>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    listRepos(controller.signal).then(
      (repos) => {
        setState({ kind: 'loaded', repos });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', message: toApiError(error).message });
      },
    );
    return () => {
      controller.abort();
    };
  }, []);

  return (
    <div>
      <Banner
        icon={<Appcenter />}
        title={t('IMPORT_FROM_REPO_TITLE')}
        description={t('IMPORT_FROM_REPO_DESC')}
      />
      <Card sectionTitle={t('CONFIGURED_REPOS')}>
        {state.kind === 'loading' && <p>{t('LOADING')}</p>}
        {state.kind === 'failed' && <p role="alert">{t('LOAD_FAILED', { message: state.message })}</p>}
        {state.kind === 'loaded' && state.repos.length === 0 && <p>{t('CONFIGURED_REPOS_EMPTY')}</p>}
        {state.kind === 'loaded' && state.repos.length > 0 && (
          <ul>
            {state.repos.map((repo) => (
              <li key={`${repo.workspace}/${repo.name}`}>
                <strong>{repo.name}</strong> <code>{repo.url}</code>
                {repo.hasCredentials && <> ({t('REPO_HAS_CREDENTIALS')})</>}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
