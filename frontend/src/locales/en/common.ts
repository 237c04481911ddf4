// Keys are UPPER_SNAKE and identical in every language; placeholders are `{name}`.
const common = {
  STORE_IMPORTER_MENU: 'Import from Repo',
  IMPORT_FROM_REPO_TITLE: 'Import from Repo',
  IMPORT_FROM_REPO_DESC:
    'Import the charts of a Helm repository into the App Store: preview what would change, then start an import.',
  CONFIGURED_REPOS: 'Repositories configured in KubeSphere',
  CONFIGURED_REPOS_EMPTY: 'No repository is configured in KubeSphere.',
  LOADING: 'Loading...',
  REPO_HAS_CREDENTIALS: 'Has credentials',
  LOAD_FAILED: 'Could not load the repositories: {message}',
  TAB_IMPORT: 'Import',
  TAB_HISTORY: 'History',
  TAB_SYNCS: 'Scheduled syncs',
};

export default common;
