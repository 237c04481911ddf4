// What the service reports as a message code (backend/src/engine/messages/catalog.ts): one key per
// code, MSG_ and the code in UPPER_SNAKE; placeholders are the message's parameters (sizes
// already in human units), plus {entry} ("an entry" or "version X") and {kindText} (a failed
// call's kind in words). A {problem} is a technical detail (KubeSphere's answer, a parser's
// words): shown as it is.
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
  MSG_HAND_UPLOADED_APP_FOUND:
    '{chart}: the app {app} was uploaded by hand for this chart; a new app is created beside it. To add the chart\'s versions to that app instead, choose "Adopt apps uploaded by hand" in the options.',
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
  MSG_VERSIONS_REMOVED_UPSTREAM:
    'Versions in the store that the repository no longer lists: {count} (charts: {charts}). They stay; choose "Remove versions the repository no longer lists" in the options to remove them.',
  MSG_PRUNE_IN_USE_UNKNOWN:
    'Nothing was removed: KubeSphere could not tell which versions are in use ({problem}). Removing needs a user who may list installed applications (App Store Management, e.g. platform-admin).',
  MSG_PRUNE_PARTIAL_INDEX:
    "Nothing was removed: an offline bundle carries some of the repository's versions, not its whole index. Remove them with an import from the repository itself.",
  MSG_PRUNE_REMOVED: 'The repository no longer lists this version.',
  MSG_PRUNE_KEPT_LAST_VERSION:
    "Kept: the repository no longer lists it, but it is the app's last version, and an app is never left without one.",
  MSG_PRUNE_KEPT_IN_USE:
    'Kept: KubeSphere reports it in use by installed applications: {releases}; uninstall or upgrade them first.',
  MSG_PRUNE_KEPT_UNVERIFIED: 'Kept: whether it is in use could not be checked.',
  MSG_PRUNE_DELETE_FAILED:
    'Kept: removing it failed ({problem}). The next import that removes versions tries again.',
  MSG_DRAFT_WILL_RESUME: 'A draft left in the store will be checked and completed.',
  MSG_DRAFT_COMPLETED: 'Completed a draft left by an earlier run.',
  MSG_APP_ADOPTED: 'In the app {app}, uploaded by hand and adopted by this import.',
  MSG_PACKAGE_OVER_LIMIT:
    "The package is {sizeBytes}, over the store's limit of {limitBytes} without S3: the import will slim it, and fail it if slimming is not enough.",
  MSG_SLIMMED: 'Slimmed from {fromBytes} to {toBytes}{removedText}.',
  MSG_SLIMMED_REMOVED: ', removed {removed}',
  MSG_UPLOADED_CONCURRENTLY: 'Uploaded by another import running at the same time.',
  MSG_SIGNATURE_VERIFIED: 'Signature verified: signed by {signer} ({fingerprint}).',
  MSG_SIGNATURE_MISSING: 'Not signed: no Helm provenance file (.prov) or cosign signature was found for it.',
  MSG_SIGNATURE_INVALID: 'Signature invalid: {problemText}',
  MSG_SIGNATURE_UNCHECKED: 'Signature not checked: {problemText}',
  MSG_SIGNATURE_WHY_NOT_SIGNED_MESSAGE: 'its provenance file is not a PGP signed message ({detail}).',
  MSG_SIGNATURE_WHY_NO_SIGNATURE: 'its provenance file has no signature.',
  MSG_SIGNATURE_WHY_UNKNOWN_KEY: 'it is signed by key {keyId}, which is not among the public keys given.',
  MSG_SIGNATURE_WHY_BAD_SIGNATURE: 'its signature does not verify ({detail}).',
  MSG_SIGNATURE_WHY_NOT_PROVENANCE: 'its signed text is not a Helm provenance file.',
  MSG_SIGNATURE_WHY_BAD_YAML: 'its signed text is not valid YAML ({detail}).',
  MSG_SIGNATURE_WHY_OTHER_CHART: 'its provenance file is for {signedName} {signedVersion}.',
  MSG_SIGNATURE_WHY_NO_FILE: 'its provenance file lists no checksum for {fileName}.',
  MSG_SIGNATURE_WHY_DIGEST_MISMATCH: 'the package downloaded ({actual}) is not the one signed ({signed}).',
  MSG_SIGNATURE_WHY_COSIGN_NO_VALID: 'no cosign signature verifies with the cosign public key.',
  MSG_SIGNATURE_WHY_COSIGN_OTHER_MANIFEST:
    'its cosign signature is for {signedDigest}, not {manifestDigest}.',
  MSG_SIGNATURE_WHY_BUNDLE: 'an offline bundle carries no signatures.',
  MSG_SIGNATURE_WHY_NO_KEYRING: 'it has a provenance file, but no OpenPGP public keys were given.',
  MSG_SIGNATURE_WHY_NO_COSIGN_KEY: 'it has a cosign signature, but no cosign public key was given.',
  MSG_SIGNATURE_WHY_UNREADABLE: 'its signature could not be read ({detail}).',
  MSG_SIGNATURE_HELD:
    'Not released: the signature policy "require" holds it back (a draft, or submitted for review). Fix its signature, or release it by hand.',
  MSG_ICON_NOT_STORED:
    'The icon of "{chart}" was not stored in KubeSphere, so the App Store can show it only from the chart\'s icon URL, if any: {problemText}',
  MSG_ICON_WHY_BASE64_HTTP:
    'its base64 form happens to contain "http", which the console takes for an address.',
  MSG_ICON_WHY_NOT_URL: 'the icon is neither a URL nor a data: URI.',
  MSG_ICON_WHY_SCHEME: "the icon's address uses {scheme}, not http or https.",
  MSG_ICON_WHY_CANNOT_FETCH: 'this source cannot fetch icons.',
  MSG_ICON_WHY_NO_COMMA: 'the data: URI has no comma.',
  MSG_ICON_WHY_TOO_LARGE: 'it is over the icon limit of {limitBytes}.',
  MSG_ICON_WHY_BAD_ENCODING: 'the data: URI is not validly percent-encoded.',
  MSG_ICON_WHY_NOT_IMAGE: 'its address answered {contentType}, not an image.',
  MSG_ICON_WHY_UNKNOWN_FORMAT: 'it is not a PNG, JPEG, GIF, WebP or SVG image.',
  MSG_ICON_WHY_SVG_EXTERNAL: 'the SVG refers to an external resource.',
  MSG_ICON_WHY_SVG_EMBED: 'the SVG embeds an image of type {contentType}, not PNG, JPEG, GIF or WebP.',
  MSG_ICON_WHY_SVG_ENTITIES: 'the SVG declares XML entities.',
  MSG_ICON_WHY_SVG_UNREADABLE: 'the SVG cannot be read ({detail}).',
  MSG_ICON_WHY_SVG_TOO_TALL: 'the SVG is too tall for an icon ({heightPx} px at {widthPx} px wide).',
  MSG_ICON_WHY_SVG_TOO_LARGE: 'the SVG renders to a PNG over the icon limit of {limitBytes}.',
  MSG_ICON_WHY_NOT_IN_BUNDLE:
    'the bundle does not carry it (it could not be fetched when the bundle was made).',
  MSG_ICON_WHY_FETCH_FAILED: 'fetching it failed ({kindText}).',
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
  MSG_ADOPT_AMBIGUOUS:
    'Several apps uploaded by hand hold the chart "{chart}" ({apps}): none was adopted and no app was created. Delete the ones not to keep, or import without adopting to create a new app.',
  MSG_VERSION_UNSTORABLE:
    'KubeSphere {server} cannot store version {version}: it would name it {name}, which is not a valid Kubernetes name (ks-core 4.1.3 names such versions by their SHA-1).',
  MSG_VERSION_NAME_CLASH:
    'KubeSphere {server} names the versions {holder} and {version} alike ({name}); only {holder} is imported.',
  MSG_UPLOAD_IN_PROGRESS: 'Another import is uploading this version now: run again later.',
  MSG_VERSION_UNFINISHED: 'Version {version} is in the store but could not be finished: run again.',
  MSG_PACKAGE_INVALID: 'The chart package is invalid: {problem}',
  MSG_PACKAGE_NOT_GZIP: 'Not a chart package: the data ({sizeBytes}) is not gzip-compressed.',
  MSG_PACKAGE_GZIP_TRUNCATED: 'Not a chart package: the gzip data is truncated.',
  MSG_PACKAGE_GZIP_CORRUPT: 'Not a chart package: the gzip data is corrupt ({problem}).',
  MSG_PACKAGE_TAR_BAD_HEADER:
    'Not a chart package: the data is not a valid tar archive (bad header at byte {offset}).',
  MSG_PACKAGE_TAR_BAD_CHECKSUM:
    'Not a chart package: the data is not a valid tar archive (bad header checksum at byte {offset}).',
  MSG_PACKAGE_TAR_BIG_EXTENSION:
    'Not a chart package: a tar extension header at byte {offset} is over 1 MiB.',
  MSG_PACKAGE_TAR_DATA_AFTER_END:
    'Not a chart package: the tar archive has data after its end, at byte {offset}.',
  MSG_PACKAGE_TRUNCATED_IN_HEADER: 'The chart package is truncated: it ends inside a tar header.',
  MSG_PACKAGE_TRUNCATED_IN_EXTENSION: 'The chart package is truncated: it ends inside an extension header.',
  MSG_PACKAGE_TRUNCATED_AFTER_EXTENSION: 'The chart package is truncated: it ends after an extension header.',
  MSG_PACKAGE_TRUNCATED_IN_ENTRY: 'The chart package is truncated: it ends inside "{entryName}".',
  MSG_PACKAGE_SPARSE_FILE: 'The chart package has a sparse file, which charts never need.',
  MSG_PACKAGE_EMPTY: 'The chart package is empty.',
  MSG_PACKAGE_TOO_MANY_ENTRIES: 'The chart package has more than {max} entries.',
  MSG_PACKAGE_STREAM_TOO_BIG: 'The chart package unpacks to more than {limitBytes}.',
  MSG_PACKAGE_UNPACKS_TOO_BIG:
    'The chart package unpacks to more than {limitBytes} (reached at "{entryName}").',
  MSG_PACKAGE_ENTRY_TOO_BIG:
    'The chart package\'s file "{entryName}" is {sizeBytes}, over the limit of {limitBytes} per file.',
  MSG_PACKAGE_ENTRY_SLASH_FILE: 'The chart package\'s entry "{entryName}" is a file whose name ends in "/".',
  MSG_PACKAGE_ENTRY_DIRECTORY_MODE:
    'The chart package\'s entry "{entryName}" is a file with a directory mode.',
  MSG_PACKAGE_ENTRY_HARD_LINK:
    'The chart package\'s entry "{entryName}" is a hard link (to "{target}"); a chart may not contain links.',
  MSG_PACKAGE_ENTRY_SYMLINK:
    'The chart package\'s entry "{entryName}" is a symbolic link (to "{target}"); a chart may not contain links.',
  MSG_PACKAGE_ENTRY_SPECIAL:
    'The chart package\'s entry "{entryName}" is a special file (tar type {tarType}); a chart may contain only files and directories.',
  MSG_PACKAGE_ENTRY_UNSUPPORTED_TYPE:
    'The chart package\'s entry "{entryName}" has the unsupported tar type "{tarType}"; a chart may contain only files and directories.',
  MSG_PACKAGE_ENTRY_ABSOLUTE: 'The chart package\'s entry "{entryName}" has an absolute path.',
  MSG_PACKAGE_ENTRY_DOT_DOT: 'The chart package\'s entry "{entryName}" has a ".." path segment.',
  MSG_PACKAGE_ENTRY_ILLEGAL_PATH: 'The chart package\'s entry "{entryName}" has an illegal path.',
  MSG_PACKAGE_ENTRY_NO_DIRECTORY:
    'The chart package\'s entry "{entryName}" is not inside a top-level directory.',
  MSG_PACKAGE_ENTRY_OUTSIDE_ROOT:
    'The chart package has more than one top-level directory: "{entryName}" is outside "{root}".',
  MSG_PACKAGE_ENTRY_FILE_AS_ROOT:
    'The chart package\'s entry "{entryName}" is a file outside the chart\'s directory.',
  MSG_PACKAGE_TWO_CHART_YAML:
    'The chart package has two Chart.yaml files, "{first}" and "{second}", so which chart it is is ambiguous. Package the chart again with helm package.',
  MSG_PACKAGE_NO_CHART_YAML: 'The chart package has no Chart.yaml in its directory "{root}".',
  MSG_CHART_YAML_NOT_MAPPING: '{file} is not a YAML mapping.',
  MSG_CHART_YAML_INVALID: '{file} is not valid YAML: {problem}',
  MSG_CHART_YAML_ALIAS_BOMB: '{file} uses too many YAML aliases.',
  MSG_CHART_YAML_FIELD_REQUIRED: '{file}: {field} is required.',
  MSG_CHART_YAML_NAME_NOT_ALLOWED: '{file}: the name "{name}" is not allowed.',
  MSG_CHART_YAML_NAME_HAS_SEPARATOR: '{file}: the name "{name}" must not contain path separators.',
  MSG_CHART_YAML_BAD_VERSION: '{file}: the version "{version}" is not a valid semantic version.',
  MSG_CHART_YAML_BAD_TYPE: '{file}: the type "{type}" must be application or library.',
  MSG_CHART_YAML_NULL_NODE: '{file}: {field} must not contain empty entries.',
  MSG_CHART_YAML_BAD_ALIAS: '{file}: the alias of dependency "{name}" has disallowed characters.',
  MSG_CHART_YAML_DUPLICATE_DEPENDENCY: '{file}: more than one dependency is named or aliased "{name}".',
  MSG_CHART_YAML_WRONG_KIND: '{file}: {path} must be {expectedText}, not {actualText}.',
  MSG_CHART_YAML_NOT_FINITE: '{file}: {path} is {value}, which Helm cannot read.',
  MSG_CHART_YAML_KEY_NOT_STRING: '{file}: a key {at}is not a string ({actualText}).',
  MSG_YAML_KIND_STRING: 'a string',
  MSG_YAML_KIND_BOOL: 'true or false',
  MSG_YAML_KIND_STRINGS: 'a list of strings',
  MSG_YAML_KIND_STRING_MAP: 'a mapping of strings',
  MSG_YAML_KIND_LIST: 'a list',
  MSG_YAML_KIND_MAPPING: 'a mapping',
  MSG_YAML_KIND_NULL: 'null',
  MSG_YAML_KIND_NUMBER: 'a number',
  MSG_YAML_KIND_BOOLEAN: 'a boolean',
  MSG_YAML_KIND_OTHER: 'a value of another kind',
  MSG_KEY_AT: 'under {path} ',
  MSG_PACKAGE_TOO_LARGE:
    'The package is {sizeBytes} even after slimming, over the limit of {limitBytes}: enable S3 storage for the App Store, or make the chart smaller in the repository.',
  MSG_PACKAGE_IDENTITY_MISMATCH:
    'The package says {packageName} {packageVersion}, the index says {indexName} {indexVersion}: nothing was stored for it. Fix the repository (regenerate its index with helm repo index, or publish the right package).',
  MSG_REPO_FAILED: 'The repository could not be read ({kindText}): {problem}',
  MSG_INDEX_EMPTY: 'The index at {url} is empty: a Helm repository index needs apiVersion and entries.',
  MSG_INDEX_HTML:
    'The address {url} answered an HTML page, not a Helm repository index: check the repository URL.',
  MSG_INDEX_INVALID_JSON: 'The index at {url} is not valid JSON{position}: {reason}',
  MSG_INDEX_INVALID_YAML: 'The index at {url} is not valid YAML{position}: {reason}',
  MSG_INDEX_UNPARSABLE: 'The index at {url} could not be parsed: {reason}',
  MSG_INDEX_NOT_AN_INDEX:
    'The document at {url} is not a Helm repository index (it needs apiVersion and entries): check the repository URL.',
  MSG_INDEX_ENTRIES_NOT_MAPPING:
    'The index at {url} is invalid: its entries are not a mapping of chart names.',
  MSG_INDEX_NO_API_VERSION:
    'The index at {url} has no apiVersion, so it is not a Helm repository index: check the repository URL.',
  MSG_INDEX_ALIAS_BOMB: 'The index at {url} was refused: its YAML aliases expand far beyond its size.',
  MSG_AT_LINE: ' at line {line}, column {column}',
  MSG_AT_LINE_ONLY: ' at line {line}',
  MSG_REGISTRY_INVALID_JSON: 'The registry answered invalid JSON at {url}: {reason}',
  MSG_REGISTRY_TOKEN_REALM_PLAIN_HTTP:
    'The registry {registry} names a token service over plain http ({realm}): the credentials are never sent over plain HTTP from an https registry. Ask its operator to serve the token service over https.',
  MSG_REGISTRY_TOKEN_REALM_OTHER_HOST:
    'The registry {registry} gets its tokens from another host ({realm}), and the credentials go only to the repository\'s own host: if you trust that host, turn on "Send the credentials to other hosts the repository names" and try again.',
  MSG_REGISTRY_TOKEN_REALM_INVALID: 'The registry {registry} named an invalid token service address.',
  MSG_REGISTRY_TOKEN_REALM_SCHEME:
    'The registry {registry} named a token service address whose scheme is neither http nor https.',
  MSG_REGISTRY_TOKEN_MISSING: 'The token service of {registry} answered without a token.',
  MSG_REGISTRY_TAGS_TOO_MANY_PAGES: 'The tag list of {url} has more than {max} pages.',
  MSG_REGISTRY_REPOSITORY_NOT_FOUND:
    'The registry has no repository {url} (404): check the URL, oci://registry/path/chart.',
  MSG_REGISTRY_MANIFEST_MISSING:
    'The registry has no manifest for {url}:{reference}: the version may have been deleted.',
  MSG_REGISTRY_DIGEST_UNSUPPORTED:
    'The registry named content of {url} by the unsupported digest "{digest}": only sha256 digests are supported.',
  MSG_REGISTRY_BLOB_TOO_LARGE:
    'A download from {url} was refused: it is {sizeBytes}, over the limit of {limitBytes}. Raise the size limit if this is expected.',
  MSG_REGISTRY_DIGEST_MISMATCH:
    'The registry sent content of {url} with digest {actual}, not {expected}: the download is corrupt. Try again.',
  MSG_OCI_NOT_A_CHART: '{url} is not a Helm chart: its manifest has no layer of type {mediaType}.',
  MSG_OCI_CONFIG_INVALID_JSON:
    'The config of chart {chart} {version} in the registry is not valid JSON: {reason}',
  MSG_REPO_URL_INVALID: 'The repository URL {url} is invalid.',
  MSG_CHART_URL_INVALID: 'The chart URL "{url}" in the index is invalid.',
  MSG_CHART_DOWNLOAD_URL_INVALID:
    'Chart {chart} {version} has an invalid download URL "{url}": the repository\'s index needs fixing.',
  MSG_CHART_NO_DOWNLOAD_URL: 'Chart {chart} {version} has no download URL.',
  MSG_BUNDLE_DIGEST_MISMATCH:
    "Chart {chart} {version}: the package's digest {actual} is not the expected {expected}. No bundle was written: the package is not what the index says.",
  MSG_BUNDLE_CHART_MISSING: 'The bundle has no package of {chart} {version}.',
  MSG_BUNDLE_FILE_CHANGED:
    "The bundle's file {path} changed on the server after it was verified: upload the bundle again.",
  MSG_BUNDLE_ICON_MISSING:
    'The bundle does not carry the icon {url} (it could not be fetched when the bundle was made).',
  MSG_BUNDLE_ICON_TOO_LARGE: 'The icon in the bundle is {sizeBytes}, over the limit of {limitBytes}.',
  MSG_REPO_FETCH_FAILED: 'Cannot read {url} ({kindText}). {hint}',
  MSG_STORE_FAILED: 'KubeSphere failed the call ({kindText}): {problem}',
  MSG_STORE_MISSING: 'App Store Management is not installed in this KubeSphere: {problem}',
  MSG_WORKSPACE_UNKNOWN:
    'The workspace "{workspace}" does not exist in KubeSphere, or you cannot see it: pick one of the workspaces listed, or import into the global App Store.',
  MSG_INPUT_INVALID: 'Invalid input: {problem}',
  MSG_REQUEST_INVALID: '{problemText}',
  MSG_REQUEST_WHY_NOT_OBJECT: 'The request body must be a JSON object (Content-Type: application/json).',
  MSG_REQUEST_WHY_TOO_DEEP: 'The request body nests arrays and objects more than {depth} levels deep.',
  MSG_REQUEST_WHY_UNKNOWN_FIELD: '{field} is not a known field.',
  MSG_REQUEST_WHY_REQUIRED: '{field} is required.',
  MSG_REQUEST_WHY_REQUIRED_WITH: '{field} is required with {other}.',
  MSG_REQUEST_WHY_BAD_KEY: '{field} has an invalid key {key}.',
  MSG_REQUEST_WHY_ONE_OF: '{field} matches none of the forms it may take.',
  MSG_REQUEST_WHY_INVALID_VALUE: 'The value of {field} is invalid.',
  MSG_REQUEST_WHY_WRONG_TYPE: '{field} has the wrong type.',
  MSG_REQUEST_WHY_NOT_ALLOWED: '{field} must be one of: {allowed}.',
  MSG_REQUEST_WHY_TOO_LONG: '{field} is too long: at most {limit} characters.',
  MSG_REQUEST_WHY_TOO_SHORT: '{field} is too short: at least {limit} characters.',
  MSG_REQUEST_WHY_TOO_MANY: '{field} has too many entries: at most {limit}.',
  MSG_REQUEST_WHY_TOO_FEW: '{field} has too few entries: at least {limit}.',
  MSG_REQUEST_WHY_TOO_LARGE: '{field} is over its limit of {limit}.',
  MSG_REQUEST_WHY_TOO_SMALL: '{field} is under its limit of {limit}.',
  MSG_REQUEST_WHY_EMPTY: '{field} is empty.',
  MSG_REQUEST_WHY_RULE_MATCHES_NOTHING:
    '{field} needs at least one name pattern or keyword, else it matches no chart.',
  MSG_REQUEST_WHY_PATTERN_INVALID:
    'The name pattern at {field} cannot be used: a pattern has no space or "/", at most {wildcards} wildcards ("*" or "?"), no extended glob, and its brackets closed.',
  MSG_REQUEST_WHY_CA_INVALID:
    'The CA certificate of the repository ({field}) is not a valid PEM certificate.',
  MSG_REQUEST_WHY_URL_INVALID: '{url} is not a valid repository URL.',
  MSG_REQUEST_WHY_URL_SCHEME: '{url} has an unsupported scheme: use http://, https:// or oci://.',
  MSG_REQUEST_WHY_OCI_REFERENCE:
    '{url} is not an OCI chart reference: expected oci://registry[:port]/path/chart.',
  MSG_REQUEST_WHY_OCI_PATH:
    '{url} has an invalid repository path: use lowercase letters, digits, ".", "_", "-" and "/".',
  MSG_REQUEST_WHY_OCI_HOST: '{url} has an invalid registry host.',
  MSG_REQUEST_WHY_DUPLICATE_ITEMS: '{field} lists an entry twice.',
  MSG_REQUEST_WHY_SCHEDULE: '{field} must be a 5-field cron expression such as "0 3 * * *".',
  MSG_REQUEST_WHY_SYNC_NEEDS_REPOSITORY:
    'A scheduled sync needs a repository (a URL or one configured in KubeSphere), not an uploaded bundle: import a bundle with a job.',
  MSG_REQUEST_WHY_REQUIRE_WITH_BUNDLE:
    'The signature policy "require" cannot be met with an offline bundle, which carries no signatures: verify with an import from the repository.',
  MSG_REQUEST_WHY_CERTIFICATE_INCOMPLETE:
    '{cert} and {key} go together: give both the client certificate and its private key, or neither.',
  MSG_REQUEST_WHY_CERTIFICATE_INVALID:
    '{cert} is not a PEM certificate: give the client certificate in PEM form.',
  MSG_REQUEST_WHY_KEY_INVALID:
    "{key} is not a PEM private key: give the certificate's private key in PEM form.",
  MSG_REQUEST_WHY_KEY_ENCRYPTED:
    '{key} is an encrypted private key, which is not supported: decrypt it first.',
  MSG_REQUEST_WHY_KEY_MISMATCH: '{key} is not the private key of the certificate in {cert}.',
  MSG_VERIFY_KEYS_INVALID: '{problemText}',
  MSG_KEYS_WHY_KEYS_MISSING:
    'The signature policy "{policy}" needs keys to check with: give a keyring (Helm provenance) or a cosign public key (OCI charts).',
  MSG_KEYS_WHY_KEYRING_UNREADABLE:
    'The keyring holds no OpenPGP public key ({reason}): export one with gpg --export --armor KEY-ID.',
  MSG_KEYS_WHY_KEYRING_EMPTY: 'The keyring holds no OpenPGP public key.',
  MSG_KEYS_WHY_KEYRING_SECRET:
    'The keyring holds a secret key: give only public keys, never the signing key.',
  MSG_KEYS_WHY_COSIGN_PRIVATE:
    'The cosign key is a private key: give the public key (cosign.pub), never the signing key.',
  MSG_KEYS_WHY_COSIGN_UNREADABLE:
    'The cosign key is not a PEM public key ({reason}): give the cosign.pub made by cosign generate-key-pair.',
  MSG_KEYS_WHY_COSIGN_KEY_TYPE:
    'The cosign key is a {keyType} key: use an ECDSA P-256, RSA or Ed25519 public key.',
  MSG_ADDRESS_BLOCKED: "Blocked by the service's outbound policy: {blockedText}",
  MSG_BLOCKED_SCHEME: 'only http://, https:// and oci:// repository URLs are allowed.',
  MSG_BLOCKED_INVALIDHOST: '{subject} is not a valid address.',
  MSG_BLOCKED_NO_HOST: 'the URL has no valid host.',
  MSG_BLOCKED_INTERNALNAME:
    '"{host}" is a local or cluster-internal name. An administrator can allow it with outbound.allowHosts in the extension\'s configuration.',
  MSG_BLOCKED_UNSPECIFIED: '{subject} is an address no repository can have.',
  MSG_BLOCKED_BROADCAST: '{subject} is a broadcast address, which no repository can have.',
  MSG_BLOCKED_MULTICAST: '{subject} is a multicast address, which no repository can have.',
  MSG_BLOCKED_METADATA:
    "{subject} is a cloud metadata endpoint. An administrator can allow exactly this address with outbound.allowCidrs in the extension's configuration.",
  MSG_BLOCKED_LOOPBACK:
    "{subject} is a loopback address ({range}). An administrator can allow it with outbound.allowCidrs in the extension's configuration.",
  MSG_BLOCKED_LINKLOCAL:
    "{subject} is a link-local address ({range}). An administrator can allow it with outbound.allowCidrs in the extension's configuration.",
  MSG_BLOCKED_CLUSTER:
    "{subject} is in the cluster's range {range}. An administrator can allow it with outbound.allowCidrs, or correct outbound.blockCidrs, in the extension's configuration.",
  MSG_BLOCKED_PRIVATE:
    "{subject} is a private address ({range}). An administrator can allow it with outbound.allowCidrs or outbound.allowPrivateNetworks in the extension's configuration.",
  MSG_HOST_AT_ADDRESS: '"{host}" ({address})',
  MSG_QUOTED_HOST: '"{host}"',
  MSG_BLOCKED_RESERVED:
    "{subject} is a reserved address ({range}). An administrator can allow it with outbound.allowCidrs in the extension's configuration.",
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
