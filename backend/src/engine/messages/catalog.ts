// Everything the engine tells a person about a run (warnings, per-version reasons, why a run or a
// version failed) as a stable code with parameters. The English text below is what the CLI and
// the logs print; the console renders the code in the user's language (frontend/src/locales/*/
// messages.ts, checked against this list by the contract's MessageCode enum).
//
// Parameters are plain values: names, versions, URLs, counts. Sizes are in bytes and their names
// end in `Bytes`, so a renderer can show them in human units. `problem` is a technical detail
// (KubeSphere's own answer, a parser's words), shown as it is in every language.
import { counted } from '../words.js';
import { entry, q } from './entry.js';
import { packageProblems } from './package-problems.js';
import { repoProblems } from './repo-problems.js';

export type { Remedy } from './entry.js';

type Chart = { chart: string };
type ChartVersion = { chart: string; version: string };
type Problem = { problem: string };
type SignatureParams = ChartVersion & Problem & { why: string } & Readonly<Record<string, string>>;
/** An index entry: its version when it has one (even ''), absent when it has none. */
type IndexEntry = { chart: string; version?: string };

const sizes = (count: number): string => (count === 1 ? 'its size is unknown' : 'their sizes are unknown');
const notLookedUp = (count: number): string =>
  `${counted(count, 'version')} ${count === 1 ? 'was' : 'were'} not looked up`;

export const catalog = {
  // The repository's index
  'index-url-unusable': entry<ChartVersion & { url: string }>(
    (p) => `Chart ${q(p.chart)} version ${q(p.version)}: ignored the unusable URL ${q(p.url)}.`,
  ),
  'index-versions-not-list': entry<Chart>(
    (p) => `Chart ${q(p.chart)}: skipped, its versions are not a list.`,
  ),
  'index-entry-empty': entry<IndexEntry>(
    (p) => `Chart ${q(p.chart)}: skipped ${which(p.version)} because empty entry.`,
  ),
  'index-entry-not-mapping': entry<IndexEntry>(
    (p) => `Chart ${q(p.chart)}: skipped ${which(p.version)} because entry is not a mapping.`,
  ),
  'index-entry-no-name': entry<IndexEntry>(
    (p) => `Chart ${q(p.chart)}: skipped ${which(p.version)} because it has no name.`,
  ),
  'index-entry-bad-name': entry<IndexEntry & { name: string }>(
    (p) => `Chart ${q(p.chart)}: skipped ${which(p.version)} because its name ${q(p.name)} is invalid.`,
  ),
  'index-entry-no-version': entry<IndexEntry>(
    (p) => `Chart ${q(p.chart)}: skipped ${which(p.version)} because it has no version.`,
  ),
  'index-entry-bad-version': entry<ChartVersion>(
    (p) =>
      `Chart ${q(p.chart)}: skipped ${which(p.version)} because its version ${q(p.version)} is not a valid semantic version.`,
  ),
  'index-entry-bad-type': entry<IndexEntry & { type: string }>(
    (p) =>
      `Chart ${q(p.chart)}: skipped ${which(p.version)} because its type ${q(p.type)} is neither application nor library.`,
  ),
  'index-entry-no-url': entry<IndexEntry>(
    (p) => `Chart ${q(p.chart)}: skipped ${which(p.version)} because it has no download URL.`,
  ),
  'index-version-twice': entry<ChartVersion>(
    (p) => `Chart ${q(p.chart)}: version ${q(p.version)} is listed twice; kept the first.`,
  ),
  'warnings-left-out': entry<{ count: number }>((p) => `${p.count} more warnings were left out.`),
  'oci-tags-ignored': entry<{ count: number; registry: string }>(
    (p) =>
      `${counted(p.count, 'tag')} of ${p.registry} ${p.count === 1 ? 'is not a chart version and was' : 'are not chart versions and were'} ignored.`,
  ),
  /** With the cause's code and parameters when it has them (describe.ts causeParams). */
  'oci-metadata-unread': entry<ChartVersion & Problem & Readonly<Record<string, string | number>>>(
    (p) => `Chart ${p.chart} ${p.version}: metadata not read (${p.problem})`,
  ),

  // The selection
  'chart-deprecated': entry<Chart>(
    (p) => `${p.chart}: skipped, the chart is deprecated (include deprecated charts to import it)`,
  ),
  'chart-no-stable-version': entry<Chart>(
    (p) => `${p.chart}: skipped, it has no stable version (import all versions to include prereleases)`,
  ),

  // Package sizes (previews, dry runs)
  'sizes-over-lookup-limit': entry<{ count: number; max: number }>(
    (p) => `Package sizes: ${notLookedUp(p.count)} (at most ${p.max} per preview); ${sizes(p.count)}.`,
  ),
  'sizes-lookups-failed': entry<{ count: number; first: string }>(
    (p) => `Package sizes: ${counted(p.count, 'lookup')} failed, ${sizes(p.count)} (first: ${p.first}).`,
  ),
  'sizes-out-of-time': entry<{ count: number }>(
    (p) => `Package sizes: ${notLookedUp(p.count)} in the time a preview has; ${sizes(p.count)}.`,
  ),

  // The KubeSphere server
  'server-version-unknown': entry<Problem & { rules: string }>(
    (p) =>
      `could not learn the KubeSphere version (${p.problem}); following ks-core ${p.rules}'s App Store rules`,
  ),
  'server-version-newer': entry<{ version: string; rules: string }>(
    (p) =>
      `KubeSphere ${p.version} is newer than the releases this importer knows (4.1.1 to 4.2); following ks-core ${p.rules}'s App Store rules`,
  ),
  'server-version-older': entry<{ version: string }>(
    (p) => `KubeSphere ${p.version} is older than 4.1, whose App Store API this importer speaks`,
  ),

  // The run
  'large-plan': entry<{ count: number; gib: number }>(
    (p) =>
      `${p.count} versions to upload: without S3 each is kept in etcd as a ConfigMap of up to 1 MiB ` +
      `(up to ${p.gib} GiB). Prefer --versions latest or a number.`,
  ),
  'cleanup-failed': entry<Problem>((p) => `clean-up failed: ${p.problem}`),
  'app-suspended': entry<Chart & { app: string }>(
    (p) =>
      `${p.chart}: app ${p.app} is suspended in the store; its versions were imported, re-activate it to show them`,
  ),
  'app-release-failed': entry<Chart & { app: string } & Problem>(
    (p) => `${p.chart}: could not release app ${p.app}: ${p.problem}`,
  ),
  'hand-uploaded-app-found': entry<Chart & { app: string }>(
    (p) =>
      `${p.chart}: app ${p.app} was uploaded by hand for this chart; a new app is created beside it. To add the chart's versions to that app instead, adopt it (--adopt, or "Adopt apps uploaded by hand" on the page)`,
  ),
  'store-apps-unlisted': entry<Problem>(
    (p) =>
      `the store's apps could not be listed after the run (${p.problem}): the next run will be a full one`,
  ),
  'charts-listed-partly': entry<{ max: number; count: number }>(
    (p) =>
      `only the first ${p.max} of ${p.count} charts are listed with their outcome; the summary counts them all`,
  ),
  'job-deadline-passed': entry<{ deadline: string }>(
    (p) => `the job deadline of ${p.deadline} has passed: the versions being written finish, no other starts`,
  ),

  // A job's end (the service)
  'job-cancelled': entry<Record<string, never>>(() => 'cancelled'),
  'job-cancelled-orphaned': entry<Record<string, never>>(
    () => 'cancelled; the replica that ran it had stopped',
  ),
  'job-cancelled-before-start': entry<Record<string, never>>(() => 'cancelled before it started'),
  'job-deadline-stopped': entry<{ deadline: string }>(
    (p) =>
      `stopped at the job deadline of ${p.deadline}: the versions being written finished, the others were not started; start it again to finish them (nothing will be duplicated)`,
  ),
  'job-interrupted': entry<Record<string, never>>(
    () => 'interrupted by a restart of the service; start it again: nothing will be duplicated',
  ),
  'job-waiting-for-replica': entry<Record<string, never>>(
    () => 'interrupted by a restart of the service; the next replica to start resumes it',
  ),
  'job-resumed': entry<Record<string, never>>(() => 'resumed after an interruption of the service'),
  'bundle-not-found': entry<{ id: string }>(
    () => 'The uploaded bundle is no longer on the server: upload it again.',
    'change',
  ),
  'job-all-failed': entry<{ count: number }>((p) => `every item failed (${p.count}); see the failures`),
  'run-unchanged': entry<{ fullRunAt: string; versions: number; charts: number }>(
    (p) =>
      `the repository has not changed since the full run of ${p.fullRunAt} and the store still holds what that run recorded: ` +
      `${counted(p.versions, 'version')} of ${counted(p.charts, 'chart')} already in the store (nothing was read per chart)`,
  ),

  // Versions the repository no longer lists (plan/removed.ts, run/prune.ts)
  'versions-removed-upstream': entry<{ count: number; charts: number }>(
    (p) =>
      `${counted(p.count, 'store version')} of ${counted(p.charts, 'chart')} ${p.count === 1 ? 'is' : 'are'} no longer listed by the repository; ` +
      `${p.count === 1 ? 'it stays' : 'they stay'}. --prune removes ${p.count === 1 ? 'it' : 'them'}.`,
  ),
  'prune-in-use-unknown': entry<Problem>(
    (p) =>
      `nothing was removed: KubeSphere could not tell which versions are in use (${p.problem}); ` +
      'removing needs a user who may list applications (application.kubesphere.io, e.g. platform-admin): run again with such a token',
  ),
  'prune-partial-index': entry<Record<string, never>>(
    () =>
      "nothing was removed: an offline bundle carries some of the repository's versions, not its whole index; prune with an import from the repository itself",
  ),
  'prune-removed': entry<Record<string, never>>(() => 'the repository no longer lists this version'),
  'prune-kept-last-version': entry<Record<string, never>>(
    () =>
      "kept: the repository no longer lists it, but it is the app's last version and an app is never left without one",
  ),
  'prune-kept-in-use': entry<{ releases: number }>(
    (p) =>
      `kept: KubeSphere reports it in use by ${counted(p.releases, 'installed application')}; uninstall or upgrade ${p.releases === 1 ? 'it' : 'them'} first`,
  ),
  'prune-kept-unverified': entry<Record<string, never>>(
    () => 'kept: whether it is in use could not be checked',
  ),
  'prune-delete-failed': entry<Problem>(
    (p) => `kept: removing it failed (${p.problem}); the next run with --prune tries again`,
  ),

  // A version's notes
  'draft-will-resume': entry<Record<string, never>>(
    () => 'a draft left in the store will be checked and completed',
  ),
  'draft-completed': entry<Record<string, never>>(() => 'completed a draft left by an earlier run'),
  'app-adopted': entry<{ app: string }>(
    (p) => `in app ${p.app}, uploaded by hand and adopted by this import`,
  ),
  'package-over-limit': entry<{ sizeBytes: number; limitBytes: number }>(
    (p) =>
      `package is ${p.sizeBytes} bytes, over the store's limit of ${p.limitBytes} bytes without S3: the import will slim it, and fail it if slimming is not enough`,
  ),
  slimmed: entry<{ fromBytes: number; toBytes: number; removed: string }>(
    (p) =>
      `slimmed from ${p.fromBytes} to ${p.toBytes} bytes${p.removed === '' ? '' : `, removed ${p.removed}`}`,
  ),
  'uploaded-concurrently': entry<Record<string, never>>(
    () => 'uploaded by another import running at the same time',
  ),
  // A version's signature (engine/verify), checked on the package as downloaded
  'signature-verified': entry<ChartVersion & { signer: string; fingerprint: string }>(
    (p) => `signature verified: signed by ${p.signer} (${p.fingerprint})`,
  ),
  'signature-missing': entry<ChartVersion>(
    () => 'not signed: no Helm provenance file (.prov) or cosign signature was found for it',
  ),
  /**
   * `why` is the reason (engine/verify/types.ts SignatureWhy), with the names it shows as further
   * parameters (keyId, fileName, ...); `problem` is the English text of every reason.
   */
  'signature-invalid': entry<SignatureParams>((p) => `signature invalid: ${p.problem}`),
  'signature-unchecked': entry<SignatureParams>((p) => `signature not checked: ${p.problem}`),
  'signature-held': entry<ChartVersion>(
    () =>
      'not released: the signature policy "require" holds it back (a draft, or submitted for review with publish mode review); fix its signature or release it by hand',
  ),
  /**
   * `why` is the reason (run/icons.ts IconWhy, or fetch-failed with the failure's `kind`), with the
   * names it shows as further parameters; absent for an unexpected failure.
   */
  'icon-not-stored': entry<Chart & Problem & Readonly<Record<string, string | number>>>(
    (p) =>
      `the icon of ${q(p.chart)} was not stored in KubeSphere, so the App Store can show it only from the chart's icon URL, if any: ${p.problem}`,
  ),
  'written-despite-error': entry<Problem>(
    (p) => `KubeSphere answered an error after writing (${p.problem}); the store has it`,
  ),
  'digest-mismatch-index': entry<ChartVersion & { expected: string; actual: string }>(
    (p) =>
      `Chart ${p.chart} ${p.version}: the index digest ${p.expected} does not match the downloaded package (sha256 ${p.actual}); the index may be stale.`,
  ),
  'digest-mismatch-registry': entry<ChartVersion & { expected: string; actual: string }>(
    (p) =>
      `Chart ${p.chart} ${p.version}: the expected digest ${p.expected} does not match the registry's ${p.actual}; the index may be stale.`,
  ),

  // Why a version failed (remedy: what helps)
  'chart-missing': entry<Record<string, never>>(() => 'no chart of this name in the repository', 'change'),
  /** A chart or version asked for by name (a chart's details) that the repository does not list. */
  'chart-version-not-found': entry<Problem & { chart: string; version: string }>((p) => p.problem, 'change'),
  'chart-held-by-other': entry<Chart & { app: string; held: string }>(
    (p) => `store app ${p.app} holds chart ${q(p.held)}, not ${q(p.chart)}; rename or delete that app`,
    'change',
  ),
  'adopt-ambiguous': entry<Chart & { apps: string }>(
    (p) =>
      `several apps uploaded by hand hold chart ${q(p.chart)} (${p.apps}): none was adopted and no app was created; delete the ones not to keep, or import without adopting to create a new app`,
    'change',
  ),
  'version-unstorable': entry<{ server: string; version: string; name: string }>(
    (p) =>
      `KubeSphere ${p.server} cannot store version ${p.version}: it names it ${p.name}, which is not a valid Kubernetes name (ks-core 4.1.3 names such versions by their SHA-1)`,
    'change',
  ),
  'version-name-clash': entry<{ server: string; holder: string; version: string; name: string }>(
    (p) =>
      `KubeSphere ${p.server} names versions ${p.holder} and ${p.version} alike (${p.name}); only ${p.holder} is imported`,
    'change',
  ),
  'upload-in-progress': entry<Record<string, never>>(
    () => 'another import is uploading this version now; run again later',
    'retry',
  ),
  'version-unfinished': entry<{ version: string }>(
    (p) => `version ${p.version} exists in the store but could not be finished; run again`,
    'retry',
  ),
  'package-invalid': entry<Problem>((p) => p.problem, 'change'),
  ...packageProblems,
  'package-too-large': entry<{
    sizeBytes: number;
    limitBytes: number;
    removedEntries: number;
    filesKept: number;
  }>((p) => {
    const notes = [
      ...(p.removedEntries > 0 ? [`removed ${counted(p.removedEntries, 'entry', 'entries')}`] : []),
      ...(p.filesKept > 0 ? ['docs and images were kept because its templates read .Files'] : []),
    ];
    return (
      `chart package is ${p.sizeBytes} bytes (${mib(p.sizeBytes)} MiB) even after slimming, over the limit of ` +
      `${p.limitBytes} bytes (${mib(p.limitBytes)} MiB)${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`
    );
  }, 'change'),
  'package-identity-mismatch': entry<{
    packageName: string;
    packageVersion: string;
    indexName: string;
    indexVersion: string;
  }>(
    (p) =>
      `the package says name ${p.packageName} version ${p.packageVersion}, the index says ${p.indexName} ${p.indexVersion}: ` +
      'nothing was stored for it; fix the repository (regenerate its index with helm repo index, or publish the right package)',
    'change',
  ),
  'repo-failed': entry<Problem & { kind: string }>((p) => p.problem),
  // What the repository sent is not an index (repo/parse-index.ts): `problem` is the English
  // sentence, `url` the index's address; `reason` is the parser's own words.
  'index-empty': entry<Problem & { url: string }>((p) => p.problem, 'change'),
  'index-html': entry<Problem & { url: string }>((p) => p.problem, 'change'),
  /** `line` and `column` count from 1; 0 when the parser did not say. */
  'index-invalid-json': entry<Problem & { url: string; line: number; column: number; reason: string }>(
    (p) => p.problem,
    'change',
  ),
  'index-invalid-yaml': entry<Problem & { url: string; line: number; column: number; reason: string }>(
    (p) => p.problem,
    'change',
  ),
  'index-unparsable': entry<Problem & { url: string; reason: string }>((p) => p.problem, 'change'),
  'index-not-an-index': entry<Problem & { url: string }>((p) => p.problem, 'change'),
  'index-entries-not-mapping': entry<Problem & { url: string }>((p) => p.problem, 'change'),
  'index-no-api-version': entry<Problem & { url: string }>((p) => p.problem, 'change'),
  'index-alias-bomb': entry<Problem & { url: string }>((p) => p.problem, 'change'),
  ...repoProblems,
  /** A read of the repository failed: `problem` says what, where and what to do in English. */
  'repo-fetch-failed': entry<Problem & { url: string; kind: string; attempts: number; status?: number }>(
    (p) => p.problem,
  ),
  'store-failed': entry<Problem & { kind: string; status: number }>((p) => p.problem),
  'store-missing': entry<Problem>((p) => p.problem, 'change'),
  'input-invalid': entry<Problem>((p) => p.problem, 'change'),
  /** The signature keys given cannot be used (verify/keys.ts KeysWhy); `reason` is a parser's words. */
  'verify-keys-invalid': entry<Problem & { why: string } & Readonly<Record<string, string>>>(
    (p) => p.problem,
    'change',
  ),
  /**
   * The service refused a request (engine/messages/refusal.ts): `field` names it (`body.source.url`),
   * `why` is the rule it broke (RequestWhy), with what the sentence names (`limit`, `allowed`, ...).
   */
  'request-invalid': entry<
    Problem & { why: string; field: string } & Readonly<Record<string, string | number>>
  >((p) => p.problem, 'change'),
  /** `problem` names the workspaces the caller can see, in English. */
  'workspace-unknown': entry<Problem & { workspace: string }>((p) => p.problem, 'change'),
  /**
   * The service's outbound policy refused a destination (service/outbound/policy.ts): `category`
   * is why (its BlockCategory), `address` and `range` are '' when the refusal is not about one.
   */
  'address-blocked': entry<Problem & { host: string; category: string; address: string; range: string }>(
    (p) => p.problem,
    'change',
  ),
  cancelled: entry<Problem>((p) => p.problem),
  'internal-error': entry<Problem>((p) => p.problem, 'retry'),
  /** A warning kept by an earlier release of the service, which stored text only. */
  'earlier-text': entry<{ text: string }>((p) => p.text),
} as const;

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(2);
}

function which(version: string | undefined): string {
  return version === undefined ? 'an entry' : `version ${q(version)}`;
}

export type MessageCode = keyof typeof catalog;
export type MessageParams<C extends MessageCode> = Parameters<(typeof catalog)[C]['text']>[0];
