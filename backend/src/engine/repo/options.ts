// Options of the repository clients, with their defaults. Secrets never live here (see RepoSource).
import type { Message } from '../messages/index.js';
import { type ConnectionHooks, MIB } from '../http/index.js';

/** One retry about to happen, for progress and logs (the URL has no credentials or query values). */
export interface RetryInfo {
  url: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  maxAttempts: number;
  /** Wait before the next attempt. */
  delayMs: number;
  /** e.g. `HTTP 503`, `ECONNRESET`, `timeout`. */
  reason: string;
}

/** `lookup` and `checkUrl` (ConnectionHooks) are where the service's outbound policy plugs in. */
export interface RepoClientOptions extends ConnectionHooks {
  /** Largest index accepted (after decompression), refused while streaming. Default 64 MiB. */
  maxIndexBytes?: number;
  /** Largest chart package accepted. Default 32 MiB. */
  maxPackageBytes?: number;
  /** Time to open a connection (DNS, TCP and TLS). Default 10 s. */
  connectTimeoutMs?: number;
  /** Time for one whole request, body included (each attempt, each redirect hop). Default 120 s. */
  timeoutMs?: number;
  /** Attempts of a request failing with a network error, 408, 429 or 5xx. Default 4. */
  maxAttempts?: number;
  /** First backoff delay, doubled each attempt, with jitter. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest backoff delay. Default 10 s. */
  retryMaxDelayMs?: number;
  /** Longest wait honoured from a `Retry-After` header. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Redirects followed per request. Default 10. */
  maxRedirects?: number;
  /**
   * OCI only: talk to the registry over plain http instead of https (like `helm --plain-http`),
   * for local test registries. Default false.
   */
  plainHttp?: boolean;
  /**
   * Send the repository's credentials to other hosts it names: chart URLs of an index, an OCI
   * registry's token service (like `helm --pass-credentials`). Never over plain http from an
   * https repository, never after a redirect to another origin. Default false.
   */
  passCredentials?: boolean;
  /**
   * OCI only: how many of the newest versions of a chart get their metadata (description,
   * icon, appVersion...) read from the config blob while listing: two small requests each.
   * The others carry name and version only. Default 1.
   */
  ociMetadataVersions?: number;
  /** Sent as User-Agent. Default `store-importer`. */
  userAgent?: string;
  /** Every warning (dropped index entries, digest mismatches, skipped OCI tags). */
  onWarning?: (warning: Message) => void;
  /** Called before each retry. */
  onRetry?: (info: RetryInfo) => void;
}

export type ResolvedOptions = Required<
  Omit<RepoClientOptions, 'onWarning' | 'onRetry' | 'lookup' | 'checkUrl'>
> &
  Pick<RepoClientOptions, 'onWarning' | 'onRetry' | 'lookup' | 'checkUrl'>;

export const DEFAULT_OPTIONS = {
  maxIndexBytes: 64 * MIB,
  maxPackageBytes: 32 * MIB,
  connectTimeoutMs: 10_000,
  timeoutMs: 120_000,
  maxAttempts: 4,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  maxRedirects: 10,
  plainHttp: false,
  passCredentials: false,
  ociMetadataVersions: 1,
  userAgent: 'store-importer',
} as const satisfies Omit<ResolvedOptions, 'onWarning' | 'onRetry' | 'lookup' | 'checkUrl'>;

export function resolveOptions(options: RepoClientOptions = {}): ResolvedOptions {
  const defined: RepoClientOptions = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
  return { ...DEFAULT_OPTIONS, ...defined };
}
