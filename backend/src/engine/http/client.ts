// The one HTTP client of every outbound call: Helm repositories, OCI registries (and their token
// services), the KubeSphere App Store, its OAuth endpoint and the service's gateway.
//
// It is built on node:http(s), not axios or fetch: repository calls need a DNS lookup hook run
// for every connection (the service's SSRF policy judges each answer right before it is used),
// a connect timeout apart from the whole request's, size caps enforced while streaming (after
// gzip decompression), and status-only requests that drop the connection once headers arrive.
// fetch has no lookup hook, and axios would put its own error and timeout model on top of
// node:http for no gain; one stack means one retry policy and one set of failure kinds.
//
// What it owns: redirects (bounded, `checkUrl` on every hop), credentials scoped to one origin,
// size caps on Content-Length and while streaming, connect and whole-request timeouts, retries
// (retry.ts) with backoff, jitter and Retry-After for retry-safe requests only, cancellation,
// forward proxies from HTTPS_PROXY/HTTP_PROXY/NO_PROXY (proxy.ts: CONNECT tunnels for https,
// absolute form for http, the `lookup` hook still judging the destination before the proxy is
// asked), and typed failures (HttpError with an HttpFailure). Callers turn failures into their
// domain's errors and words; no message here holds credentials or query values.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';

import { CancelledError, DomainError } from '../errors.js';
import { type HttpFailure, type HttpFailureKind, failureKindOfStatus } from './failure.js';
import {
  type ProxyEndpoint,
  ProxyError,
  type ProxySelector,
  TunnelAgent,
  proxyConnectionError,
  proxyFromEnvironment,
  proxyStatusError,
} from './proxy.js';
import { type RetryPolicy, backoffDelay, isRetriedStatus, parseRetryAfter } from './retry.js';

export const MIB = 1024 * 1024;

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/** Where the service's outbound policy plugs in (SSRF protection); unset for KubeSphere calls. */
export interface ConnectionHooks {
  /** DNS lookup used by every connection. */
  lookup?: LookupFunction | undefined;
  /**
   * Called before every request and every redirect hop; throw to refuse the URL. Its error is
   * passed on unchanged and is not retried.
   */
  checkUrl?: ((url: URL) => void | Promise<void>) | undefined;
}

export interface HttpClientOptions {
  retry: RetryPolicy;
  /** Time for one whole request, body included (each attempt, each redirect hop). */
  timeoutMs: number;
  /** Time to open a connection (DNS, TCP and TLS); without it only timeoutMs applies. */
  connectTimeoutMs?: number | undefined;
  /** Redirects followed per request. */
  maxRedirects: number;
  userAgent: string;
  /** PEM of extra CA certificates, trusted besides Node's roots. */
  caPem?: string | undefined;
  insecureSkipTLSVerify?: boolean | undefined;
  /** Presented in TLS handshakes with its origin only (mutual TLS), like ScopedAuth. */
  clientCertificate?: ScopedClientCertificate | undefined;
  hooks?: ConnectionHooks | undefined;
  /** The message of the CancelledError a request throws when its signal aborts. */
  cancelledMessage: string;
  /**
   * Which forward proxy each URL goes through (proxy.ts). Default: the process's environment
   * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), read when the client is made.
   */
  proxy?: ProxySelector | undefined;
}

/** An Authorization header value, sent only to URLs of `origin` (scheme://host:port). */
export interface ScopedAuth {
  origin: string;
  authorization: string;
}

/** A client certificate and its private key (PEM), presented only to URLs of `origin`. */
export interface ScopedClientCertificate {
  origin: string;
  certPem: string;
  keyPem: string;
}

export interface RequestBody {
  bytes: Buffer;
  contentType: string;
}

export interface HttpRequest {
  url: URL;
  /** Default GET. */
  method?: HttpMethod;
  headers?: Record<string, string>;
  body?: RequestBody | undefined;
  /** Largest success body accepted (after decompression), refused while streaming. */
  maxBytes: number;
  auth?: ScopedAuth | undefined;
  /** Ask for gzip and decompress (the size cap applies to the decompressed bytes). */
  acceptGzip?: boolean;
  signal?: AbortSignal | undefined;
  /** Attempts of this request; default the policy's maxAttempts. */
  maxAttempts?: number;
  /**
   * Whether a failed attempt may be sent again. Default: the method is idempotent (not POST).
   * A POST is retry-safe when its caller handles a repeat (a 409, or a check of what was written).
   */
  retrySafe?: boolean;
  /**
   * Only the status and headers are wanted (size lookups): the body is never read, a GET's
   * connection is dropped as soon as the headers arrive, and no size cap applies.
   */
  headersOnly?: boolean;
  /** Called before each retry. */
  onRetry?: ((retry: Retry) => void) | undefined;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body; for a status other than 2xx, at most its first 64 KiB. */
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: URL;
  /** Whether the Authorization header went to the URL that answered. */
  authSent: boolean;
  attempts: number;
}

/** One retry about to happen. */
export interface Retry {
  /** The request's URL (before redirects). */
  url: URL;
  /** The attempt that failed, from 1. */
  attempt: number;
  maxAttempts: number;
  /** Wait before the next attempt. */
  delayMs: number;
  /** e.g. `HTTP 503`, `ECONNRESET`, `timeout`. */
  reason: string;
  failure: HttpFailure;
  /** The answer that failed, when there was one. */
  response?: { status: number; body: Buffer } | undefined;
}

/**
 * A request failed without an answer worth returning (no connection, a timeout, a size cap, a
 * bad redirect). `problem` says what happened in words without credentials or query values.
 */
export class HttpError extends Error {
  constructor(
    readonly failure: HttpFailure,
    /** The URL the failure is about: the request's when retries ran out, else the hop's. */
    readonly url: URL,
    readonly problem: string,
    /** A short cause, e.g. `ECONNREFUSED`, `timeout`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(problem, options);
    this.name = 'HttpError';
  }
}

const ERROR_BODY_BYTES = 64 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TLS_TRUST_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
const RETRIED_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'Z_BUF_ERROR',
  'Z_DATA_ERROR',
]);
/** Failures of one attempt that another attempt may not meet. */
const TRANSIENT_KINDS: ReadonlySet<HttpFailureKind> = new Set<HttpFailureKind>([
  'refused',
  'unreachable',
  'timed-out',
  'proxy-failed',
]);

/** The failure of one attempt, before the retry loop knows how many attempts were made. */
class AttemptError extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    readonly url: URL,
    readonly problem: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(problem, options);
  }

  failureAfter(attempts: number): HttpFailure {
    return { kind: this.kind, host: this.url.host, attempts };
  }

  toHttpError(attempts: number): HttpError {
    return new HttpError(this.failureAfter(attempts), this.url, this.problem, this.reason, {
      cause: this.cause ?? this,
    });
  }
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function describeSize(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Keep-alive connections shared by the clients with default TLS and no connection hooks (the
 * KubeSphere calls: a store client per job or request would otherwise keep its own idle ones).
 */
let sharedAgents: { http: http.Agent; https: https.Agent } | undefined;
/** The same for proxied connections, by proxy (with its credentials: different users, different pools). */
const sharedProxyAgents = new Map<string, ProxyAgents>();

/** Connections through one proxy; `certified` presents the client certificate (when there is one). */
interface ProxyAgents {
  http: http.Agent;
  https: https.Agent;
  certified?: https.Agent | undefined;
}

function proxyKey(proxy: ProxyEndpoint): string {
  return `${proxy.hostname}:${proxy.port}:${proxy.authorization ?? ''}`;
}

/** Resolves `hostname` with `lookup` (all addresses); its errors are passed on. */
function resolveWith(lookup: LookupFunction, hostname: string): Promise<void> {
  return new Promise((resolve, reject) => {
    lookup(hostname, { all: true }, (error) => {
      if (error) reject(error);
      else resolve();
    });
  });
}

export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  /** Direct https connections to the client certificate's origin, which present it. */
  private readonly certifiedAgent: https.Agent | undefined;
  private readonly ownAgents: boolean;
  private readonly proxy: ProxySelector;
  private readonly proxyAgents = new Map<string, ProxyAgents>();

  constructor(readonly options: HttpClientOptions) {
    const { caPem, insecureSkipTLSVerify, clientCertificate, hooks } = options;
    this.proxy = options.proxy ?? proxyFromEnvironment(process.env);
    this.ownAgents =
      caPem !== undefined ||
      insecureSkipTLSVerify === true ||
      clientCertificate !== undefined ||
      hooks?.lookup !== undefined ||
      hooks?.checkUrl !== undefined;
    if (!this.ownAgents) {
      sharedAgents ??= {
        http: new http.Agent({ keepAlive: true }),
        https: new https.Agent({ keepAlive: true }),
      };
      this.httpAgent = sharedAgents.http;
      this.httpsAgent = sharedAgents.https;
      this.certifiedAgent = undefined;
      return;
    }
    this.httpAgent = new http.Agent({ keepAlive: true });
    this.httpsAgent = new https.Agent(this.tlsOptions(false));
    // Its own pool: a connection that presented the certificate is never reused for another host.
    this.certifiedAgent =
      clientCertificate === undefined ? undefined : new https.Agent(this.tlsOptions(true));
  }

  /** The TLS options of this client's https agents, with the client certificate or without. */
  private tlsOptions(certified: boolean): https.AgentOptions {
    const { caPem, insecureSkipTLSVerify, clientCertificate } = this.options;
    return {
      keepAlive: true,
      rejectUnauthorized: insecureSkipTLSVerify !== true,
      ...(caPem === undefined ? {} : { ca: [...tls.rootCertificates, caPem] }),
      ...(certified && clientCertificate !== undefined
        ? { cert: clientCertificate.certPem, key: clientCertificate.keyPem }
        : {}),
    };
  }

  /** Whether a connection to `url` presents the client certificate: https to its origin only. */
  private certifies(url: URL): boolean {
    return url.protocol === 'https:' && url.origin === this.options.clientCertificate?.origin;
  }

  /** Closes idle keep-alive connections of this client (the shared ones stay). */
  destroy(): void {
    if (!this.ownAgents) return;
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    this.certifiedAgent?.destroy();
    for (const agents of this.proxyAgents.values()) {
      agents.http.destroy();
      agents.https.destroy();
      agents.certified?.destroy();
    }
    this.proxyAgents.clear();
  }

  /** The agents for connections through `proxy`: shared like the direct ones when they can be. */
  private agentsFor(proxy: ProxyEndpoint): ProxyAgents {
    const pool = this.ownAgents ? this.proxyAgents : sharedProxyAgents;
    const key = proxyKey(proxy);
    let agents = pool.get(key);
    if (agents === undefined) {
      const { connectTimeoutMs, clientCertificate } = this.options;
      agents = {
        // To the proxy itself: never the connection hooks (the administrator chose the proxy).
        http: new http.Agent({ keepAlive: true }),
        // The TLS inside the tunnel is with the repository: its CA, and its client certificate.
        https: new TunnelAgent(proxy, this.tlsOptions(false), connectTimeoutMs),
        certified:
          clientCertificate === undefined
            ? undefined
            : new TunnelAgent(proxy, this.tlsOptions(true), connectTimeoutMs),
      };
      pool.set(key, agents);
    }
    return agents;
  }

  private cancelled(signal: AbortSignal | undefined): CancelledError {
    const reason: unknown = signal?.reason;
    return new CancelledError(this.options.cancelledMessage, { cause: reason });
  }

  /**
   * Sends `request`, following redirects and retrying (retry.ts) when it is retry-safe. Returns
   * the final answer whatever its status; throws HttpError when there is none (network, size
   * caps, timeouts, redirects), CancelledError when aborted, and what a connection hook throws.
   */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const { retry } = this.options;
    const method = request.method ?? 'GET';
    const retrySafe = request.retrySafe ?? method !== 'POST';
    const maxAttempts = retrySafe ? (request.maxAttempts ?? retry.maxAttempts) : 1;
    const signal = request.signal;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw this.cancelled(signal);
      let failed: Omit<Retry, 'url' | 'attempt' | 'maxAttempts' | 'delayMs'>;
      let retryAfterMs: number | undefined;
      try {
        const response = await this.followRedirects(request);
        if (!isRetriedStatus(response.status) || attempt >= maxAttempts) {
          return { ...response, attempts: attempt };
        }
        const status = response.status;
        failed = {
          reason: `HTTP ${status}`,
          failure: { kind: failureKindOfStatus(status), status, host: response.url.host, attempts: attempt },
          response: { status, body: response.body },
        };
        const retryAfter = parseRetryAfter(headerValue(response.headers['retry-after']));
        if (retryAfter !== undefined) retryAfterMs = Math.min(retryAfter, retry.maxRetryAfterMs);
      } catch (error) {
        if (!(error instanceof AttemptError)) throw error;
        // A proxy that refuses the destination (403, 405...) will refuse it again, as will a
        // proxy variable that cannot be read.
        const refusedByProxy =
          error.kind === 'proxy-failed' && (error.reason === 'proxy' || /^HTTP 4/.test(error.reason));
        if (!TRANSIENT_KINDS.has(error.kind) || refusedByProxy || attempt >= maxAttempts)
          throw error.toHttpError(attempt);
        failed = { reason: error.reason, failure: error.failureAfter(attempt) };
      }
      const delayMs = retryAfterMs ?? backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs);
      request.onRetry?.({ url: request.url, attempt, maxAttempts, delayMs, ...failed });
      try {
        await sleep(delayMs, undefined, signal ? { signal } : undefined);
      } catch {
        throw this.cancelled(signal);
      }
    }
  }

  private async followRedirects(request: HttpRequest): Promise<Omit<HttpResponse, 'attempts'>> {
    let url = request.url;
    let method = request.method ?? 'GET';
    let body = request.body;
    for (let hop = 0; ; hop++) {
      await this.options.hooks?.checkUrl?.(url);
      if (request.signal?.aborted) throw this.cancelled(request.signal);
      const authSent = request.auth !== undefined && url.origin === request.auth.origin;
      const response = await this.once(request, { url, method, body, authSent });
      if (!REDIRECTS.has(response.status)) return { ...response, url, authSent };
      const location = headerValue(response.headers.location);
      if (location === undefined) return { ...response, url, authSent };
      const { maxRedirects } = this.options;
      if (hop >= maxRedirects) {
        throw new AttemptError(
          'bad-redirect',
          request.url,
          `more than ${maxRedirects} redirects. Check the URL.`,
          'redirects',
        );
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch (cause) {
        throw new AttemptError(
          'bad-redirect',
          request.url,
          'the server redirected to an invalid URL.',
          'redirect',
          { cause },
        );
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new AttemptError(
          'bad-redirect',
          request.url,
          `the server redirected to an unsupported scheme ${next.protocol}`,
          'redirect',
        );
      }
      // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
      if (response.status === 303 || (method === 'POST' && response.status <= 302)) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
      }
      url = next;
    }
  }

  /**
   * One request, no redirect, no retry. Through a proxy, the connection hooks' `lookup` (the
   * service's outbound policy) still judges the final destination: its host name is resolved and
   * every address checked before anything is sent to the proxy, which then resolves it again.
   */
  private async once(
    request: HttpRequest,
    hop: { url: URL; method: HttpMethod; body: RequestBody | undefined; authSent: boolean },
  ): Promise<Answer> {
    const { url } = hop;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new AttemptError(
        'bad-redirect',
        url,
        `unsupported URL scheme ${url.protocol} (use http or https).`,
        'scheme',
      );
    }
    const choice = this.proxy(url);
    if (choice.kind === 'invalid') {
      throw new AttemptError(
        'proxy-failed',
        url,
        `${choice.problem}; correct it, or list the host in NO_PROXY to connect directly`,
        'proxy',
      );
    }
    const proxy = choice.kind === 'proxy' ? choice.proxy : undefined;
    const lookup = this.options.hooks?.lookup;
    if (proxy !== undefined && lookup !== undefined) {
      try {
        await resolveWith(lookup, url.hostname.replace(/^\[|\]$/g, ''));
      } catch (error) {
        throw classify(error instanceof Error ? error : new Error(String(error)), url);
      }
    }
    return this.send(request, hop, proxy);
  }

  private send(
    request: HttpRequest,
    hop: { url: URL; method: HttpMethod; body: RequestBody | undefined; authSent: boolean },
    proxy: ProxyEndpoint | undefined,
  ): Promise<Answer> {
    const { connectTimeoutMs, timeoutMs } = this.options;
    const lookup = this.options.hooks?.lookup;
    const { url, method, body } = hop;
    const isHttps = url.protocol === 'https:';
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      'accept-encoding': request.acceptGzip === true ? 'gzip' : 'identity',
      ...request.headers,
    };
    if (hop.authSent && request.auth) headers.authorization = request.auth.authorization;
    if (body !== undefined) {
      headers['content-type'] = body.contentType;
      headers['content-length'] = String(body.bytes.length);
    }
    const signal = request.signal;
    const transient = (kind: HttpFailureKind, reason: string, problem: string, cause?: unknown) =>
      new AttemptError(kind, url, problem, reason, cause === undefined ? undefined : { cause });

    return new Promise((resolve, reject) => {
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const finish = (error: Error | undefined, value?: Answer) => {
        if (settled) return;
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error) {
          req.destroy();
          reject(error);
        } else if (value) resolve(value);
      };
      const onAbort = () => {
        finish(this.cancelled(signal));
      };
      let req: http.ClientRequest;
      if (proxy === undefined) {
        const options: https.RequestOptions = {
          method,
          headers,
          agent: isHttps ? (this.certifies(url) ? this.certifiedAgent : this.httpsAgent) : this.httpAgent,
          ...(lookup === undefined ? {} : { lookup }),
        };
        req = (isHttps ? https : http).request(url, options);
      } else if (isHttps) {
        // A CONNECT tunnel (TunnelAgent), then TLS with the repository: what the proxy sees is
        // the CONNECT line; headers, credentials included, go inside the tunnel.
        const agents = this.agentsFor(proxy);
        const agent = this.certifies(url) ? agents.certified : agents.https;
        req = https.request(url, { method, headers, agent });
      } else {
        // Plain http: the request in absolute form to the proxy (as any http hop, the proxy
        // reads it whole).
        const proxied: Record<string, string> = { ...headers, host: url.host };
        if (proxy.authorization !== undefined) proxied['proxy-authorization'] = proxy.authorization;
        req = http.request({
          host: proxy.hostname,
          port: proxy.port,
          method,
          path: url.href.replace(/#.*$/, ''),
          headers: proxied,
          agent: this.agentsFor(proxy).http,
        });
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) {
        onAbort();
        return;
      }
      timers.push(
        setTimeout(() => {
          finish(transient('timed-out', 'timeout', `no answer within ${timeoutMs / 1000} s`));
        }, timeoutMs),
      );
      req.on('socket', (socket) => {
        // A tunnel's connect timeout is the TunnelAgent's.
        if (proxy !== undefined && isHttps) return;
        const connecting = (socket as { connecting?: boolean }).connecting === true;
        const pending = (socket as { pending?: boolean }).pending === true;
        if (connectTimeoutMs === undefined || (!connecting && !pending)) return;
        const timer = setTimeout(() => {
          finish(
            transient(
              'timed-out',
              'connect timeout',
              `could not connect within ${connectTimeoutMs / 1000} s`,
            ),
          );
        }, connectTimeoutMs);
        timers.push(timer);
        socket.once(isHttps ? 'secureConnect' : 'connect', () => {
          clearTimeout(timer);
        });
      });
      let connected = false;
      req.on('error', (error) => {
        // Plain http through a proxy: a failure to connect is the proxy's.
        if (proxy !== undefined && !isHttps && !connected && errorCode(error) !== undefined) {
          finish(classify(proxyConnectionError(proxy, errorCode(error) ?? 'network', error), url));
          return;
        }
        finish(classify(error, url));
      });
      req.on('socket', (socket) => {
        if ((socket as { connecting?: boolean }).connecting === true) {
          socket.once('connect', () => {
            connected = true;
          });
        } else connected = true;
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (proxy !== undefined && !isHttps && status === 407) {
          res.resume();
          finish(classify(proxyStatusError(proxy, status, url.host), url));
          return;
        }
        if (request.headersOnly === true) {
          finish(undefined, { status, headers: res.headers, body: Buffer.alloc(0) });
          // A HEAD has no body and its connection can be reused; a GET's body is not wanted.
          if (method === 'HEAD') res.resume();
          else res.destroy();
          return;
        }
        const ok = status >= 200 && status < 300;
        const cap = ok ? request.maxBytes : ERROR_BODY_BYTES;
        const declared = Number(headerValue(res.headers['content-length']) ?? NaN);
        const encoding = headerValue(res.headers['content-encoding'])?.trim().toLowerCase();
        const gzip = ok && request.acceptGzip === true && (encoding === 'gzip' || encoding === 'x-gzip');
        if (ok && Number.isFinite(declared) && declared > cap) {
          finish(
            new AttemptError(
              'too-large',
              url,
              `it is ${describeSize(declared)}, over the limit of ${describeSize(cap)}`,
              'size',
            ),
          );
          return;
        }
        const chunks: Buffer[] = [];
        // With a known length (and no decompression), fill one buffer: no second copy at the end.
        const preallocated =
          ok && !gzip && Number.isFinite(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
        let received = 0;
        let wire = 0;
        let stream: NodeJS.ReadableStream = res;
        if (gzip) {
          const gunzip = zlib.createGunzip();
          gunzip.on('error', (error) => {
            finish(
              transient('unreachable', 'gzip', `the compressed body is corrupt (${error.message})`, error),
            );
          });
          res.pipe(gunzip);
          stream = gunzip;
        }
        res.on('data', (chunk: Buffer) => {
          wire += chunk.length;
        });
        res.on('aborted', () => {
          finish(
            transient('unreachable', 'truncated', 'the connection closed before the whole body arrived'),
          );
        });
        res.on('error', (error) => {
          finish(classify(error, url));
        });
        stream.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > cap) {
            if (!ok) {
              // An error page: keep its start, drop the rest.
              const keep = chunk.subarray(0, chunk.length - (received - cap));
              chunks.push(keep);
              finish(undefined, { status, headers: res.headers, body: Buffer.concat(chunks) });
              return;
            }
            finish(
              new AttemptError(
                'too-large',
                url,
                `it is larger than the limit of ${describeSize(cap)}`,
                'size',
              ),
            );
            return;
          }
          if (preallocated === undefined) chunks.push(chunk);
          else if (received <= preallocated.length) chunk.copy(preallocated, received - chunk.length);
          else
            finish(transient('unreachable', 'length', 'the server sent more bytes than its Content-Length'));
        });
        stream.on('end', () => {
          if (!res.complete || (Number.isFinite(declared) && wire < declared)) {
            finish(
              transient('unreachable', 'truncated', 'the connection closed before the whole body arrived'),
            );
            return;
          }
          const answer = preallocated ?? Buffer.concat(chunks, received);
          finish(undefined, { status, headers: res.headers, body: answer });
        });
      });
      req.end(body?.bytes);
    });
  }
}

/** A connection error as an attempt's failure; domain errors (from the hooks) pass unchanged. */
function classify(error: Error, url: URL): Error {
  if (error instanceof DomainError || error instanceof AttemptError) return error;
  if (error instanceof ProxyError) {
    return new AttemptError(error.kind, url, error.message, error.reason, { cause: error.cause ?? error });
  }
  const code = errorCode(error);
  const host = url.host;
  const fail = (kind: HttpFailureKind, reason: string, problem: string) =>
    new AttemptError(kind, url, problem, reason, { cause: error });
  if (code !== undefined && TLS_TRUST_CODES.has(code)) {
    return fail('untrusted-certificate', code, `the TLS certificate of ${host} is not trusted (${code})`);
  }
  // TLS 1.3 says so with its own alert; TLS 1.2 servers only fail the handshake (tls-failed).
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') {
    return fail('client-certificate-required', code, `${host} requires a TLS client certificate`);
  }
  if (code === 'ENOTFOUND') {
    return fail('unknown-host', code, `the host ${url.hostname} was not found (DNS)`);
  }
  if (code !== undefined && (code.startsWith('ERR_SSL') || code === 'EPROTO')) {
    return fail('tls-failed', code, `the TLS handshake with ${host} failed (${code})`);
  }
  if (code === 'ECONNREFUSED') return fail('refused', code, `connection refused by ${host}`);
  if ((code !== undefined && RETRIED_CODES.has(code)) || error.message === 'socket hang up') {
    return fail('unreachable', code ?? 'ECONNRESET', `the connection failed (${code ?? error.message})`);
  }
  return fail('unreachable', code ?? 'network', `the request failed (${code ?? error.message})`);
}
