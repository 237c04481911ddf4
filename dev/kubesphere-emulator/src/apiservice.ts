// Extension APIs: ks-apiserver forwards an authorized request for an APIService's group and version
// to the extension's service, following ks-core release-4.1:
//   pkg/apiserver/filters/apiservice.go: only resource requests of KubeSphere prefixes (kapis, kapi),
//     matched on spec.group + spec.version; a service whose state is not Available answers 503
//     `apiService <name> is not available`; the upstream URL keeps the path, and the query is
//     re-encoded (url.Values.Encode: keys sorted); every header is cloned, Authorization included
//   k8s.io/client-go transport NewAuthProxyRoundTripper / SetAuthProxyHeaders: X-Remote-User and
//     X-Remote-Group (the jwt authenticator's user has the group system:authenticated) replace any the
//     client sent, X-Remote-Extra-* are dropped
//   k8s.io/apimachinery proxy.UpgradeAwareHandler + net/http/httputil.ReverseProxy: hop-by-hop headers
//     dropped, X-Forwarded-For added, text/event-stream flushed at once, the upstream request ends
//     with the client's
//   pkg/apiserver/filters/responder.go: a failed upstream is 502 `Error while proxying request: <err>`
//   k8s.io/apiserver responsewriters.WriteRawJSON: json.MarshalIndent(errors.StatusError) -> the
//     Status under "ErrStatus"
import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

import type { UserInfo } from './auth.js';
import type { RequestInfo } from './requestinfo.js';

/** An extensions.kubesphere.io/v1alpha1 APIService: spec.group, spec.version, spec.url, status.state. */
export interface ApiService {
  /** metadata.name; default `<version>.<group>` */
  name?: string;
  group: string;
  version: string;
  /** the extension's service, e.g. http://127.0.0.1:8080 (its path is not used, as in ks-core) */
  url: string;
  /** status.state is Available (default true) */
  available?: boolean;
}

/** Checks the list given to the emulator: a bad URL fails at start, not on the first request. */
export function checkApiServices(list: readonly ApiService[]): ApiService[] {
  return list.map((service) => {
    const label = `${service.version}.${service.group}`;
    if (!service.group || !service.version)
      throw new Error(`emulator: APIService ${label} needs a group and a version`);
    let url: URL;
    try {
      url = new URL(service.url);
    } catch {
      throw new Error(`emulator: APIService ${label} has an invalid url ${JSON.stringify(service.url)}`);
    }
    if (url.protocol !== 'http:')
      throw new Error(`emulator: APIService ${label}: only http:// upstreams are emulated`);
    return { ...service };
  });
}

/** apiservice.go ServeHTTP: the APIService that serves this request, if any. */
export function findApiService(services: readonly ApiService[], info: RequestInfo): ApiService | undefined {
  if (info.isKubernetesRequest || !info.isResourceRequest) return undefined;
  return services.find((s) => s.group === info.apiGroup && s.version === info.apiVersion);
}

/** net/url QueryEscape: only A-Z a-z 0-9 - _ . ~ stay as they are; a space is +. */
function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** url.Values.Encode of the parsed query: keys sorted, values in order. */
export function encodeQuery(query: URLSearchParams): string {
  const keys = [...new Set(query.keys())].sort();
  return keys
    .flatMap((key) => query.getAll(key).map((value) => `${queryEscape(key)}=${queryEscape(value)}`))
    .join('&');
}

/** RFC 7230 hop-by-hop headers httputil.ReverseProxy removes, and those a Connection header names. */
const HOP_BY_HOP = [
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = (headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const dropped = new Set([...HOP_BY_HOP, ...named]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !dropped.has(name)));
}

function upstreamHeaders(req: IncomingMessage, user: UserInfo, host: string): IncomingHttpHeaders {
  const headers = Object.fromEntries(
    Object.entries(withoutHopByHop(req.headers)).filter(
      ([name]) => !['x-remote-user', 'x-remote-group'].includes(name) && !name.startsWith('x-remote-extra-'),
    ),
  );
  const client = req.socket.remoteAddress ?? '';
  const forwarded = headers['x-forwarded-for'];
  return {
    ...headers,
    host,
    'x-remote-user': user.name,
    'x-remote-group': user.role === 'anonymous' ? 'system:unauthenticated' : 'system:authenticated',
    'x-forwarded-for': forwarded ? `${String(forwarded)}, ${client}` : client,
  };
}

/** WriteRawJSON(code, errors.StatusError{...}): MarshalIndent of the struct, so the Status is nested. */
function writeStatusError(res: ServerResponse, status: Record<string, unknown>, code: number): void {
  const body = JSON.stringify({ ErrStatus: { metadata: {}, ...status, code } }, null, 2);
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(body);
}

/** How Go's net package words the usual dial failures. */
function goError(error: NodeJS.ErrnoException, target: URL): string {
  const address = target.host;
  if (error.code === 'ECONNREFUSED') return `dial tcp ${address}: connect: connection refused`;
  if (error.code === 'ECONNRESET') return 'read: connection reset by peer';
  return error.message;
}

/**
 * proxy.UpgradeAwareHandler + httputil.ReverseProxy: the request to `target` at `path` with `headers`,
 * the answer streamed back (an event stream flushed at once), `extraHeaders` added to the answer's; a
 * failed upstream is responder.go's 502.
 */
export function reverseProxy(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  path: string,
  headers: IncomingHttpHeaders,
  extraHeaders: Record<string, string> = {},
): void {
  const upstream = request(
    {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path,
      headers,
    },
    (answer) => {
      const answerHeaders: Record<string, string | string[] | undefined> = {
        ...withoutHopByHop(answer.headers),
      };
      // copyHeader uses Header.Add: a header set before the proxy and by the upstream is sent twice
      for (const [name, value] of Object.entries(extraHeaders)) {
        const key = name.toLowerCase();
        const given = answerHeaders[key];
        answerHeaders[key] = given === undefined ? value : [value, ...[given].flat()];
      }
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      // ReverseProxy flushes an event stream at once: its first event must not wait.
      res.flushHeaders();
      res.socket?.setNoDelay(true);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    writeStatusError(
      res,
      { message: `Error while proxying request: ${goError(error, target)}`, reason: 'Bad Gateway' },
      502,
    );
  });
  // The client went away (a closed EventSource): the request's context ends, and so does the upstream.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** The request's headers without hop-by-hop ones, for an upstream at `host`. */
export function forwardedHeaders(req: IncomingMessage, host: string): IncomingHttpHeaders {
  return { ...withoutHopByHop(req.headers), host };
}

/** apiservice.go handleProxyRequest, for a request already authenticated and authorized. */
export function proxyToApiService(
  service: ApiService,
  req: IncomingMessage,
  res: ServerResponse,
  user: UserInfo,
  url: URL,
): void {
  if (service.available === false) {
    const name = service.name ?? `${service.version}.${service.group}`;
    writeStatusError(
      res,
      { status: 'Failure', message: `apiService ${name} is not available`, reason: 'ServiceUnavailable' },
      503,
    );
    return;
  }
  const target = new URL(service.url);
  const search = encodeQuery(url.searchParams);
  reverseProxy(
    req,
    res,
    target,
    `${url.pathname}${search ? `?${search}` : ''}`,
    upstreamHeaders(req, user, target.host),
  );
}
