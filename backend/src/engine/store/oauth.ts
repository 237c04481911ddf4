// OAuth password grant, as ks-core's pkg/kapis/oauth/handler.go serves it at /oauth/token.
import { StoreError } from '../errors.js';
import { HttpClient, HttpError, MIB } from '../http/index.js';

/** Exchanges a username and password for a KubeSphere access token. */
export async function passwordGrant(server: string, username: string, password: string): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'password',
    username,
    password,
    client_id: 'kubesphere',
    client_secret: 'kubesphere',
  });
  const url = `${server.replace(/\/+$/, '')}/oauth/token`;
  // One attempt: a login is cheap to run again, and a refused password must not be sent twice.
  const client = new HttpClient({
    retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    timeoutMs: 30_000,
    maxRedirects: 5,
    userAgent: 'store-importer',
    cancelledMessage: 'cancelled',
  });
  let response;
  try {
    response = await client.request({
      url: new URL(url),
      method: 'POST',
      body: { bytes: Buffer.from(body.toString()), contentType: 'application/x-www-form-urlencoded' },
      maxBytes: MIB,
    });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new StoreError(`cannot reach ${url} (${error.reason})`, 0, {
      cause: error,
      failure: error.failure,
    });
  } finally {
    client.destroy();
  }
  const data = parseObject(response.body.toString('utf8'));
  if (response.status === 200 && typeof data?.access_token === 'string') return data.access_token;
  const detail =
    typeof data?.error_description === 'string'
      ? data.error_description
      : typeof data?.message === 'string'
        ? data.message
        : `HTTP ${response.status}`;
  throw new StoreError(
    `login as ${username} failed: ${detail}`,
    response.status === 200 ? 401 : response.status,
  );
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
