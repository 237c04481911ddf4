// From request bodies to what the engine runs: the ImportSpec with its defaults, the source
// (a URL, or a Helm repo configured in KubeSphere read as the caller), and the repository client.
import { InputError, parseCategoryRules, type CategoryRule } from '../../engine/index.js';
import type { Selection, VersionPolicy } from '../../engine/index.js';
import type { RepoClientOptions } from '../../engine/index.js';
import type { ChartRepository, RepoSource } from '../../engine/index.js';
import { bundleNotFound, type BundleLookup } from '../bundles/store.js';
import { ValidationError } from '../errors.js';
import { refused } from '../../engine/index.js';
import type { KubeSphereGateway } from './kubesphere.js';
import {
  isBundleSource,
  isConfiguredRepo,
  type ImportOptionsRequest,
  type SourceRequest,
  type UrlSourceRequest,
} from './requests.js';
import type { ImportSource, ImportSpec, RepoCredentials } from './types.js';
import { verifySettingsOf } from './verify.js';

export const DEFAULT_CONCURRENCY = 4;

/** `latest`, `all` or N, as the CLI's --versions. */
export function versionPolicy(versions: string): VersionPolicy {
  if (versions === 'latest' || versions === 'all') return { kind: versions };
  if (/^[1-9][0-9]*$/.test(versions)) return { kind: 'newest', count: Number(versions) };
  throw new InputError(`versions must be latest, all or a positive number, not ${JSON.stringify(versions)}`);
}

export function selectionOf(spec: Pick<ImportSpec, 'versions' | 'charts' | 'includeDeprecated'>): Selection {
  return {
    versions: versionPolicy(spec.versions),
    charts: spec.charts,
    includeDeprecated: spec.includeDeprecated,
  };
}

/** The ImportSpec of a request, defaults filled in and concurrency capped by the service. */
export function importSpecOf(
  request: ImportOptionsRequest,
  source: ImportSource,
  maxConcurrency: number,
): ImportSpec {
  return {
    source,
    versions: request.versions ?? 'latest',
    ...(request.charts ? { charts: request.charts } : {}),
    includeDeprecated: request.includeDeprecated ?? false,
    ...(request.workspace ? { workspace: request.workspace } : {}),
    publish: request.publish ?? 'active',
    dryRun: request.dryRun ?? false,
    ...(request.prune ? { prune: true } : {}),
    ...(request.adopt ? { adopt: true } : {}),
    concurrency: Math.min(request.concurrency ?? DEFAULT_CONCURRENCY, maxConcurrency),
    ...(request.categories && Object.keys(request.categories).length > 0
      ? { categories: request.categories }
      : {}),
    ...(request.categoryRules && request.categoryRules.length > 0
      ? { categoryRules: categoryRulesOf(request.categoryRules) }
      : {}),
    ...verifySpecOf(request.verify),
  };
}

/** The signature settings a spec keeps: none when off (checked beforehand by checkVerifySettings). */
function verifySpecOf(settings: ImportOptionsRequest['verify']): Pick<ImportSpec, 'verify'> {
  const verify = verifySettingsOf(settings);
  return verify ? { verify } : {};
}

/**
 * A request's category rules, checked beyond what its schema can say (each name pattern must
 * compile to one that can match a chart name): an InputError (400) otherwise.
 */
export function categoryRulesOf(rules: CategoryRule[] | undefined): CategoryRule[] | undefined {
  return rules && rules.length > 0 ? parseCategoryRules(rules) : undefined;
}

/** The category mapping as the engine takes it: a Map, so no chart name can hit Object.prototype. */
export function categoryMapOf(
  categories: Record<string, string> | undefined,
): ReadonlyMap<string, string> | undefined {
  return categories ? new Map(Object.entries(categories)) : undefined;
}

/** The credentials a URL source carries, or undefined when it has none. */
export function credentialsOf(source: UrlSourceRequest): RepoCredentials | undefined {
  const credentials: RepoCredentials = {};
  if (source.username !== undefined) credentials.username = source.username;
  if (source.password !== undefined) credentials.password = source.password;
  if (source.token !== undefined) credentials.token = source.token;
  if (source.caPem !== undefined) credentials.caPem = source.caPem;
  if (source.certPem !== undefined) credentials.certPem = source.certPem;
  if (source.keyPem !== undefined) credentials.keyPem = source.keyPem;
  return Object.keys(credentials).length > 0 ? credentials : undefined;
}

/** The ImportSource of a URL source: never any secret in it. */
export function importSourceOf(source: UrlSourceRequest): ImportSource {
  return {
    url: source.url,
    ...(source.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
    ...(source.plainHttp ? { plainHttp: true } : {}),
    ...(source.passCredentials ? { passCredentials: true } : {}),
    // Whether one was given, not what it is: the certificate and key stay in memory or a Secret.
    ...(source.certPem !== undefined ? { hasClientCertificate: true } : {}),
  };
}

export interface ResolvedSource {
  source: ImportSource;
  credentials?: RepoCredentials;
}

/** Why a sync cannot take an uploaded bundle. */
export function syncNeedsRepository(): ValidationError {
  return new ValidationError(
    refused(
      'a scheduled sync needs a repository (a URL or one configured in KubeSphere), not an uploaded bundle: import a bundle with a job',
      'sync-needs-repository',
      'body.source',
    ),
  );
}

/**
 * A request's source, ready to run. A configured repo is read through KubeSphere AS THE CALLER
 * (so its RBAC decides who may use it); its credentials are used when KubeSphere returns them.
 * An uploaded bundle (`bundles`: none for syncs) stands for the repository it was made from.
 */
export async function resolveSource(
  request: SourceRequest,
  kubesphere: KubeSphereGateway,
  token: string,
  signal?: AbortSignal,
  bundles?: BundleLookup,
): Promise<ResolvedSource> {
  if (isBundleSource(request)) {
    if (bundles === undefined) throw syncNeedsRepository();
    const kept = bundles.find(request.bundle);
    if (kept === undefined) throw bundleNotFound(request.bundle);
    return { source: { url: kept.manifest.repository, bundle: { sha256: kept.id } } };
  }
  if (!isConfiguredRepo(request)) {
    const credentials = credentialsOf(request);
    return { source: importSourceOf(request), ...(credentials ? { credentials } : {}) };
  }
  const { name, workspace } = request.repo;
  const repo = await kubesphere.getRepo(token, name, workspace, signal);
  if (!repo.url) throw new InputError(`the Helm repository ${name} configured in KubeSphere has no URL`);
  return {
    source: {
      url: repo.url,
      ...(repo.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
      configuredRepo: workspace ? { name, workspace } : { name },
    },
    ...(repo.credentials ? { credentials: repo.credentials } : {}),
  };
}

export type RepoFactory = (source: RepoSource, options: RepoClientOptions) => ChartRepository;

export interface RepoAccessOptions {
  factory: RepoFactory;
  /** The outbound policy's seams (SSRF protection), applied to every connection. */
  outbound: Pick<RepoClientOptions, 'lookup' | 'checkUrl'>;
  maxIndexBytes: number;
  maxPackageBytes: number;
  /** Time limit of one request to the repository; default the engine's (120 s). */
  requestTimeoutMs?: number;
  /** The bundles uploaded to this replica, for sources that name one. */
  bundles?: BundleLookup;
}

/**
 * A client of the repository, with the service's limits and outbound policy; an uploaded
 * bundle's files (no network) when the source is one.
 */
export function openRepository(
  source: ImportSource,
  credentials: RepoCredentials | undefined,
  options: RepoAccessOptions,
  extra: Pick<RepoClientOptions, 'onRetry' | 'onWarning'> = {},
): ChartRepository {
  if (source.bundle) {
    const kept = options.bundles?.find(source.bundle.sha256);
    if (kept === undefined) throw bundleNotFound(source.bundle.sha256);
    return kept.repository;
  }
  return options.factory(
    {
      url: source.url,
      ...(credentials?.username !== undefined ? { username: credentials.username } : {}),
      ...(credentials?.password !== undefined ? { password: credentials.password } : {}),
      ...(credentials?.token !== undefined ? { bearerToken: credentials.token } : {}),
      ...(credentials?.caPem !== undefined ? { caPem: credentials.caPem } : {}),
      ...(credentials?.certPem !== undefined ? { certPem: credentials.certPem } : {}),
      ...(credentials?.keyPem !== undefined ? { keyPem: credentials.keyPem } : {}),
      ...(source.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
    },
    {
      ...extra,
      ...options.outbound,
      maxIndexBytes: options.maxIndexBytes,
      maxPackageBytes: options.maxPackageBytes,
      ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
      ...(source.plainHttp ? { plainHttp: true } : {}),
      ...(source.passCredentials ? { passCredentials: true } : {}),
    },
  );
}
