import axios from 'axios';
import { toApiError } from './errors';

/** Every backend route lives under this prefix; the console proxies `/kapis` to ks-apiserver. */
export const API_PREFIX = '/kapis/storeimporter.kubesphere.io/v1alpha1';

/** Path of a backend route: `apiPath('jobs', id, 'cancel')`; segments are URL-encoded. */
export function apiPath(...segments: string[]): string {
  return [API_PREFIX, ...segments.map((s) => encodeURIComponent(s))].join('/');
}

/**
 * Same-origin client: the console's session cookie carries the user's token, ks-apiserver turns
 * it into `Authorization: Bearer` towards the backend. Tests point `baseURL` at a local server.
 * Every failure is rejected as an ApiError.
 */
export const http = axios.create({ headers: { Accept: 'application/json' } });

http.interceptors.response.use(undefined, (error: unknown) => Promise.reject(toApiError(error)));
