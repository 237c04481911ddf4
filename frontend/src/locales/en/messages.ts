// What the service reports as a message code (backend/src/engine/messages/catalog.ts): one key per
// code, MSG_ and the code in UPPER_SNAKE; placeholders are the message's parameters (sizes
// already in human units), plus {entry} ("an entry" or "version X") and {kindText} (a failed
// call's kind in words). A {problem} is the backend's own detail (a package's validation error,
// KubeSphere's answer): shown as it is.
import type { MessageKey } from '../../components/messages';

const messages = {
  MSG_INDEX_URL_UNUSABLE: 'Chart "{chart}" version "{version}": ignored the unusable URL "{url}".',
  MSG_INDEX_VERSIONS_NOT_LIST: 'Chart "{chart}": skipped, its versions are not a list.',
  MSG_INDEX_ENTRY_EMPTY: 'Chart "{chart}": skipped {entry}, it is empty.',
  MSG_INDEX_ENTRY_NOT_MAPPING: 'Chart "{chart}": skipped {entry}, it is not a mapping.',
  MSG_INDEX_ENTRY_NO_NAME: 'Chart "{chart}": skipped {entry}, it has no name.',
  MSG_INDEX_ENTRY_BAD_NAME: 'Chart "{chart}": skipped {entry}, its name "{name}" is invalid.',
  MSG_INDEX_ENTRY_NO_VERSION: 'Chart "{chart}": skipped {entry}, it has no version.',
  MSG_INDEX_ENTRY_BAD_VERSION:
    'Chart "{chart}": skipped {entry}, its version is not a valid semantic version.',
  MSG_INDEX_ENTRY_BAD_TYPE:
    'Chart "{chart}": skipped {entry}, its type "{type}" is neither application nor library.',
  MSG_INDEX_ENTRY_NO_URL: 'Chart "{chart}": skipped {entry}, it has no download URL.',
  MSG_INDEX_VERSION_TWICE: 'Chart "{chart}": version "{version}" is listed twice; the first was kept.',
  MSG_WARNINGS_LEFT_OUT: 'More warnings left out: {count}.',
  MSG_OCI_TAGS_IGNORED: 'Tags of {registry} that are not chart versions, ignored: {count}.',
  MSG_OCI_METADATA_UNREAD: 'Chart {chart} {version}: its metadata could not be read ({problem}).',
  MSG_CHART_DEPRECATED: '{chart}: skipped, the chart is deprecated (include deprecated charts to import it).',
  MSG_CHART_NO_STABLE_VERSION:
    '{chart}: skipped, it has no stable version (import all versions to include prereleases).',
  MSG_SIZES_OVER_LOOKUP_LIMIT:
    'Package sizes: at most {max} are looked up per preview; versions beyond, sizes unknown: {count}.',
  MSG_SIZES_LOOKUPS_FAILED: 'Package sizes: lookups failed, sizes unknown: {count} (first: {first}).',
  MSG_SIZES_OUT_OF_TIME: 'Package sizes not looked up in the time a preview has, sizes unknown: {count}.',
  MSG_SERVER_VERSION_UNKNOWN:
    'Could not learn the KubeSphere version ({problem}); following the App Store rules of ks-core {rules}.',
  MSG_SERVER_VERSION_NEWER:
    'KubeSphere {version} is newer than the releases this importer knows (4.1.1 to 4.2); following the App Store rules of ks-core {rules}.',
  MSG_SERVER_VERSION_OLDER:
    'KubeSphere {version} is older than 4.1, whose App Store API this importer speaks.',
  MSG_LARGE_PLAN:
    '{count} versions to upload: without S3 each is kept in etcd as a ConfigMap of up to 1 MiB (up to {gib} GiB). Prefer the latest version or a number of versions.',
  MSG_CLEANUP_FAILED: 'A clean-up failed: {problem}',
  MSG_APP_SUSPENDED:
    '{chart}: the app {app} is suspended in the store; its versions were imported, activate it again to show them.',
  MSG_APP_RELEASE_FAILED: '{chart}: the app {app} could not be released: {problem}',
  MSG_STORE_APPS_UNLISTED:
    "The store's apps could not be listed after the run ({problem}): the next run will be a full one.",
  MSG_CHARTS_LISTED_PARTLY:
    'Only the first {max} of {count} charts are listed with their outcome; the summary counts them all.',
  MSG_JOB_DEADLINE_PASSED:
    'The job deadline of {deadline} has passed: the versions being written finish, no other starts.',
  MSG_JOB_CANCELLED: 'Cancelled.',
  MSG_JOB_CANCELLED_ORPHANED: 'Cancelled; the replica that ran it had stopped.',
  MSG_JOB_CANCELLED_BEFORE_START: 'Cancelled before it started.',
  MSG_JOB_DEADLINE_STOPPED:
    'Stopped at the job deadline of {deadline}: the versions being written finished, the others were not started. Start it again to finish them (nothing will be duplicated).',
  MSG_JOB_INTERRUPTED: 'Interrupted by a restart of the service. Start it again: nothing will be duplicated.',
  MSG_JOB_WAITING_FOR_REPLICA:
    'Interrupted by a restart of the service; the next replica to start resumes it.',
  MSG_JOB_RESUMED: 'Resumed after an interruption of the service.',
  MSG_JOB_ALL_FAILED: 'Every item failed ({count}); see the failures.',
  MSG_BUNDLE_NOT_FOUND: 'The uploaded bundle is no longer on the server: upload it again.',
  MSG_RUN_UNCHANGED:
    'The repository has not changed since the full run of {fullRunAt}, and the store still holds what that run recorded: {versions} versions of {charts} charts already in the store.',
  MSG_DRAFT_WILL_RESUME: 'A draft left in the store will be checked and completed.',
  MSG_DRAFT_COMPLETED: 'Completed a draft left by an earlier run.',
  MSG_PACKAGE_OVER_LIMIT:
    "The package is {sizeBytes}, over the store's limit of {limitBytes} without S3: the import will slim it, and fail it if slimming is not enough.",
  MSG_SLIMMED: 'Slimmed from {fromBytes} to {toBytes}{removedText}.',
  MSG_SLIMMED_REMOVED: ', removed {removed}',
  MSG_UPLOADED_CONCURRENTLY: 'Uploaded by another import running at the same time.',
  MSG_ICON_NOT_STORED:
    'The icon of "{chart}" was not stored in KubeSphere, so the App Store can show it only from the chart\'s icon URL, if any: {problem}',
  MSG_WRITTEN_DESPITE_ERROR: 'KubeSphere answered an error after writing ({problem}); the store has it.',
  MSG_DIGEST_MISMATCH_INDEX:
    'Chart {chart} {version}: the index digest {expected} does not match the downloaded package (sha256 {actual}); the index may be stale.',
  MSG_DIGEST_MISMATCH_REGISTRY:
    "Chart {chart} {version}: the expected digest {expected} does not match the registry's {actual}; the index may be stale.",
  MSG_CHART_MISSING: 'The repository has no chart of this name: check the name, or leave it out.',
  MSG_CHART_VERSION_NOT_FOUND:
    'The repository has no version "{version}" of the chart "{chart}": preview the repository again and pick a version it lists.',
  MSG_CHART_HELD_BY_OTHER:
    'The store app {app} holds the chart "{held}", not "{chart}": rename or delete that app.',
  MSG_VERSION_UNSTORABLE:
    'KubeSphere {server} cannot store version {version}: it would name it {name}, which is not a valid Kubernetes name (ks-core 4.1.3 names such versions by their SHA-1).',
  MSG_VERSION_NAME_CLASH:
    'KubeSphere {server} names the versions {holder} and {version} alike ({name}); only {holder} is imported.',
  MSG_UPLOAD_IN_PROGRESS: 'Another import is uploading this version now: run again later.',
  MSG_VERSION_UNFINISHED: 'Version {version} is in the store but could not be finished: run again.',
  MSG_PACKAGE_INVALID: 'The chart package is invalid: {problem}',
  MSG_PACKAGE_TOO_LARGE:
    'The package is {sizeBytes} even after slimming, over the limit of {limitBytes}: enable S3 storage for the App Store, or make the chart smaller in the repository.',
  MSG_PACKAGE_IDENTITY_MISMATCH:
    'The package says {packageName} {packageVersion}, the index says {indexName} {indexVersion}: nothing was stored for it. Fix the repository (regenerate its index with helm repo index, or publish the right package).',
  MSG_REPO_FAILED: 'The repository could not be read ({kindText}): {problem}',
  MSG_REPO_FETCH_FAILED: 'Cannot read {url} ({kindText}). {hint}',
  MSG_STORE_FAILED: 'KubeSphere failed the call ({kindText}): {problem}',
  MSG_STORE_MISSING: 'App Store Management is not installed in this KubeSphere: {problem}',
  MSG_WORKSPACE_UNKNOWN:
    'The workspace "{workspace}" does not exist in KubeSphere, or you cannot see it: pick one of the workspaces listed, or import into the global App Store.',
  MSG_INPUT_INVALID: 'Invalid input: {problem}',
  MSG_ADDRESS_BLOCKED: "Blocked by the service's outbound policy: {problem}",
  MSG_CANCELLED: 'Cancelled.',
  MSG_INTERNAL_ERROR: 'Unexpected failure: {problem}',
  MSG_EARLIER_TEXT: '{text}',

  // Parts of messages
  MSG_AN_ENTRY: 'an entry',
  MSG_VERSION_ENTRY: 'version "{version}"',
  MSG_HINT_UNKNOWN_HOST: 'Check the URL.',
  MSG_HINT_REFUSED: 'Check the URL and that the server is running, then try again.',
  MSG_HINT_UNREACHABLE: 'Check the URL and that the server is reachable, then try again.',
  MSG_HINT_TIMED_OUT: 'The server did not answer in time: try again later.',
  MSG_HINT_UNTRUSTED_CERTIFICATE:
    "Give the repository's CA certificate, or skip TLS verification if you accept the risk.",
  MSG_HINT_TLS_FAILED: "Check the URL's scheme (http or https).",
  MSG_HINT_CLIENT_CERTIFICATE_REQUIRED:
    "Give the repository's client certificate and its private key (Client certificate), then try again.",
  MSG_HINT_TOO_LARGE: 'Raise the size limit if this is expected.',
  MSG_HINT_BAD_REDIRECT: 'Check the URL.',
  MSG_HINT_UNAUTHORIZED: 'Check the username and password, or the token.',
  MSG_HINT_FORBIDDEN: 'Check that these credentials may read the repository.',
  MSG_HINT_NOT_FOUND: 'Check the URL.',
  MSG_HINT_CONFLICT: 'Try again.',
  MSG_HINT_RATE_LIMITED: 'Try again later.',
  MSG_HINT_SERVER_FAILED: 'Try again later.',
  MSG_HINT_UNEXPECTED_STATUS: 'Check the URL.',
  MSG_HINT_CREDENTIALS_OTHER_HOST: 'Allow sending the credentials to other hosts if you trust them.',
  MSG_HINT_CREDENTIALS_PLAIN_HTTP: 'Use https for the repository.',
  MSG_HINT_INVALID: 'Check that the URL is a Helm repository.',
  MSG_HINT_PROXY_FAILED: 'Check HTTPS_PROXY and HTTP_PROXY of the service, or list the host in NO_PROXY.',
  MSG_HINT_PROXY_AUTH_REQUIRED: "Put the proxy's user and password in the proxy URL.",
  MSG_KIND_PROXY_FAILED: 'the proxy failed',
  MSG_KIND_PROXY_AUTH_REQUIRED: 'the proxy wants credentials',
  MSG_KIND_UNKNOWN_HOST: 'unknown host',
  MSG_KIND_REFUSED: 'connection refused',
  MSG_KIND_UNREACHABLE: 'unreachable',
  MSG_KIND_TIMED_OUT: 'timed out',
  MSG_KIND_UNTRUSTED_CERTIFICATE: 'untrusted certificate',
  MSG_KIND_TLS_FAILED: 'TLS failed',
  MSG_KIND_CLIENT_CERTIFICATE_REQUIRED: 'a client certificate is required',
  MSG_KIND_TOO_LARGE: 'too large',
  MSG_KIND_BAD_REDIRECT: 'bad redirect',
  MSG_KIND_UNAUTHORIZED: 'credentials refused',
  MSG_KIND_FORBIDDEN: 'access refused',
  MSG_KIND_NOT_FOUND: 'not found',
  MSG_KIND_CONFLICT: 'conflict',
  MSG_KIND_RATE_LIMITED: 'rate limited',
  MSG_KIND_SERVER_FAILED: 'server error',
  MSG_KIND_UNEXPECTED_STATUS: 'unexpected answer',
  MSG_KIND_CREDENTIALS_OTHER_HOST: 'credentials would go to another host',
  MSG_KIND_CREDENTIALS_PLAIN_HTTP: 'credentials would go over plain HTTP',
  MSG_KIND_INVALID: 'invalid content',
} satisfies Record<MessageKey, string> & Record<string, string>;

export default messages;
