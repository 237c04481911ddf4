export { API_PREFIX, apiPath, http, type QueryOf, type RequestBody, type SuccessBody } from './client';
export * from './categories';
export { ApiError, toApiError, type ApiErrorReason, type CallFailure, type StatusBody } from './errors';
export * from './events';
export * from './jobs';
export * from './previews';
export * from './repos';
export * from './syncs';
export * from './types';
