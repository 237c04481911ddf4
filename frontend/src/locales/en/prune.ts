// Keys of the option that removes store versions the repository no longer lists (prune), in the
// wizard, the sync form, the review and the job page; UPPER_SNAKE, placeholders are `{name}`.
const prune = {
  PRUNE_OPTION: 'Versions the repository removed',
  PRUNE_OPTION_LABEL: 'Remove versions the repository no longer lists',
  PRUNE_OPTION_DESC:
    "Removes the store versions this importer created that the repository no longer lists; never an app's last version, never one in use.",
  PRUNE_REMOVED_UPSTREAM_TITLE: 'Versions in the store that the repository no longer lists: {count}',
  PRUNE_REMOVED_UPSTREAM_DESC:
    'They stay in the store unless "Remove versions the repository no longer lists" is chosen in the options.',
  PRUNE_CHART_VERSIONS: '{chart}: {versions}',
  PRUNE_CHART_GONE: '{chart} (no longer in the repository): {versions}',
  PRUNE_WILL_REMOVE_TITLE: 'Versions the import will remove, as the repository no longer lists them: {count}',
  PRUNE_WILL_KEEP_TITLE: 'Versions the repository no longer lists that the import keeps: {count}',
  PRUNE_REVIEW: 'Removed versions',
  PRUNE_REVIEW_REMOVE: 'Will remove versions the repository no longer lists: {count}; kept: {kept}',
  PRUNE_JOB_HEADING: 'Versions the repository no longer lists. Removed: {removed}; kept: {kept}',
  PRUNE_JOB_HEADING_PLANNED:
    'Versions the repository no longer lists. Would be removed: {planned}; kept: {kept}',
  PRUNE_JOB_FIRST: 'Only the first {max} are kept with the job: they are the ones listed and counted here.',
  PRUNE_STATUS_REMOVED: 'Removed',
  PRUNE_STATUS_KEPT: 'Kept',
  PRUNE_STATUS_PLANNED: 'Would be removed',
  PRUNE_ENTRY: '{chart} {version}',
};

export default prune;
