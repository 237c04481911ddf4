// Keys are UPPER_SNAKE and identical in every language; placeholders are `{name}`.
// The page frame and the shared pieces in src/components (source and options forms, errors, tags).
const common = {
  STORE_IMPORTER_MENU: 'Import from Repo',
  IMPORT_FROM_REPO_TITLE: 'Import from Repo',
  IMPORT_FROM_REPO_DESC:
    'Import the charts of a Helm repository into the App Store: preview what would change, then start an import.',
  CONFIGURED_REPOS: 'Repositories configured in KubeSphere',
  CONFIGURED_REPOS_EMPTY: 'No repository is configured in KubeSphere.',
  CONFIGURED_REPOS_EMPTY_DESC:
    'Add one in App Store Management > App Repositories, or import from a repository URL instead.',
  LOADING: 'Loading...',
  REPO_HAS_CREDENTIALS: 'Has credentials',
  LOAD_FAILED: 'Could not load the repositories: {message}',
  TAB_IMPORT: 'Import',
  TAB_HISTORY: 'History',
  TAB_SYNCS: 'Scheduled syncs',
  RETRY: 'Retry',
  BACK: 'Back',
  NEXT: 'Next',
  CANCEL: 'Cancel',
  /** Between the items of a list in a sentence. */
  LIST_SEPARATOR: ', ',

  // Source form
  SOURCE_KIND_CONFIGURED: 'Repository configured in KubeSphere',
  SOURCE_KIND_URL: 'Repository URL',
  SOURCE_KIND_BUNDLE: 'Offline bundle',
  SOURCE_BUNDLE_FILE: 'Bundle file',
  SOURCE_BUNDLE_DESC:
    'A .tgz file made by "store-importer bundle" where the repository is reachable. Nothing is downloaded: the charts come from the file.',
  SOURCE_BUNDLE_DESC_MAX:
    'A .tgz file made by "store-importer bundle" where the repository is reachable; at most {max}. Nothing is downloaded: the charts come from the file.',
  SOURCE_BUNDLE_WAIT: 'Wait for the upload to finish',
  SOURCE_BUNDLE_CHOOSE: 'Choose file',
  SOURCE_BUNDLE_CHOOSE_OTHER: 'Choose another file',
  SOURCE_BUNDLE_UPLOADING: 'Uploading {name}: {sent} of {total}',
  SOURCE_BUNDLE_VERIFYING: 'Checking {name}...',
  SOURCE_BUNDLE_TOO_LARGE: '{name} is {size}, over the {max} the service accepts.',
  SOURCE_BUNDLE_FAILED: 'The bundle could not be uploaded',
  SOURCE_BUNDLE_REQUIRED: 'Choose the bundle file',
  SOURCE_BUNDLE_REPOSITORY: 'Made from',
  SOURCE_BUNDLE_CHARTS: 'Contents',
  SOURCE_BUNDLE_CONTENT: 'Charts: {charts}, versions: {versions}, size: {size}',
  SOURCE_BUNDLE_MADE: 'Made at',
  SOURCE_BUNDLE_AGAIN_TITLE: 'Choose the bundle file again',
  SOURCE_BUNDLE_AGAIN:
    'The page does not keep the file. The service may still have it for a while, so Preview may work; if it says the bundle is gone, choose the same file again.',
  SOURCE_USE_URL: 'Use a repository URL',
  SOURCE_CONFIGURED_REPO: 'Repository',
  SOURCE_CONFIGURED_REPO_DESC: 'A Helm repository added in App Store Management > App Repositories.',
  SOURCE_CONFIGURED_REPO_PLACEHOLDER: 'Select a repository',
  SOURCE_REPO_CREDENTIALS_HINT:
    'This repository has credentials. If KubeSphere does not share them with the importer, reading it fails: then import it by URL with its credentials.',
  SOURCE_REPO_REQUIRED: 'Select a repository.',
  REPOS_LOADING: 'Loading the repositories...',
  REPOS_LOAD_FAILED: 'Could not load the repositories configured in KubeSphere',
  SOURCE_URL: 'Repository URL',
  SOURCE_URL_DESC:
    'The base URL of a Helm repository (index.yaml is read from it), or oci://registry/path/chart for an OCI registry.',
  SOURCE_URL_INDEX_FILE: 'index.yaml is read from the base URL: {url} is used.',
  SOURCE_URL_REQUIRED: 'Enter the repository URL.',
  SOURCE_URL_SCHEME: 'The URL must start with http://, https:// or oci://.',
  SOURCE_URL_CREDENTIALS:
    'Do not put credentials in the URL: remove "user@" and fill in the authentication fields instead.',
  SOURCE_URL_INVALID: 'This is not a valid repository URL: check it for spaces or a missing host.',
  SOURCE_AUTH: 'Authentication',
  SOURCE_AUTH_DESC:
    'Credentials are sent only to the repository host, used for this request and never stored.',
  SOURCE_AUTH_NONE: 'None',
  SOURCE_AUTH_BASIC: 'Username and password',
  SOURCE_AUTH_TOKEN: 'Bearer token',
  SOURCE_USERNAME: 'Username',
  SOURCE_USERNAME_REQUIRED: 'Enter the username, or choose another kind of authentication.',
  SOURCE_PASSWORD: 'Password',
  SOURCE_TOKEN: 'Token',
  SOURCE_TOKEN_DESC: 'Sent to the repository as "Authorization: Bearer <token>".',
  SOURCE_TOKEN_REQUIRED: 'Enter the token, or choose another kind of authentication.',
  SOURCE_TOO_LONG: '{field} is too long: at most {max} characters.',
  SOURCE_PASS_CREDENTIALS:
    'Send the credentials to other hosts the repository names (token service, chart URLs)',
  SOURCE_PASS_CREDENTIALS_DESC:
    'Needed for a registry whose token service is on another host, like Docker Hub (registry-1.docker.io gets its tokens from auth.docker.io). Only if you trust those hosts; the credentials never go over plain http from an https repository.',
  SOURCE_CA: 'CA certificate (optional)',
  SOURCE_CA_DESC:
    'PEM certificates to trust for the repository, when its certificate is not signed by a public CA.',
  SOURCE_CA_FILE: 'Load from file',
  SOURCE_CA_FILE_LABEL: 'Load the CA certificate from a file',
  SOURCE_CERT_FILE_LABEL: 'Load the client certificate from a file',
  SOURCE_KEY_FILE_LABEL: 'Load the private key from a file',
  SOURCE_CA_FILE_TOO_LARGE: '{name} is too large for a CA bundle (at most 256 KiB).',
  SOURCE_CA_FILE_UNREADABLE: '{name} could not be read.',
  SOURCE_CA_INVALID: 'The CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----.',
  SOURCE_CLIENT_CERT: 'Client certificate (optional)',
  SOURCE_CLIENT_CERT_DESC:
    "For a repository that requires mutual TLS: its client certificate and private key, as PEM text. They are presented to the repository's own host only.",
  SOURCE_CERT: 'Certificate',
  SOURCE_KEY: 'Private key',
  SOURCE_KEY_DESC: 'The unencrypted private key of the certificate. Once entered, it is not shown again.',
  SOURCE_KEY_ENTERED: 'A private key is entered. It is not shown.',
  SOURCE_KEY_CLEAR: 'Remove',
  SOURCE_CERT_KEY_PAIR: 'Give both the client certificate and its private key, or neither.',
  SOURCE_CERT_INVALID: 'The client certificate must be PEM text starting with -----BEGIN CERTIFICATE-----.',
  SOURCE_KEY_INVALID: 'The private key must be PEM text starting with -----BEGIN PRIVATE KEY-----.',
  SOURCE_KEY_ENCRYPTED:
    'This private key is encrypted, which is not supported: decrypt it first (openssl pkey -in key.pem -out plain.pem).',
  SOURCE_PEM_FILE_TOO_LARGE: '{name} is too large for this field (at most {max} KiB).',
  SOURCE_INSECURE: 'Skip TLS certificate verification',
  SOURCE_INSECURE_DESC: 'Insecure: anyone between KubeSphere and the repository could change the charts.',
  SOURCE_PLAIN_HTTP: 'Plain HTTP to the registry (no TLS)',

  // Options form
  OPTIONS_VERSIONS: 'Versions',
  OPTIONS_VERSIONS_DESC:
    'Every stored version takes etcd space (up to 1 MiB each): import only the versions you need.',
  OPTIONS_VERSIONS_LATEST: 'Latest stable version of each chart',
  OPTIONS_VERSIONS_COUNT: 'Newest stable versions, at most',
  OPTIONS_VERSIONS_ALL: 'All versions, pre-releases included',
  OPTIONS_COUNT_INVALID: 'Enter a whole number from 1 to {max}.',
  OPTIONS_PUBLISH: 'Publish',
  PUBLISH_ACTIVE: 'Release to the App Store',
  PUBLISH_ACTIVE_DESC: 'Apps are listed in the App Store right away, for every user who can see it.',
  PUBLISH_REVIEW: 'Submit for review',
  PUBLISH_REVIEW_DESC: 'Versions wait in App Store Management > App Reviews until a reviewer releases them.',
  PUBLISH_DRAFT: 'Draft',
  PUBLISH_DRAFT_DESC: 'Versions are uploaded only: nobody sees them until they are submitted and released.',
  OPTIONS_TARGET: 'Import into',
  OPTIONS_TARGET_GLOBAL: 'The global App Store',
  OPTIONS_TARGET_WORKSPACE: 'The app templates of a workspace',
  OPTIONS_WORKSPACE_PLACEHOLDER: 'Workspace name',
  OPTIONS_WORKSPACE_REQUIRED: 'Choose the workspace to import into.',
  OPTIONS_WORKSPACE_INVALID:
    'A workspace name has at most 63 lowercase letters, digits and hyphens, and starts and ends with a letter or digit.',
  OPTIONS_DEPRECATED: 'Deprecated charts',
  OPTIONS_DEPRECATED_LABEL: 'Also import deprecated charts and versions',
  OPTIONS_DEPRECATED_DESC:
    'Helm marks charts its maintainers no longer support as deprecated; they are skipped by default.',

  // Actions KubeSphere would refuse, disabled ahead (src/components/ManageAccess.tsx)
  ACCESS_MANAGE_REFUSED:
    'You may view the App Store but not manage it: ask a platform administrator for App Store management and the "Import from Repo" permission.',
  ACCESS_MANAGE_REFUSED_IN:
    'You may view the App Store but not manage it in the workspace {workspace}: ask a platform administrator or an administrator of that workspace for the right to manage its apps, and a platform administrator for the "Import from Repo" permission.',

  // Errors (src/components/errors.ts)
  ERROR_BAD_REQUEST: 'The request was refused as invalid: correct the field named below and try again.',
  ERROR_UNAUTHORIZED: 'Your session has expired: log in to KubeSphere again, then retry.',
  ERROR_FORBIDDEN:
    'You do not have the right to do this here: importing needs App Store management and the "Import from Repo" permission (viewing imports needs "Repository Imports Viewing"); ask a platform administrator.',
  ERROR_NOT_FOUND: 'It was not found: it may have been deleted meanwhile.',
  ERROR_CONFLICT: 'It changed meanwhile or is already running: reload and try again.',
  ERROR_TOO_LARGE: 'It is too large to handle: choose fewer charts, or a repository with a smaller index.',
  ERROR_REPO_AUTH:
    'The repository refused access: check the username and password or the token, and that they may read it.',
  ERROR_REPO_PASS_CREDENTIALS:
    'The registry gets its tokens from another host, and the credentials go only to the repository\'s own host: if you trust the host named below, turn on "Send the credentials to other hosts the repository names" and try again.',
  ERROR_REPO_TLS:
    'The TLS connection to the repository failed: give its CA certificate, check the URL scheme, or skip verification if you accept the risk.',
  ERROR_REPO_CLIENT_CERT:
    'The repository requires a client certificate: enter its certificate and private key under "Client certificate", or check that the repository accepts the one given.',
  ERROR_REPO_NOT_FOUND: 'The repository was not found at this address: check the URL.',
  ERROR_REPO_UNREADABLE:
    'The repository could not be read: check that the URL is a Helm repository or an OCI chart, and that it is reachable from KubeSphere.',
  ERROR_REPO_FAILED: 'The repository is failing or rate limiting: try again later.',
  ERROR_PROXY_FAILED:
    "The service's proxy (HTTPS_PROXY, HTTP_PROXY) failed or wants credentials: ask the administrator to check the extension's proxy settings.",
  ERROR_REPO_UNREACHABLE:
    'The repository could not be reached from KubeSphere: check the URL and port, and that the server is running and reachable from the cluster.',
  ERROR_OUTBOUND_BLOCKED:
    "This host is blocked by the importer's outbound policy. An administrator can allow it in the extension's settings.",
  ERROR_STORE_MISSING:
    'The App Store extension (openpitrix) is not installed: install App Store Management from the Extensions Center first.',
  ERROR_TOO_MANY_REQUESTS: 'Too many requests at once: wait a moment and try again.',
  ERROR_KUBESPHERE_FAILED: 'KubeSphere failed or could not be reached by the importer: try again later.',
  ERROR_BAD_GATEWAY: 'A service the importer depends on failed: try again later.',
  ERROR_SERVICE_UNAVAILABLE: 'The importer is restarting or busy: try again in a moment.',
  ERROR_TIMEOUT: 'This took too long: try again, or choose fewer charts.',
  ERROR_INTERNAL:
    'The importer failed unexpectedly: try again; if it persists, give the detail below to an administrator.',
  ERROR_NETWORK:
    'The importer could not be reached: check your connection and that the extension is running.',
  ERROR_UNKNOWN: 'Something went wrong.',

  // Tags
  PHASE_PENDING: 'Waiting',
  PHASE_RUNNING: 'Running',
  PHASE_SUCCEEDED: 'Succeeded',
  PHASE_PARTIALLY_FAILED: 'Partially failed',
  PHASE_FAILED: 'Failed',
  PHASE_CANCELLED: 'Cancelled',
  ITEM_CREATED: 'Imported',
  ITEM_EXISTS: 'Already in store',
  ITEM_FAILED: 'Failed',
  ITEM_PLANNED: 'Planned',
  STORE_STATE_ACTIVE: 'Released',
  STORE_STATE_DRAFT: 'Draft',
  STORE_STATE_SUBMITTED: 'In review',
  STORE_STATE_PASSED: 'Approved',
  STORE_STATE_REJECTED: 'Rejected',
  STORE_STATE_SUSPENDED: 'Suspended',
  STORE_STATE_UNKNOWN: 'Unknown',
  TAG_TOO_LARGE: 'Too large',
  TAG_IN_STORE: 'Already imported',
  TAG_DEPRECATED: 'Deprecated',
  TAG_NEW: 'New',
};

export default common;
