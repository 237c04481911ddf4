// The console's /kapis proxy (kubesphere/console server/proxy.js k8sResourceProxy): the request goes
// on with the user's token as a bearer token (ks-console takes it from the session cookie; the
// playground's user is the emulator's admin or viewer), and the answer comes back as it arrives, so event
// streams (SSE) are not buffered. The token never reaches the page.
// Hand-written on node:http: http-proxy is unmaintained and http-proxy-3 needs Node 22.
import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

import { send } from './http.js';

/**
 * Headers that belong to one connection, not to the request (RFC 9110 7.6.1), the page's
 * credentials, and what ks-console's k8sResourceProxy omits (server/proxy.js: cookie, referer).
 */
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
  'cookie',
  'referer',
]);

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DROPPED.has(name.toLowerCase())));
}

/** A Kubernetes Status body, as the console's pages expect errors to look. */
function badGateway(res: ServerResponse, name: string, error: Error): void {
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `playground: the ${name} did not answer (${error.message})`,
    reason: 'BadGateway',
    code: 502,
  };
  send(res, 502, JSON.stringify(status), 'application/json');
}

export interface ProxyTarget {
  /** for error messages, e.g. `KubeSphere emulator` */
  name: string;
  /** base URL, no trailing slash */
  url: string;
  /** the bearer token the console would add for the signed-in user */
  token: string;
}

export function proxy(req: IncomingMessage, res: ServerResponse, target: ProxyTarget): void {
  const upstream = request(`${target.url}${req.url ?? '/'}`, {
    method: req.method,
    headers: { ...forwardable(req.headers), authorization: `Bearer ${target.token}` },
  });
  upstream.on('response', (answer: IncomingMessage) => {
    const headers = forwardable(answer.headers);
    delete headers['set-cookie'];
    res.writeHead(answer.statusCode ?? 502, headers);
    // Headers now, each chunk as it comes: an event stream's first event must not wait.
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => {
    if (res.headersSent) res.destroy();
    else badGateway(res, target.name, error);
  });
  // The page went away (a closed EventSource, a reload): stop the upstream request too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
