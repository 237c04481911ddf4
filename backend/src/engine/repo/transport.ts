// The repository side of the HTTP client: one client per repository with its TLS options, the
// repository options' limits, retries and connection hooks, and the client's typed failures
// turned into RepoError sentences naming the URL without credentials or query values.
import { say, type Message } from '../messages/index.js';
import { refused } from '../messages/refusal.js';
import { STATUS_CODES } from 'node:http';
import { X509Certificate } from 'node:crypto';

import { InputError, RepoError } from '../errors.js';
import {
  HttpClient,
  HttpError,
  type HttpFailure,
  type HttpRequest,
  type HttpResponse,
  type ScopedClientCertificate,
  failureKindOfStatus,
} from '../http/index.js';
import { clientCertificateProblem, describeClientCertificateProblem } from './client-certificate.js';
import type { ResolvedOptions } from './options.js';
import type { RepoSource } from './types.js';
import { redactUrl } from './url.js';

/** A request to a repository: what is fetched is named in messages ("the index"...). */
export interface RepoRequest extends Omit<HttpRequest, 'onRetry' | 'body'> {
  what: string;
}

/** Checks the CA PEM of a repository, so a typo fails before any request. Throws InputError. */
function checkedCaPem(caPem: string | undefined): string | undefined {
  if (caPem === undefined || caPem.trim() === '') return undefined;
  const blocks = caPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    if (blocks.length === 0) throw new Error('no certificate');
    for (const block of blocks) new X509Certificate(block);
  } catch (cause) {
    throw new InputError(
      refused(
        'The CA certificate (caPem) of the repository is not a valid PEM certificate.',
        'ca-invalid',
        'caPem',
      ),
      { cause },
    );
  }
  return caPem;
}

/**
 * The client certificate of a repository, scoped to its origin (an oci:// registry's is its https
 * origin). Checked like the CA, so a wrong key fails before any request. Throws InputError.
 */
function scopedClientCertificate(
  source: Pick<RepoSource, 'url' | 'certPem' | 'keyPem'>,
): ScopedClientCertificate | undefined {
  const { certPem, keyPem } = source;
  const problem = clientCertificateProblem(certPem, keyPem);
  if (problem !== undefined) {
    throw new InputError(
      `The client certificate of the repository cannot be used: ${describeClientCertificateProblem(problem, { cert: 'certPem', key: 'keyPem' })}.`,
    );
  }
  if (certPem === undefined || keyPem === undefined || certPem.trim() === '') return undefined;
  let origin: string;
  try {
    origin = new URL(source.url.trim().replace(/^oci:/i, 'https:')).origin;
  } catch {
    // Not a URL: the repository refuses it before any request.
    return undefined;
  }
  return { origin, certPem, keyPem };
}

export class RepoTransport {
  private readonly client: HttpClient;

  constructor(
    source: Pick<RepoSource, 'url' | 'caPem' | 'insecureSkipTLSVerify' | 'certPem' | 'keyPem'>,
    readonly options: ResolvedOptions,
  ) {
    this.client = new HttpClient({
      retry: {
        maxAttempts: options.maxAttempts,
        baseDelayMs: options.retryBaseDelayMs,
        maxDelayMs: options.retryMaxDelayMs,
        maxRetryAfterMs: options.maxRetryAfterMs,
      },
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      maxRedirects: options.maxRedirects,
      userAgent: options.userAgent,
      caPem: checkedCaPem(source.caPem),
      insecureSkipTLSVerify: source.insecureSkipTLSVerify,
      clientCertificate: scopedClientCertificate(source),
      hooks: { lookup: options.lookup, checkUrl: options.checkUrl },
      cancelledMessage: 'The repository request was cancelled.',
    });
  }

  /** Closes idle keep-alive connections. */
  destroy(): void {
    this.client.destroy();
  }

  /**
   * GET (or HEAD) with redirects and retries. Returns the final response whatever its status (after
   * retries for 408/429/5xx); throws RepoError for network failures, size caps and timeouts,
   * CancelledError when aborted, and whatever `checkUrl` throws.
   */
  async get(request: RepoRequest): Promise<HttpResponse> {
    const { onRetry } = this.options;
    try {
      return await this.client.request({
        ...request,
        onRetry: (retry) => {
          const { attempt, maxAttempts, delayMs, reason } = retry;
          onRetry?.({ url: redactUrl(retry.url), attempt, maxAttempts, delayMs, reason });
        },
      });
    } catch (error) {
      if (error instanceof HttpError) throw repoErrorOf(error, request.what);
      throw error;
    }
  }
}

/** A RepoError saying what to do about a failed request. */
function repoErrorOf(error: HttpError, what: string): RepoError {
  const url = redactUrl(error.url);
  const where = `${what} from ${url}`;
  const { failure, problem } = error;
  const options = { cause: error.cause ?? error, failure };
  /** The English sentence below, and what a console needs to say it in another language. */
  const failed = (text: string): RepoError => new RepoError(fetchFailed(text, url, failure), options);
  switch (failure.kind) {
    case 'too-large':
      return failed(`Refused ${where}: ${problem}. Raise the size limit if this is expected.`);
    case 'untrusted-certificate':
      return failed(
        `Cannot fetch ${where}: ${problem}. ` +
          'Give the CA certificate of the repository (caPem), or set insecureSkipTLSVerify if you accept the risk.',
      );
    case 'tls-failed':
      return failed(
        `Cannot fetch ${where}: ${problem}. Check the URL's scheme (http or https); if the repository requires a TLS client certificate, give it and its key (certPem and keyPem, --cert-file and --key-file in the CLI).`,
      );
    case 'client-certificate-required':
      return failed(
        `Cannot fetch ${where}: ${problem}. Give the client certificate and its key (certPem and keyPem, --cert-file and --key-file in the CLI), or check that the repository accepts the one given.`,
      );
    case 'unknown-host':
      return failed(`Cannot fetch ${where}: ${problem}. Check the URL.`);
    case 'bad-redirect':
      return failed(`Cannot fetch ${where}: ${problem}`);
    case 'proxy-failed':
    case 'proxy-auth-required':
      return failed(`Cannot fetch ${where}: ${problem}.`);
    default: {
      const tries = failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';
      return failed(
        `Cannot fetch ${where}: ${problem}${tries}. Check the URL and that the server is reachable, then try again.`,
      );
    }
  }
}

function statusText(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? `${status}` : `${status} ${text}`;
}

/** The failure of a final answer other than 2xx. */
export function statusFailure(response: HttpResponse): HttpFailure {
  const { status, attempts } = response;
  return { kind: failureKindOfStatus(status), status, host: response.url.host, attempts };
}

/**
 * A RepoError for a final status other than 2xx, saying what to do about it.
 * `authSent` tells a 401 with rejected credentials from one where none were given.
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
  const failure = statusFailure(response);
  return new RepoError(fetchFailed(`Cannot fetch ${what} from ${url}: ${text}.`, url, failure), { failure });
}

/** A failed read of the repository as a message: the English text, the URL and how it failed. */
function fetchFailed(problem: string, url: string, failure: HttpFailure): Message {
  return say('repo-fetch-failed', {
    problem,
    url,
    kind: failure.kind,
    attempts: failure.attempts,
    ...(failure.status === undefined ? {} : { status: failure.status }),
  });
}
