// Calls to ks-apiserver with a token, on the engine's HTTP client (engine/http), shared by the
// App Store client, and by the service for what it reads besides. KubeSphere is not a
// repository: no outbound policy applies, the caller's token goes to the server given.
// Errors come back as plain text (ks-core pkg/api/utils.go); they become StoreError.
import { StoreError, StoreMissingError } from '../errors.js';
import {
  type HttpFailure,
  HttpClient,
  HttpError,
  type HttpMethod,
  type HttpResponse,
  MIB,
  type RequestBody,
  failureKindOfStatus,
} from '../http/index.js';

export const APP_API_PATH = '/kapis/application.kubesphere.io/v2';

/** Uploads answer when the store keeps packages in ConfigMaps only (no S3) and one is over 1 MiB. */
const NO_OSS_MESSAGE = 'System has no OSS store';

/** One retry of a KubeSphere call about to happen. */
export interface StoreRetryInfo {
  method: string;
  path: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** KubeSphere's message and status, e.g. `etcdserver: request timed out (503)`, or `ECONNRESET`. */
  reason: string;
}

export interface KubeSphereApiOptions {
  /** ks-apiserver or ks-console base URL. */
  server: string;
  /** Sent as `Authorization: Bearer`; none for anonymous calls. */
  token?: string | undefined;
  /** Prefix of every path called (messages name the path without it). Default none. */
  apiPath?: string;
  /** Time of one attempt. Default 60 s. */
  timeoutMs?: number | undefined;
  /** Attempts for a call that failed with a network error, 408, 429 or 5xx. Default 3. */
  attempts?: number | undefined;
  onRetry?: ((info: StoreRetryInfo) => void) | undefined;
}

export interface KubeSphereCall {
  method: HttpMethod;
  /** Under apiPath, unless fromServerRoot. */
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (multipart uploads). */
  body?: RequestBody;
  fromServerRoot?: boolean;
}

export class KubeSphereApi {
  readonly server: string;
  private readonly client: HttpClient;
  private readonly authorization: string | undefined;

  constructor(private readonly options: KubeSphereApiOptions) {
    this.server = options.server.replace(/\/+$/, '');
    this.authorization = options.token ? `Bearer ${options.token}` : undefined;
    this.client = new HttpClient({
      // Backoff ceilings of 400 ms, 800 ms, 1.6 s, then 3 s: KubeSphere is near, its hiccups short.
      retry: {
        maxAttempts: options.attempts ?? 3,
        baseDelayMs: 400,
        maxDelayMs: 3_000,
        maxRetryAfterMs: 60_000,
      },
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRedirects: 5,
      userAgent: 'store-importer',
      cancelledMessage: 'cancelled',
    });
  }

  /**
   * One call, retried on a network error, 408, 429 or 5xx up to `attempts` times, writes too: a
   * write repeated after an answer was lost meets a 409, or is checked (engine/run/settle.ts),
   * and `earlierAttempt` of the error it may throw says so (mayHaveBeenApplied). Returns the
   * parsed body of a 2xx; throws StoreError (status 0: no answer) or CancelledError.
   */
  async call<T = unknown>(
    call: KubeSphereCall,
    signal?: AbortSignal,
    attempts = this.options.attempts ?? 3,
    parse: (body: string) => unknown = JSON.parse,
  ): Promise<T> {
    const { method, path } = call;
    const url = new URL(
      `${this.server}${call.fromServerRoot === true ? '' : (this.options.apiPath ?? '')}${path}`,
    );
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    const body: RequestBody | undefined =
      call.body ??
      (call.json === undefined
        ? undefined
        : { bytes: Buffer.from(JSON.stringify(call.json)), contentType: 'application/json' });
    // A 5xx or a lost connection may come after the write was applied (a proxy timing out).
    let earlier: string | undefined;
    let response: HttpResponse;
    try {
      response = await this.client.request({
        url,
        method,
        headers: { accept: 'application/json, text/plain, */*' },
        body,
        maxBytes: 256 * MIB,
        auth:
          this.authorization === undefined
            ? undefined
            : { origin: url.origin, authorization: this.authorization },
        signal,
        maxAttempts: attempts,
        retrySafe: true,
        onRetry: (retry) => {
          let reason = retry.reason;
          if (retry.response !== undefined) {
            const { status } = retry.response;
            reason = `${messageOf(retry.response.body, status)} (${status})`;
            if (status >= 500) earlier = `${method} ${path}: ${reason}`;
          } else {
            earlier = `${method} ${path}: ${reason}`;
          }
          this.options.onRetry?.({ method, path, attempt: retry.attempt, reason });
        },
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const proxied = error.failure.kind === 'proxy-failed' || error.failure.kind === 'proxy-auth-required';
      const why = proxied ? `: ${error.problem}` : ` (${error.reason})`;
      const failure = new StoreError(`${method} ${path}: cannot reach KubeSphere${why}`, 0, {
        cause: error,
        failure: error.failure,
      });
      failure.earlierAttempt = earlier;
      throw failure;
    }
    const { status } = response;
    if (status >= 200 && status < 300) {
      const text = response.body.toString('utf8');
      return (text ? parse(text) : {}) as T;
    }
    // The earlier attempt deleted it: done.
    if (earlier !== undefined && method === 'DELETE' && status === 404) return {} as T;
    const error = toStoreError(method, path, response);
    error.earlierAttempt = earlier;
    throw error;
  }
}

function messageOf(body: Buffer, status: number): string {
  return kubesphereMessage(body.toString('utf8')) || `HTTP ${status}`;
}

function toStoreError(method: string, path: string, response: HttpResponse): StoreError {
  const { status } = response;
  const message = messageOf(response.body, status);
  const text = `${method} ${path}: ${message} (${status})`;
  const failure: HttpFailure = {
    // The store refuses a package over 1 MiB this way: the runner slims it (engine/run/import.ts).
    kind: status === 400 && message.includes(NO_OSS_MESSAGE) ? 'too-large' : failureKindOfStatus(status),
    status,
    host: response.url.host,
    attempts: response.attempts,
  };
  // Uploads fail this way when the ConfigMap store's namespace is missing (store.go, CmStore.Upload).
  if (status === 404 && message.includes('extension-openpitrix')) {
    return new StoreMissingError(text, status, { failure });
  }
  return new StoreError(text, status, { failure });
}

/** ks-core answers plain text; its authentication and authorization filters answer a Status JSON. */
export function kubesphereMessage(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message;
    } catch {
      // Not JSON after all: keep the text.
    }
  }
  return trimmed.slice(0, 500);
}
