// The one retry policy of every outbound call: which failures are tried again, and how long to
// wait in between. Whether a request may be repeated at all is the caller's (HttpRequest.retrySafe).

export interface RetryPolicy {
  /** Attempts of a request, the first included. */
  maxAttempts: number;
  /** First backoff delay, doubled each attempt, with jitter. */
  baseDelayMs: number;
  /** Longest backoff delay. */
  maxDelayMs: number;
  /** Longest wait honoured from a `Retry-After` header. */
  maxRetryAfterMs: number;
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
