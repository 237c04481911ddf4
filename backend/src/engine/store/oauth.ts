// OAuth password grant, as ks-core's pkg/kapis/oauth/handler.go serves it at /oauth/token.
import axios from 'axios';

import { StoreError } from '../errors.js';

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
  let response;
  try {
    response = await axios.post<unknown>(url, body.toString(), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      timeout: 30_000,
      validateStatus: () => true,
    });
  } catch (error) {
    const reason = axios.isAxiosError(error) ? (error.code ?? error.message) : String(error);
    throw new StoreError(`cannot reach ${url} (${reason})`, 0, { cause: error });
  }
  const data = response.data as
    { access_token?: unknown; error_description?: unknown; message?: unknown } | undefined;
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
