// argv -> a validated CLI configuration. The flags are a fixed contract: scripts depend on them.
import { parseArgs } from 'node:util';

import { InputError } from '../engine/errors.js';
import type { PublishMode, VersionPolicy } from '../engine/plan/types.js';

export interface CliConfig {
  server: string;
  auth: { token: string } | { username: string; password: string };
  repo: string;
  versions: VersionPolicy;
  charts?: string[];
  workspace?: string;
  publish: PublishMode;
  dryRun: boolean;
  json: boolean;
  concurrency: number;
  includeDeprecated: boolean;
  repoUsername?: string;
  repoPassword?: string;
  caFile?: string;
  insecureSkipTlsVerify: boolean;
  plainHttp: boolean;
}

export const USAGE = `Usage: store-importer --server URL --repo URL [--token TOKEN | --username U --password P] [flags]

Imports the charts of a Helm repository into the KubeSphere App Store.

  --server URL                 ks-apiserver or ks-console base URL (required)
  --token TOKEN                KubeSphere access token (or env KS_TOKEN)
  --username U --password P    log in with the OAuth password grant instead of a token
  --repo URL                   Helm repo base URL (index.yaml is appended) or oci://registry/path/chart (required)
  --versions latest|all|N      which versions per chart (default latest: newest stable, not deprecated)
  --charts a,b                 only these charts
  --workspace WS               import into a workspace (default: the global store)
  --publish active|review|draft  release (default), submit for review, or leave as draft
  --include-deprecated         import deprecated charts and versions too
  --dry-run                    show what would be done, change nothing
  --json                       print one JSON report on stdout
  --concurrency N              charts imported at once (default 4, at most 32)
  --repo-username U --repo-password P  basic auth for the repo (or env REPO_PASSWORD)
  --ca-file FILE               PEM CA bundle for the repo's TLS
  --insecure-skip-tls-verify   do not verify the repo's TLS certificate
  --plain-http                 talk plain HTTP to an oci:// registry (like helm --plain-http)

Exit codes: 0 nothing failed, 1 some items failed, 2 could not run.`;

const MAX_CONCURRENCY = 32;

function parseVersions(value: string): VersionPolicy {
  if (value === 'latest' || value === 'all') return { kind: value };
  if (/^[1-9][0-9]*$/.test(value)) return { kind: 'newest', count: Number(value) };
  throw new InputError(`--versions must be latest, all or a positive number, not "${value}"`);
}

function parseHttpUrl(flag: string, value: string, allowOci: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${flag} must be a URL such as https://charts.example.com, not "${value}"`);
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

/** Parses argv (without node and script). Throws InputError naming the bad flag. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        repo: { type: 'string' },
        versions: { type: 'string', default: 'latest' },
        charts: { type: 'string' },
        workspace: { type: 'string' },
        publish: { type: 'string', default: 'active' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '4' },
        'include-deprecated': { type: 'boolean', default: false },
        'repo-username': { type: 'string' },
        'repo-password': { type: 'string' },
        'ca-file': { type: 'string' },
        'insecure-skip-tls-verify': { type: 'boolean', default: false },
        'plain-http': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new InputError(`${(error as Error).message}; see --help`);
  }
  if (values.help) return 'help';
  if (!values.server) throw new InputError('--server is required: the ks-apiserver or ks-console URL');
  if (!values.repo) throw new InputError('--repo is required: a Helm repository URL or oci:// reference');
  const server = parseHttpUrl('--server', values.server, false);
  const repo = parseHttpUrl('--repo', values.repo, true);

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

  const publish = values.publish;
  if (publish !== 'active' && publish !== 'review' && publish !== 'draft') {
    throw new InputError(`--publish must be active, review or draft, not "${publish}"`);
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new InputError(
      `--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, not "${values.concurrency}"`,
    );
  }
  const charts = values.charts
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (charts?.length === 0)
    throw new InputError('--charts needs at least one chart name, e.g. --charts nginx,redis');
  if (values.workspace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.workspace)) {
    throw new InputError(
      `--workspace must be a workspace name (lowercase letters, digits, '-'), not "${values.workspace}"`,
    );
  }
  const repoPassword = values['repo-password'] ?? env.REPO_PASSWORD;
  if (repoPassword !== undefined && values['repo-username'] === undefined) {
    throw new InputError('--repo-password needs --repo-username');
  }

  return {
    server,
    auth,
    repo,
    versions: parseVersions(values.versions),
    charts,
    workspace: values.workspace,
    publish,
    dryRun: values['dry-run'],
    json: values.json,
    concurrency,
    includeDeprecated: values['include-deprecated'],
    repoUsername: values['repo-username'],
    repoPassword,
    caFile: values['ca-file'],
    insecureSkipTlsVerify: values['insecure-skip-tls-verify'],
    plainHttp: values['plain-http'],
  };
}
