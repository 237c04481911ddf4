// The size of a chart package on an HTTP(S) host, without downloading it: a HEAD, and when the
// host refuses HEAD or gives no length, a one-byte ranged GET whose Content-Range names the total.
// Same transport as downloads: credentials for the repository's origin only, the outbound
// checks on every redirect hop, TLS options and timeouts.
import type http from 'node:http';

import { type ScopedAuth, headerValue } from '../http/index.js';
import type { RepoRequest, RepoTransport } from './transport.js';

/**
 * HEAD answers after which a ranged GET is worth trying: HEAD not allowed or not implemented,
 * and 403, which signed URLs (S3, GCS) answer because the signature covers the method.
 */
const HEAD_REFUSED = new Set([403, 405, 501]);
/** One retry for a dropped keep-alive connection; a lookup that keeps failing is just unknown. */
const ATTEMPTS = 2;

export interface SizeRequest {
  url: URL;
  what: string;
  auth: ScopedAuth | undefined;
  accept: string;
  signal: AbortSignal | undefined;
  /** Skip the HEAD: this origin refused it before. */
  skipHead: boolean;
}

export interface SizeAnswer {
  size: number | undefined;
  /** The host refused HEAD: later lookups on this origin can go straight to the ranged GET. */
  headRefused: boolean;
}

/** A non-negative safe integer from a header, or undefined. */
function byteCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function contentLength(headers: http.IncomingHttpHeaders): number | undefined {
  return byteCount(headerValue(headers['content-length']));
}

/** The complete length of `Content-Range: bytes 0-0/12345` (RFC 9110 14.4); `*` is unknown. */
export function contentRangeTotal(value: string | undefined): number | undefined {
  const match = /^\s*bytes\s+(?:\d+-\d+|\*)\/(\d+)\s*$/i.exec(value ?? '');
  return byteCount(match?.[1]);
}

function ok(status: number): boolean {
  return status >= 200 && status < 300;
}

export async function httpPackageSize(transport: RepoTransport, request: SizeRequest): Promise<SizeAnswer> {
  const base: RepoRequest = {
    url: request.url,
    what: request.what,
    maxBytes: 0,
    auth: request.auth,
    signal: request.signal,
    headersOnly: true,
    maxAttempts: ATTEMPTS,
  };
  let headRefused = request.skipHead;
  if (!request.skipHead) {
    const head = await transport.get({ ...base, method: 'HEAD', headers: { accept: request.accept } });
    const length = ok(head.status) ? contentLength(head.headers) : undefined;
    if (length !== undefined) return { size: length, headRefused: false };
    if (!ok(head.status) && !HEAD_REFUSED.has(head.status)) return { size: undefined, headRefused: false };
    headRefused = !ok(head.status);
  }
  const ranged = await transport.get({ ...base, headers: { accept: request.accept, range: 'bytes=0-0' } });
  let size: number | undefined;
  if (ranged.status === 206) size = contentRangeTotal(headerValue(ranged.headers['content-range']));
  // The host ignored the range: the whole body's length, which was not read.
  else if (ranged.status === 200) size = contentLength(ranged.headers);
  return { size, headRefused };
}
