// Keys of the wizard part of the page; UPPER_SNAKE, placeholders are `{name}`.
const wizard = {
  WIZARD_STEP_SOURCE: 'Source',
  WIZARD_STEP_SOURCE_DESC: 'Repository to import from',
  WIZARD_STEP_CHARTS: 'Charts',
  WIZARD_STEP_CHARTS_DESC: 'What to import',
  WIZARD_STEP_OPTIONS: 'Options',
  WIZARD_STEP_OPTIONS_DESC: 'Versions, publishing, categories',
  WIZARD_STEP_REVIEW: 'Review',
  WIZARD_STEP_REVIEW_DESC: 'Check the plan and start',

  WIZARD_PREFILL_NOTICE:
    'The repository and options of an earlier import are filled in. Check them, then preview: its charts are selected again.',
  WIZARD_PREFILL_CREDENTIALS_TITLE: 'Enter the credentials again',
  WIZARD_PREFILL_CREDENTIALS:
    'The earlier import read this repository with credentials or a CA certificate. They are never stored: enter them again below, then preview.',
  WIZARD_PREFILL_MISSING:
    'Charts of the earlier import that this repository no longer has, so they are not selected ({count}): {names}',

  WIZARD_RESTORED_CREDENTIALS_TITLE: 'Enter the credentials again',
  WIZARD_RESTORED_CREDENTIALS:
    'Your source, selection and options were kept in the page address. Credentials, CA certificates and client certificates never are (neither in the address nor in the browser): enter them again, then preview to go on where you were.',
  WIZARD_SELECTION_TRIMMED:
    'Your selection was too long to keep in the page address, so the default selection is shown: choose the charts again.',
  WIZARD_LEAVE_TITLE: 'Leave this page?',
  WIZARD_LEAVE_DESC:
    'The import you are preparing is not started: its source, selection and options, and the credentials you typed, will be lost.',
  WIZARD_LEAVE: 'Leave',
  WIZARD_STAY: 'Stay',

  WIZARD_PREVIEW: 'Preview',
  WIZARD_PREVIEW_LOADING: 'Reading the repository and the App Store...',
  WIZARD_PREVIEW_FAILED: 'Could not preview the repository',

  WIZARD_TOTAL_CHARTS: 'Charts',
  WIZARD_TOTAL_VERSIONS: 'Versions',
  WIZARD_TOTAL_NEW: 'New charts',
  WIZARD_TOTAL_IN_STORE: 'Charts in the store',
  WIZARD_TOTAL_TOO_LARGE: 'Too large',
  WIZARD_TOO_LARGE_NOTE:
    'Charts marked "Too large" have a package over the store\'s limit of {limit}. The importer slims them (drops files that cannot change what Helm renders); some may still fail.',
  WIZARD_WARNINGS: 'Warnings ({count})',
  WIZARD_WARNINGS_ALL: 'Show {count} more',
  WIZARD_WARNINGS_FEWER: 'Show fewer',
  WIZARD_REPO_EMPTY: 'This repository has no charts.',
  WIZARD_REPO_EMPTY_DESC: 'Its index lists no chart that can be read. Check the URL, or the warnings below.',
  WIZARD_REPO_EMPTY_DESC_NO_WARNINGS: 'Its index lists no chart. Check the URL.',

  WIZARD_SEARCH: 'Search by name, description or category',
  WIZARD_FILTER_STATE: 'State',
  WIZARD_FILTER_ALL_STATES: 'All states',
  WIZARD_FILTER_NEW: 'New',
  WIZARD_FILTER_IN_STORE: 'In the store',
  WIZARD_FILTER_TOO_LARGE: 'Too large',
  WIZARD_FILTER_CATEGORY: 'Category',
  WIZARD_FILTER_ALL_CATEGORIES: 'All categories',
  WIZARD_SHOW_DEPRECATED: 'Show deprecated charts ({count})',
  WIZARD_NO_MATCH: 'No chart matches.',
  WIZARD_NO_MATCH_DESC: 'Change the search or the filters.',
  WIZARD_CLEAR_FILTERS: 'Clear filters',
  WIZARD_CHARTS: 'Charts of the repository',
  WIZARD_SELECT_ALL: 'Select all charts shown',
  WIZARD_SELECT_CHART: 'Select {name}',
  WIZARD_SELECTED_COUNT: '{selected} selected, {shown} shown',
  WIZARD_SELECT_SOME: 'Select at least one chart.',
  WIZARD_SELECT_TOO_MANY:
    'Select at most {max} charts, or all of them: the importer takes a list of at most {max} names.',
  WIZARD_COLUMN_CHART: 'Chart',
  WIZARD_COLUMN_LATEST: 'Latest version',
  WIZARD_COLUMN_VERSIONS: 'Versions',
  WIZARD_COLUMN_CATEGORY: 'Category',
  WIZARD_COLUMN_SIZE: 'Size',
  WIZARD_COLUMN_STATE: 'State',
  WIZARD_SIZE_UNKNOWN: 'Unknown',
  WIZARD_TAG_NEW_VERSIONS: '{count} new',

  WIZARD_CATEGORY_MAPPING: 'Categories',
  WIZARD_CATEGORY_MAPPING_DESC:
    'Each chart goes to the store category its own annotation names, or to Uncategorized. Pick a store category or type a new name (it is created) to change that.',
  WIZARD_CATEGORIES_FAILED: 'Could not load the store categories (you can still type a name)',
  WIZARD_BULK_CATEGORY: 'Category for every selected chart',
  WIZARD_BULK_CATEGORY_APPLY: 'Apply to the selected charts ({count})',
  WIZARD_CATEGORY_RESET: "Use the charts' own categories",
  WIZARD_CATEGORY_FOR: 'Store category of {name}',
  WIZARD_COLUMN_OWN_CATEGORY: 'Chart category',
  WIZARD_COLUMN_STORE_CATEGORY: 'Store category',
  WIZARD_CATEGORY_FROM_CHART: 'From the chart',
  WIZARD_CATEGORY_CHANGED: 'Changed',
  WIZARD_UNCATEGORIZED: 'Uncategorized',
  WIZARD_UNCATEGORIZED_OPTION: 'Uncategorized ({name})',

  WIZARD_REVIEW_LOADING: 'Working out what the import will do...',
  WIZARD_REVIEW_FAILED: 'Could not work out the plan',
  WIZARD_PLAN: 'Import plan',
  WIZARD_PLAN_CHARTS: 'Charts to import',
  WIZARD_PLAN_CREATE: 'Versions to create',
  WIZARD_PLAN_EXISTS: 'Already in the store (skipped)',
  WIZARD_PLAN_OVER_LIMIT: 'Over the size limit (may fail)',
  WIZARD_PLAN_AT_MOST: 'At most {size}',
  WIZARD_PLAN_IN_ETCD: 'Stored in etcd',
  WIZARD_PLAN_IN_ETCD_UNKNOWN:
    'Stored in etcd, counting the versions of unknown size ({count}) at {limit} each',
  WIZARD_PLAN_IN_S3: 'Stored in S3, not in etcd',
  WIZARD_PLAN_IN_S3_UNKNOWN: 'Stored in S3, not in etcd; versions of unknown size not counted: {count}',
  WIZARD_PLAN_LARGE_TITLE: 'A large import',
  WIZARD_PLAN_LARGE:
    'This import creates {count} versions (more than {max}). Every version is kept in etcd, up to 1 MiB each, which can fill its space: consider fewer versions per chart.',
  WIZARD_PLAN_OVER_LIMIT_NOTE:
    "Versions bigger than the store's package limit of {limit}: {count}. The importer slims them; those it cannot slim enough fail, and the rest is imported.",
  WIZARD_PLAN_EMPTY: 'Nothing to import.',
  WIZARD_PLAN_EMPTY_DESC:
    'Every selected version is already in the store. Go back to choose other charts or versions.',
  WIZARD_COLUMN_TO_CREATE: 'Versions to create',
  WIZARD_COLUMN_IN_STORE: 'In store',
  WIZARD_NOTHING_TO_CREATE: 'All in the store',
  WIZARD_SIZE_PLUS_UNKNOWN: '{size} + {count} unknown',
  WIZARD_PLAN_NOTHING_STORED: 'Nothing stored',
  WIZARD_PLAN_LARGE_CONFIRM: 'To start it, type the number of versions ({count}):',
  WIZARD_REVIEW_WHAT: 'What the import will do',
  WIZARD_REVIEW_TARGET: 'Into',
  WIZARD_REVIEW_TARGET_GLOBAL: 'The global App Store',
  WIZARD_REVIEW_TARGET_WORKSPACE: 'The app templates of workspace {workspace}, not the global App Store',
  WIZARD_REVIEW_PUBLISH: 'Publish',
  WIZARD_REVIEW_PUBLISH_ACTIVE: 'Released: every user sees the apps in the App Store at once',
  WIZARD_REVIEW_PUBLISH_ACTIVE_WORKSPACE: 'Released: the members of {workspace} can deploy the apps at once',
  WIZARD_REVIEW_PUBLISH_REVIEW:
    'Submitted for review: nobody sees them until a reviewer releases them in App Store Management > App Reviews',
  WIZARD_REVIEW_PUBLISH_DRAFT: 'Draft: uploaded only, nobody sees them until they are submitted and released',
  WIZARD_REVIEW_VERSIONS: 'Versions of each chart',
  WIZARD_REVIEW_DEPRECATED: 'Deprecated charts and versions',
  WIZARD_REVIEW_DEPRECATED_IN: 'Included',
  WIZARD_REVIEW_DEPRECATED_OUT: 'Left out',
  WIZARD_REVIEW_NEW: 'New in the store',
  WIZARD_REVIEW_NEW_COUNTS:
    'New apps: {apps}; new versions: {versions} (versions already in the store, skipped: {existing})',
  WIZARD_REVIEW_CATEGORIES: 'Store categories',
  WIZARD_REVIEW_CATEGORIES_NONE: 'None created: every chart goes to an existing category',
  WIZARD_REVIEW_CATEGORIES_CREATED: '{count} created: {names}',
  WIZARD_REVIEW_CATEGORIES_UNKNOWN:
    "The store's categories could not be read: those that do not exist yet will be created",
  WIZARD_REVIEW_STORAGE: 'Storage',
  WIZARD_REVIEW_STORAGE_NONE: 'Nothing is uploaded',
  WIZARD_REVIEW_STORAGE_ETCD: 'At most {size} added to etcd (each package at most {limit})',
  WIZARD_REVIEW_STORAGE_ETCD_UNKNOWN:
    'At most {size} added to etcd, counting the versions of unknown size ({count}) at the limit of {limit} each',
  WIZARD_REVIEW_STORAGE_S3: 'The packages ({size}) go to S3, not to etcd',
  WIZARD_REVIEW_STORAGE_S3_UNKNOWN:
    'The packages ({size}, and {count} of unknown size) go to S3, not to etcd',
  WIZARD_REVIEW_STORAGE_S3_UNKNOWN_ALL: 'The packages go to S3, not to etcd (their sizes are unknown)',
  WIZARD_START: 'Start import',
  WIZARD_START_FAILED: 'Could not start the import',
};

export default wizard;
