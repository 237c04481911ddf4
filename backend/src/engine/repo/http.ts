// The HTTP transport of the repository clients, on node:http(s): redirects (bounded, the
// `checkUrl` seam called on every hop), credentials scoped to one origin, size caps enforced
// on Content-Length and while streaming, connect and overall timeouts, retries with backoff,
// jitter and Retry-After, and cancellation. Errors are RepoError sentences naming the URL
// without credentials or query values.
import http from 'node:http';
import https from 'node:https';
import { STATUS_CODES } from 'node:http';
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';

import { CancelledError, InputError, RepoError } from '../errors.js';
import type { RepoSource } from './types.js';
import type { ResolvedOptions } from './options.js';
import { MIB } from './options.js';
import { redactUrl } from './url.js';

/** An Authorization header value, sent only to URLs of `origin` (scheme://host:port). */
export interface ScopedAuth {
  origin: string;
  authorization: string;
}

export interface HttpRequest {
  url: URL;
  /** What is fetched, for messages: "the index", "the chart package"... */
  what: string;
  maxBytes: number;
  auth?: ScopedAuth | undefined;
  headers?: Record<string, string>;
  /** Ask for gzip and decompress (the size cap applies to the decompressed bytes). */
  acceptGzip?: boolean;
  signal?: AbortSignal | undefined;
  /** Default GET. */
  method?: 'GET' | 'HEAD';
  /** Attempts of this request; default the client's maxAttempts. */
  maxAttempts?: number;
  /**
   * Only the status and headers are wanted (size lookups): the body is never read, a GET's
   * connection is dropped as soon as the headers arrive, and no size cap applies.
   */
  headersOnly?: boolean;
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

/** A failure worth another attempt (network error, timeout, truncated body). */
class TransientError extends Error {
  constructor(
    readonly reason: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(problem, options);
  }
}

/** The HTTP status is retried: 408, 429 and 5xx but 501 (the method is not implemented: no retry helps). */
export function isRetriedStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff with jitter: between half and all of base * 2^(attempt-1), capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function describeSize(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}

function statusText(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? `${status}` : `${status} ${text}`;
}

function cancelled(signal: AbortSignal | undefined): CancelledError {
  const reason: unknown = signal?.reason;
  return new CancelledError('The repository request was cancelled.', { cause: reason });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export class HttpTransport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(
    source: Pick<RepoSource, 'caPem' | 'insecureSkipTLSVerify'>,
    readonly options: ResolvedOptions,
  ) {
    let ca: string[] | undefined;
    if (source.caPem !== undefined && source.caPem.trim() !== '') {
      const blocks =
        source.caPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
      try {
        if (blocks.length === 0) throw new Error('no certificate');
        for (const block of blocks) new X509Certificate(block);
      } catch (cause) {
        throw new InputError('The CA certificate (caPem) of the repository is not a valid PEM certificate.', {
          cause,
        });
      }
      ca = [...tls.rootCertificates, source.caPem];
    }
    this.httpAgent = new http.Agent({ keepAlive: true });
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      rejectUnauthorized: source.insecureSkipTLSVerify !== true,
      ...(ca === undefined ? {} : { ca }),
    });
  }

  /** Closes idle keep-alive connections. */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /**
   * GET (or HEAD) with redirects and retries. Returns the final response whatever its status (after
   * retries for 408/429/5xx); throws RepoError for network failures, size caps and timeouts,
   * CancelledError when aborted, and whatever `checkUrl` throws.
   */
  async get(request: HttpRequest): Promise<HttpResponse> {
    const maxAttempts = request.maxAttempts ?? this.options.maxAttempts;
    const signal = request.signal;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw cancelled(signal);
      let reason: string;
      let retryAfterMs: number | undefined;
      try {
        const response = await this.followRedirects(request);
        if (!isRetriedStatus(response.status) || attempt >= maxAttempts) {
          return { ...response, attempts: attempt };
        }
        reason = `HTTP ${response.status}`;
        const retryAfter = parseRetryAfter(headerValue(response.headers['retry-after']));
        if (retryAfter !== undefined) retryAfterMs = Math.min(retryAfter, this.options.maxRetryAfterMs);
      } catch (error) {
        if (!(error instanceof TransientError)) throw error;
        if (attempt >= maxAttempts) {
          const tries = maxAttempts > 1 ? ` after ${attempt} attempts` : '';
          throw new RepoError(
            `Cannot fetch ${request.what} from ${redactUrl(request.url)}: ${error.problem}${tries}. ` +
              'Check the URL and that the server is reachable, then try again.',
            { cause: error.cause ?? error },
          );
        }
        reason = error.reason;
      }
      const delayMs =
        retryAfterMs ?? backoffDelay(attempt, this.options.retryBaseDelayMs, this.options.retryMaxDelayMs);
      this.options.onRetry?.({ url: redactUrl(request.url), attempt, maxAttempts, delayMs, reason });
      try {
        await sleep(delayMs, undefined, signal ? { signal } : undefined);
      } catch {
        throw cancelled(signal);
      }
    }
  }

  private async followRedirects(request: HttpRequest): Promise<Omit<HttpResponse, 'attempts'>> {
    let url = request.url;
    for (let hop = 0; ; hop++) {
      await this.options.checkUrl?.(url);
      if (request.signal?.aborted) throw cancelled(request.signal);
      const authSent = request.auth !== undefined && url.origin === request.auth.origin;
      const response = await this.once(request, url, authSent);
      if (!REDIRECTS.has(response.status)) return { ...response, url, authSent };
      const location = headerValue(response.headers.location);
      if (location === undefined) return { ...response, url, authSent };
      if (hop >= this.options.maxRedirects) {
        throw new RepoError(
          `Cannot fetch ${request.what} from ${redactUrl(request.url)}: more than ${this.options.maxRedirects} redirects. Check the URL.`,
        );
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch (cause) {
        throw new RepoError(
          `Cannot fetch ${request.what} from ${redactUrl(request.url)}: the server redirected to an invalid URL.`,
          { cause },
        );
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new RepoError(
          `Cannot fetch ${request.what} from ${redactUrl(request.url)}: the server redirected to an unsupported scheme ${next.protocol}`,
        );
      }
      url = next;
    }
  }

  /** One request, no redirect, no retry. */
  private once(
    request: HttpRequest,
    url: URL,
    sendAuth: boolean,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    const { connectTimeoutMs, timeoutMs, lookup } = this.options;
    const where = `${request.what} from ${redactUrl(url)}`;
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      return Promise.reject(
        new RepoError(`Cannot fetch ${where}: unsupported URL scheme ${url.protocol} (use http or https).`),
      );
    }
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      'accept-encoding': request.acceptGzip === true ? 'gzip' : 'identity',
      ...request.headers,
    };
    if (sendAuth && request.auth) headers.authorization = request.auth.authorization;
    const signal = request.signal;

    return new Promise((resolve, reject) => {
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const finish = (
        error: Error | undefined,
        value?: { status: number; headers: http.IncomingHttpHeaders; body: Buffer },
      ) => {
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
        finish(cancelled(signal));
      };
      const options: https.RequestOptions = {
        method: request.method ?? 'GET',
        headers,
        agent: isHttps ? this.httpsAgent : this.httpAgent,
        ...(lookup === undefined ? {} : { lookup }),
      };
      const req = (isHttps ? https : http).request(url, options);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) {
        onAbort();
        return;
      }
      timers.push(
        setTimeout(() => {
          finish(new TransientError('timeout', `no answer within ${timeoutMs / 1000} s`));
        }, timeoutMs),
      );
      req.on('socket', (socket) => {
        const connecting = (socket as { connecting?: boolean }).connecting === true;
        const pending = (socket as { pending?: boolean }).pending === true;
        if (!connecting && !pending) return;
        const timer = setTimeout(() => {
          finish(
            new TransientError('connect timeout', `could not connect within ${connectTimeoutMs / 1000} s`),
          );
        }, connectTimeoutMs);
        timers.push(timer);
        socket.once(isHttps ? 'secureConnect' : 'connect', () => {
          clearTimeout(timer);
        });
      });
      req.on('error', (error) => {
        finish(this.classify(error, where, url));
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (request.headersOnly === true) {
          finish(undefined, { status, headers: res.headers, body: Buffer.alloc(0) });
          // A HEAD has no body and its connection can be reused; a GET's body is not wanted.
          if (request.method === 'HEAD') res.resume();
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
            new RepoError(
              `Refused ${where}: it is ${describeSize(declared)}, over the limit of ${describeSize(cap)}. ` +
                'Raise the size limit if this is expected.',
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
              new TransientError('gzip', `the compressed body is corrupt (${error.message})`, {
                cause: error,
              }),
            );
          });
          res.pipe(gunzip);
          stream = gunzip;
        }
        res.on('data', (chunk: Buffer) => {
          wire += chunk.length;
        });
        res.on('aborted', () => {
          finish(new TransientError('truncated', 'the connection closed before the whole body arrived'));
        });
        res.on('error', (error) => {
          finish(this.classify(error, where, url));
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
              new RepoError(
                `Refused ${where}: it is larger than the limit of ${describeSize(cap)}. Raise the size limit if this is expected.`,
              ),
            );
            return;
          }
          if (preallocated === undefined) chunks.push(chunk);
          else if (received <= preallocated.length) chunk.copy(preallocated, received - chunk.length);
          else finish(new TransientError('length', 'the server sent more bytes than its Content-Length'));
        });
        stream.on('end', () => {
          if (!res.complete || (Number.isFinite(declared) && wire < declared)) {
            finish(new TransientError('truncated', 'the connection closed before the whole body arrived'));
            return;
          }
          const body = preallocated ?? Buffer.concat(chunks, received);
          finish(undefined, { status, headers: res.headers, body });
        });
      });
      req.end();
    });
  }

  private classify(error: Error, where: string, url: URL): Error {
    if (error instanceof RepoError || error instanceof CancelledError || error instanceof InputError)
      return error;
    const code = errorCode(error);
    const host = url.host;
    if (code !== undefined && TLS_TRUST_CODES.has(code)) {
      return new RepoError(
        `Cannot fetch ${where}: the TLS certificate of ${host} is not trusted (${code}). ` +
          'Give the CA certificate of the repository (caPem), or set insecureSkipTLSVerify if you accept the risk.',
        { cause: error },
      );
    }
    if (code === 'ENOTFOUND') {
      return new RepoError(
        `Cannot fetch ${where}: the host ${url.hostname} was not found (DNS). Check the URL.`,
        {
          cause: error,
        },
      );
    }
    if (code !== undefined && (code.startsWith('ERR_SSL') || code === 'EPROTO')) {
      return new RepoError(
        `Cannot fetch ${where}: the TLS handshake with ${host} failed (${code}). Check the URL's scheme (http or https).`,
        { cause: error },
      );
    }
    if (code === 'ECONNREFUSED') {
      return new TransientError(code, `connection refused by ${host}`, { cause: error });
    }
    if ((code !== undefined && RETRIED_CODES.has(code)) || error.message === 'socket hang up') {
      return new TransientError(code ?? 'ECONNRESET', `the connection failed (${code ?? error.message})`, {
        cause: error,
      });
    }
    return new TransientError(code ?? 'network', `the request failed (${code ?? error.message})`, {
      cause: error,
    });
  }
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A RepoError for a final status other than 2xx, saying what to do about it.
 * `sentAuth` tells a 401 with rejected credentials from one where none were given.
 */
export function statusError(what: string, response: HttpResponse, hint404 = 'Check the URL.'): RepoError {
  const { status } = response;
  const url = redactUrl(response.url);
  const tries = response.attempts > 1 ? ` after ${response.attempts} attempts` : '';
  let text: string;
  if (status === 401) {
    text = response.authSent
      ? 'credentials rejected (401 Unauthorized). Check the username and password, or the token'
      : 'authentication required (401 Unauthorized). Give a username and password, or a token';
  } else if (status === 403) {
    text = 'access denied (403 Forbidden). Check that these credentials may read the repository';
  } else if (status === 404 || status === 410) {
    text = `not found (${statusText(status)}). ${hint404.replace(/\.$/, '')}`;
  } else if (status === 429) {
    text = `rate limited (429 Too Many Requests)${tries}. Try again later`;
  } else if (status >= 500) {
    text = `the server failed (${statusText(status)})${tries}. Try again later`;
  } else if (status >= 300 && status < 400) {
    text = `unexpected redirect (${statusText(status)}) without a Location`;
  } else {
    text = `unexpected answer ${statusText(status)}`;
  }
  return new RepoError(`Cannot fetch ${what} from ${url}: ${text}.`);
}
