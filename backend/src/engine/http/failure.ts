// Why an outbound HTTP call failed, as data: the CLI and the service decide what a failure means
// for their callers (an exit code, a status) from its kind, never from the text of a message.

export type HttpFailureKind =
  /** DNS has no such host. */
  | 'unknown-host'
  /** The host refused the connection. */
  | 'refused'
  /** The connection failed or broke: reset, no route, a body cut short or corrupt. */
  | 'unreachable'
  /** No connection, or no whole answer, in time (or the server answered 408). */
  | 'timed-out'
  /** The server's TLS certificate is not trusted. */
  | 'untrusted-certificate'
  /** The TLS handshake failed (often https to a plain-http port). */
  | 'tls-failed'
  /** The server asked for a client certificate and got none (TLS 1.3 alert "certificate required"). */
  | 'client-certificate-required'
  /** The answer is over a size limit. */
  | 'too-large'
  /** Too many redirects, or one to an invalid URL or an unsupported scheme. */
  | 'bad-redirect'
  /** 401 */
  | 'unauthorized'
  /** 403 */
  | 'forbidden'
  /** 404, 410 */
  | 'not-found'
  /** 409 */
  | 'conflict'
  /** 429 */
  | 'rate-limited'
  /** 5xx */
  | 'server-failed'
  /** Any other status that is not success. */
  | 'unexpected-status'
  /** The forward proxy (HTTPS_PROXY, HTTP_PROXY) could not be reached or refused the request. */
  | 'proxy-failed'
  /** The forward proxy wants other credentials (HTTP 407). */
  | 'proxy-auth-required'
  /** Not sent: the credentials would have gone to another host, which the caller did not allow. */
  | 'credentials-other-host'
  /** Not sent: the credentials would have gone over plain http from an https repository. */
  | 'credentials-plain-http';

export interface HttpFailure {
  readonly kind: HttpFailureKind;
  /** The HTTP status, when the failure is an answer. */
  readonly status?: number | undefined;
  /** host[:port] of the URL that failed; never credentials. */
  readonly host?: string | undefined;
  /** Attempts made, the failed one included. */
  readonly attempts: number;
}

/** The kind of a final status other than 2xx. */
export function failureKindOfStatus(status: number): HttpFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408) return 'timed-out';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-failed';
  return 'unexpected-status';
}

/** Kinds where no usable answer came: the connection failed, timed out, was not trusted, or led nowhere. */
export const NO_ANSWER_FAILURES: ReadonlySet<HttpFailureKind> = new Set<HttpFailureKind>([
  'unknown-host',
  'refused',
  'unreachable',
  'timed-out',
  'untrusted-certificate',
  'tls-failed',
  'client-certificate-required',
  'bad-redirect',
  'proxy-failed',
  'proxy-auth-required',
]);
