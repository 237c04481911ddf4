// The outbound HTTP stack of the engine (client.ts says why node:http and what it owns).
export {
  type ConnectionHooks,
  HttpClient,
  type HttpClientOptions,
  HttpError,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  MIB,
  type RequestBody,
  type Retry,
  type ScopedAuth,
  type ScopedClientCertificate,
  headerValue,
} from './client.js';
export {
  type HttpFailure,
  type HttpFailureKind,
  NO_ANSWER_FAILURES,
  failureKindOfStatus,
} from './failure.js';
export { type RetryPolicy, backoffDelay, isRetriedStatus, parseRetryAfter } from './retry.js';
export {
  NO_PROXY_SELECTOR,
  type ProxyChoice,
  type ProxyEndpoint,
  ProxyError,
  type ProxySelector,
  proxyFromEnvironment,
} from './proxy.js';
