// argv -> a validated CLI configuration. The flags are a fixed contract: scripts depend on them.
import { parseArgs } from 'node:util';

import { InputError } from '../engine/index.js';
import type { PublishMode, VersionPolicy } from '../engine/index.js';
import { DEFAULT_OPTIONS } from '../engine/index.js';
import { redactUrl } from '../engine/index.js';
import { parseWholeNumber } from '../engine/index.js';

export interface CliConfig {
  server: string;
  auth: { token: string } | { username: string; password: string };
  repo: string;
  versions: VersionPolicy;
  charts?: string[];
  workspace?: string;
  publish: PublishMode;
  dryRun: boolean;
  /** Run in full even when the repository and the store are as the last complete run left them. */
  full: boolean;
  /** Remove the store versions the repository no longer lists (--prune). */
  prune: boolean;
  json: boolean;
  concurrency: number;
  includeDeprecated: boolean;
  /** Store each new app's icon in KubeSphere (false: --no-icons, the chart's URL stays). */
  icons: boolean;
  repoUsername?: string;
  repoPassword?: string;
  caFile?: string;
  /** TLS client certificate and its key (mutual TLS): both or neither. */
  certFile?: string;
  keyFile?: string;
  insecureSkipTlsVerify: boolean;
  plainHttp: boolean;
  /** Send the repository credentials to other hosts it names (like helm --pass-credentials). */
  passCredentials: boolean;
  /** Time limit of one request to the repository (each attempt). */
  timeoutSeconds: number;
  /** After this long no version starts any more and the run exits 2; none when undefined. */
  deadlineSeconds?: number;
  /** A YAML or JSON file of category rules (`rules: [...]`), read by main.ts. */
  categoryRules?: string;
  /** Adopt apps uploaded by hand (--adopt); absent when not asked for. */
  adopt?: boolean;
  /** Signature policy (--verify); absent when off. Files read by main.ts. */
  verify?: { policy: 'warn' | 'require'; keyring?: string; cosignKey?: string };
}

/** How the repository is reached: shared by an import and `bundle`. */
export type RepoAccess = Pick<
  CliConfig,
  | 'repoUsername'
  | 'repoPassword'
  | 'caFile'
  | 'certFile'
  | 'keyFile'
  | 'insecureSkipTlsVerify'
  | 'plainHttp'
  | 'passCredentials'
  | 'timeoutSeconds'
>;

/** An import from an offline bundle (--bundle FILE): the bundle names the repository. */
export interface BundleImportConfig extends Omit<CliConfig, 'repo' | keyof RepoAccess> {
  bundle: string;
}

/** `store-importer bundle`: the versions an import would select, written to one file. */
export interface BundleConfig
  extends Pick<CliConfig, 'repo' | 'versions' | 'charts' | 'includeDeprecated' | 'json'>, RepoAccess {
  command: 'bundle';
  output: string;
  /** Print the container images the charts use, one a line. */
  images: boolean;
}

/** An import from a repository: neither `bundle` nor --bundle. */
export function isRepoImport(config: CliConfig | BundleImportConfig | BundleConfig): config is CliConfig {
  return !('bundle' in config) && !('command' in config);
}

/** Flags that reach the repository: an import from a bundle reads none. */
const REPO_ACCESS_FLAGS = [
  'repo-username',
  'repo-password',
  'ca-file',
  'cert-file',
  'key-file',
  'insecure-skip-tls-verify',
  'plain-http',
  'pass-credentials',
  'timeout',
] as const;
/** Flags of an import that mean nothing to `bundle`. */
const IMPORT_ONLY_FLAGS = [
  'server',
  'token',
  'username',
  'password',
  'workspace',
  'publish',
  'dry-run',
  'full',
  'prune',
  'concurrency',
  'deadline',
  'bundle',
  'no-icons',
  'category-rules',
  'adopt',
  'verify',
  'keyring',
  'cosign-key',
] as const;

/** Each flag of --help and what it does, in the order shown. */
const FLAGS: readonly (readonly [flag: string, description: string])[] = [
  ['--server URL', 'ks-apiserver or ks-console base URL (required)'],
  ['--token TOKEN', 'KubeSphere access token (or env KS_TOKEN)'],
  ['--username U --password P', 'log in with the OAuth password grant instead of a token'],
  ['--repo URL', 'Helm repo base URL (index.yaml is appended) or oci://registry/path/chart (required)'],
  ['--versions latest|all|N', 'which versions per chart (default latest: newest stable, not deprecated)'],
  ['--charts a,b', 'only these charts'],
  ['--workspace WS', 'import into this KubeSphere workspace; it must exist (default: the global store)'],
  ['--publish active|review|draft', 'release (default), submit for review, or leave as draft'],
  ['--include-deprecated', 'import deprecated charts and versions too'],
  [
    '--category-rules FILE',
    'YAML or JSON file of rules (`rules: [{category, names, keywords}]`) for charts whose annotations name no category; the first that matches decides',
  ],
  [
    '--adopt',
    "a chart without an app of this importer's goes to the app uploaded by hand for it in the target (matched by chart name): its missing versions are added there, its name, category and icon stay; with several such apps the chart fails",
  ],
  [
    '--no-icons',
    "do not fetch and store each new app's icon in KubeSphere; the app keeps the chart's icon URL, which browsers then load",
  ],
  [
    '--dry-run',
    "show what would be done, change nothing; packages over the store's 1 MiB limit are flagged (their sizes are looked up, not downloaded)",
  ],
  [
    '--full',
    "read every chart's versions in the store even when the repository has not changed since the last complete run (which otherwise costs one check of the store's apps; a full run happens daily)",
  ],
  [
    '--prune',
    "remove the store versions of this importer's apps that the repository no longer lists (with --charts, of those charts only); never an app's last version, never one KubeSphere reports in use; with --dry-run, list them",
  ],
  [
    '--verify off|warn|require',
    "check each downloaded package's signature (Helm .prov, cosign for oci://): warn imports a failing version with a note, require uploads it without releasing it (default off)",
  ],
  [
    '--keyring FILE',
    'OpenPGP public keys for Helm provenance (gpg --export, armored or binary; a pubring.gpg or pubring.kbx)',
  ],
  ['--cosign-key FILE', 'PEM cosign public key (cosign.pub) for OCI charts'],
  ['--json', 'print one JSON report on stdout'],
  ['--concurrency N', 'KubeSphere calls at once (default 4, at most 32)'],
  [
    '--repo-username U --repo-password P',
    'basic auth for the repo (or env REPO_PASSWORD, read only with --repo-username)',
  ],
  [
    '--pass-credentials',
    "also send the repo credentials to other hosts it names (chart URLs, an OCI registry's token service); never over plain http from https",
  ],
  ['--ca-file FILE', "PEM CA bundle for the repo's TLS"],
  ['--cert-file FILE', 'PEM client certificate presented to the repo (mutual TLS); needs --key-file'],
  ['--key-file FILE', 'PEM unencrypted private key of --cert-file'],
  ['--insecure-skip-tls-verify', "do not verify the repo's TLS certificate"],
  ['--plain-http', 'talk plain HTTP to an oci:// registry (like helm --plain-http)'],
  [
    '--timeout SECONDS',
    'time limit of one request to the repository (default 120; a request that fails is tried 4 times)',
  ],
  [
    '--deadline SECONDS',
    'after this long, finish the versions being uploaded, start no other and exit 2 (default: none); a re-run completes the import',
  ],
  [
    '--bundle FILE',
    'import an offline bundle (made by `store-importer bundle`) instead of --repo; no repository is contacted',
  ],
  ['--output FILE', 'bundle only: the bundle file to write (required)'],
  [
    '--images',
    'bundle only: print the container images the bundled charts use, one a line (with --json: in its report)',
  ],
  ['-h, --help', 'print this help'],
];

/** Width of --help's lines: descriptions wrap to stay within it. */
const HELP_WIDTH = 100;

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** The flags as a table: every description starts in one column, its wrapped lines too. */
function flagTable(flags: typeof FLAGS): string {
  const column = 2 + Math.max(...flags.map(([flag]) => flag.length)) + 2;
  const indent = ' '.repeat(column);
  return flags
    .flatMap(([flag, description]) =>
      wrap(description, HELP_WIDTH - column).map((line, i) =>
        i === 0 ? `  ${flag}`.padEnd(column) + line : indent + line,
      ),
    )
    .join('\n');
}

export const USAGE = `Usage: store-importer --server URL --repo URL [--token TOKEN | --username U --password P] [flags]
       store-importer --server URL --bundle FILE [--token TOKEN | --username U --password P] [flags]
       store-importer bundle --repo URL --output FILE [--versions V] [--charts a,b] [flags]

Imports the charts of a Helm repository into the KubeSphere App Store.

${flagTable(FLAGS)}

Offline bundles, for clusters that cannot reach the repository: store-importer bundle writes the
packages an import with the same --versions, --charts and --include-deprecated would upload
(checked against the index's digests), their index entries, icons and container images, and a
manifest of checksums, into one file; it takes the repository flags (--repo-username to --timeout)
and --json. --bundle imports that file, verified whole first, with every version it holds by
default; its apps are those an import of the original repository makes.

The record of the last complete run is kept in $STORE_IMPORTER_CACHE_DIR, else
$XDG_CACHE_HOME/store-importer, else ~/.cache/store-importer (no secret in it).

Proxies: HTTPS_PROXY (https URLs), HTTP_PROXY (http URLs) and NO_PROXY, upper or lower case, as
Helm and Go read them: http://[user:password@]host:port; NO_PROXY lists hosts (with their
subdomains), .suffixes, IPs, CIDRs, host:port, or *. localhost and loopback are never proxied. The
repository credentials go only to the repository, inside the TLS tunnel for https.

Run without arguments, it prints this help on stderr and exits 2.
Exit codes: 0 nothing failed, 1 some items failed, 2 could not run.`;

const MAX_CONCURRENCY = 32;
const MAX_VERSIONS = 1_000_000;
const MAX_TIMEOUT_SECONDS = 3600;
/** A week. */
const MAX_DEADLINE_SECONDS = 604_800;

/** The one parser of integer flags: decimal digits within the range, or an error naming both. */
function integerFlag(flag: string, value: string, min: number, max: number): number {
  const parsed = parseWholeNumber(value, min, max);
  if (parsed === undefined) {
    throw new InputError(
      `${flag} must be a whole number from ${min} to ${max} in decimal digits (e.g. ${flag} ${min}), not "${value}"`,
    );
  }
  return parsed;
}

function parseVersions(value: string): VersionPolicy {
  if (value === 'latest' || value === 'all') return { kind: value };
  const count = parseWholeNumber(value, 1, MAX_VERSIONS);
  if (count !== undefined) return { kind: 'newest', count };
  throw new InputError(
    `--versions must be latest, all or a positive number (1 to ${MAX_VERSIONS} in decimal digits), not "${value}"`,
  );
}

/** --verify with its keys: warn and require need one at least, off (the default) takes none. */
function parseVerify(
  policy: string | undefined,
  keyring: string | undefined,
  cosignKey: string | undefined,
): CliConfig['verify'] {
  const value = policy ?? 'off';
  if (value !== 'off' && value !== 'warn' && value !== 'require') {
    throw new InputError(`--verify must be off, warn or require, not "${value}"`);
  }
  if (value === 'off') {
    if (keyring !== undefined || cosignKey !== undefined) {
      throw new InputError(
        `--${keyring === undefined ? 'cosign-key' : 'keyring'} is used only to check signatures: add --verify warn or --verify require`,
      );
    }
    return undefined;
  }
  if (keyring === undefined && cosignKey === undefined) {
    throw new InputError(
      `--verify ${value} needs keys to check with: --keyring FILE (OpenPGP public keys, for Helm .prov files) and/or --cosign-key FILE (cosign.pub, for oci:// charts)`,
    );
  }
  return {
    policy: value,
    ...(keyring === undefined ? {} : { keyring }),
    ...(cosignKey === undefined ? {} : { cosignKey }),
  };
}

function parseHttpUrl(flag: string, value: string, allowOci: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      `${flag} must be a URL such as https://charts.example.com, not "${redactUrl(value)}"`,
    );
  }
  const schemes = allowOci ? ['http:', 'https:', 'oci:'] : ['http:', 'https:'];
  if (!schemes.includes(url.protocol)) {
    throw new InputError(
      `${flag} must start with ${schemes.map((s) => `${s}//`).join(' or ')}, not ${url.protocol}//`,
    );
  }
  if (url.username || url.password) {
    throw new InputError(`${flag} must not carry credentials; use --repo-username and --repo-password`);
  }
  return value;
}

/**
 * Parses argv (without node and script). Throws InputError naming the bad flag. `help`: --help was
 * asked for; `usage`: no arguments at all, a usage error that shows the whole usage.
 */
export function parseCliArgs(
  argv: string[],
  env: NodeJS.ProcessEnv,
): CliConfig | BundleImportConfig | BundleConfig | 'help' | 'usage' {
  if (argv.length === 0) return 'usage';
  // `bundle` is the one subcommand; any other run is an import.
  const making = argv[0] === 'bundle';
  let values;
  try {
    ({ values } = parseArgs({
      args: making ? argv.slice(1) : argv,
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        repo: { type: 'string' },
        // No default: with --bundle the bundle's own selection is the default (below).
        versions: { type: 'string' },
        charts: { type: 'string' },
        workspace: { type: 'string' },
        publish: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        prune: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        'include-deprecated': { type: 'boolean', default: false },
        'no-icons': { type: 'boolean', default: false },
        'category-rules': { type: 'string' },
        adopt: { type: 'boolean', default: false },
        verify: { type: 'string' },
        keyring: { type: 'string' },
        'cosign-key': { type: 'string' },
        'repo-username': { type: 'string' },
        'repo-password': { type: 'string' },
        'ca-file': { type: 'string' },
        'cert-file': { type: 'string' },
        'key-file': { type: 'string' },
        'insecure-skip-tls-verify': { type: 'boolean', default: false },
        'plain-http': { type: 'boolean', default: false },
        'pass-credentials': { type: 'boolean', default: false },
        timeout: { type: 'string' },
        deadline: { type: 'string' },
        bundle: { type: 'string' },
        output: { type: 'string' },
        images: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new InputError(`${(error as Error).message}; see --help`);
  }
  if (values.help) return 'help';

  const charts = values.charts
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (charts?.length === 0)
    throw new InputError('--charts needs at least one chart name, e.g. --charts nginx,redis');
  const given = (flag: keyof typeof values): boolean => values[flag] !== undefined && values[flag] !== false;
  const repoAccess = (): RepoAccess => {
    if ((values['cert-file'] === undefined) !== (values['key-file'] === undefined)) {
      throw new InputError(
        '--cert-file and --key-file go together: give the client certificate and its private key, or neither',
      );
    }
    if (values['repo-password'] !== undefined && values['repo-username'] === undefined) {
      throw new InputError('--repo-password needs --repo-username');
    }
    // REPO_PASSWORD is the password of --repo-username only: left in the environment of a run
    // without basic auth (anonymous, another repository), it is ignored, never sent.
    const repoPassword =
      values['repo-username'] === undefined ? undefined : (values['repo-password'] ?? env.REPO_PASSWORD);
    return {
      repoUsername: values['repo-username'],
      repoPassword,
      caFile: values['ca-file'],
      certFile: values['cert-file'],
      keyFile: values['key-file'],
      insecureSkipTlsVerify: values['insecure-skip-tls-verify'],
      plainHttp: values['plain-http'],
      passCredentials: values['pass-credentials'],
      timeoutSeconds: integerFlag(
        '--timeout',
        values.timeout ?? String(DEFAULT_OPTIONS.timeoutMs / 1000),
        1,
        MAX_TIMEOUT_SECONDS,
      ),
    };
  };

  if (making) {
    const stray = IMPORT_ONLY_FLAGS.find(given);
    if (stray !== undefined)
      throw new InputError(`--${stray} is a flag of an import, not of \`store-importer bundle\`; see --help`);
    if (!values.repo) throw new InputError('--repo is required: a Helm repository URL or oci:// reference');
    if (!values.output)
      throw new InputError('--output is required: the bundle file to write, e.g. --output charts.tgz');
    return {
      command: 'bundle',
      repo: parseHttpUrl('--repo', values.repo, true),
      versions: parseVersions(values.versions ?? 'latest'),
      charts,
      includeDeprecated: values['include-deprecated'],
      json: values.json,
      output: values.output,
      images: values.images,
      ...repoAccess(),
    };
  }
  if (values.output !== undefined || values.images) {
    throw new InputError(
      `--${values.output === undefined ? 'images' : 'output'} is a flag of \`store-importer bundle\`, which writes a bundle; see --help`,
    );
  }
  if (!values.server) throw new InputError('--server is required: the ks-apiserver or ks-console URL');
  if (values.bundle !== undefined) {
    if (values.repo !== undefined)
      throw new InputError('--repo and --bundle go alone: the bundle names the repository it was made from');
    const reaching = REPO_ACCESS_FLAGS.find(given);
    if (reaching !== undefined)
      throw new InputError(
        `--${reaching} does not apply with --bundle: an import from a bundle reads no repository`,
      );
  } else if (!values.repo) {
    throw new InputError('--repo is required: a Helm repository URL or oci:// reference');
  }
  const server = parseHttpUrl('--server', values.server, false);

  const token = values.token ?? env.KS_TOKEN;
  let auth: CliConfig['auth'];
  if (values.username !== undefined || values.password !== undefined) {
    if (!values.username || !values.password) throw new InputError('--username and --password go together');
    auth = { username: values.username, password: values.password };
  } else if (token) {
    auth = { token };
  } else {
    throw new InputError('no identity: pass --token (or set KS_TOKEN), or --username and --password');
  }

  const publish = values.publish ?? 'active';
  if (publish !== 'active' && publish !== 'review' && publish !== 'draft') {
    throw new InputError(`--publish must be active, review or draft, not "${publish}"`);
  }
  const concurrency = integerFlag('--concurrency', values.concurrency ?? '4', 1, MAX_CONCURRENCY);
  const deadlineSeconds =
    values.deadline === undefined
      ? undefined
      : integerFlag('--deadline', values.deadline, 1, MAX_DEADLINE_SECONDS);
  if (values.workspace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.workspace)) {
    throw new InputError(
      `--workspace must be a workspace name (lowercase letters, digits, '-'), not "${values.workspace}"`,
    );
  }

  const verify = parseVerify(values.verify, values.keyring, values['cosign-key']);
  if (verify?.policy === 'require' && values.bundle !== undefined) {
    throw new InputError(
      '--verify require cannot be met with --bundle: a bundle carries no signatures, so every version would be held back; verify with an import from the repository',
    );
  }
  const common: Omit<CliConfig, 'repo' | 'versions' | keyof RepoAccess> = {
    server,
    auth,
    charts,
    workspace: values.workspace,
    publish,
    dryRun: values['dry-run'],
    full: values.full,
    prune: values.prune,
    json: values.json,
    concurrency,
    includeDeprecated: values['include-deprecated'],
    icons: !values['no-icons'],
    ...(deadlineSeconds === undefined ? {} : { deadlineSeconds }),
    ...(values['category-rules'] === undefined ? {} : { categoryRules: values['category-rules'] }),
    ...(values.adopt ? { adopt: true } : {}),
    ...(verify === undefined ? {} : { verify }),
  };
  // From a bundle, every version it holds is the default: it holds what its maker selected.
  if (values.bundle !== undefined)
    return { ...common, bundle: values.bundle, versions: parseVersions(values.versions ?? 'all') };
  return {
    ...common,
    repo: parseHttpUrl('--repo', values.repo ?? '', true),
    versions: parseVersions(values.versions ?? 'latest'),
    ...repoAccess(),
  };
}
