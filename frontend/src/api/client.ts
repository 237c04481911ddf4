import axios from 'axios';
import type { QueryOf, RequestBody, SuccessBody } from '@store-importer/backend/contract';
import { toApiError } from './errors';

export type { QueryOf, RequestBody, SuccessBody };

/** Every backend route lives under this prefix; the console proxies `/kapis` to ks-apiserver. */
export const API_PREFIX = '/kapis/storeimporter.kubesphere.io/v1alpha1';

/** Path of a backend route: `apiPath('jobs', id, 'cancel')`; segments are URL-encoded. */
export function apiPath(...segments: string[]): string {
  return [API_PREFIX, ...segments.map((s) => encodeURIComponent(s))].join('/');
}

/**
 * Same-origin client: the console's session cookie carries the user's token, ks-apiserver turns
 * it into `Authorization: Bearer` towards the backend. Tests point `baseURL` at a local server.
 * Every failure is rejected as an ApiError. Each function of this folder is typed by its
 * operation in the contract (`SuccessBody<'createJob'>`...), so a change of the OpenAPI document
 * shows here first.
 */
export const http = axios.create({ headers: { Accept: 'application/json' } });

http.interceptors.response.use(undefined, (error: unknown) => Promise.reject(toApiError(error)));
