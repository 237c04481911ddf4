// ks-apiserver serving an extension's console bundle, pkg/apiserver/filters/jsbundle.go (v4.1.3):
// a /dist request that is not a resource request is served when its path equals the status.link of
// an Available JSBundle (the query does not take part), as application/javascript; spec.raw is
// base64-decoded once more, spec.rawFrom.url is reverse-proxied (UpgradeAwareHandler, location host,
// the request's headers and raw query). Anything else under /dist falls through to the 404.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { forwardedHeaders, reverseProxy } from '../apiservice.js';
import type { ChartObject } from './extensions.js';

const JS = 'application/javascript; charset=utf-8';

interface RawFrom {
  url?: unknown;
  service?: unknown;
  configMapKeyRef?: unknown;
  secretKeyRef?: unknown;
}

/** The Available JSBundle whose link is `path`, if any. */
export function findJsBundle(bundles: readonly ChartObject[], path: string): ChartObject | undefined {
  if (!path.startsWith('/dist')) return undefined;
  return bundles.find(
    (candidate) => candidate.status?.state === 'Available' && candidate.status.link === path,
  );
}

/** Serves the bundle's content for a request to its link. */
export function serveJsBundle(
  bundle: ChartObject,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  resolveService: (serviceUrl: string) => string,
): void {
  const spec = bundle.spec ?? {};
  if (typeof spec.raw === 'string') {
    // spec.raw is []byte (base64 in JSON), and the filter base64-decodes its bytes once more
    const body = Buffer.from(Buffer.from(spec.raw, 'base64').toString('latin1'), 'base64');
    res.writeHead(200, { 'Content-Type': JS, 'Content-Length': body.length });
    res.end(body);
    return;
  }
  const rawFrom = (spec.rawFrom ?? {}) as RawFrom;
  if (typeof rawFrom.url === 'string') {
    const target = new URL(resolveService(rawFrom.url));
    const path = `${target.pathname}${url.search}`;
    reverseProxy(req, res, target, path, forwardedHeaders(req, target.host), { 'Content-Type': JS });
    return;
  }
  // rawFrom.service, configMapKeyRef and secretKeyRef need a cluster's Services, ConfigMaps and Secrets.
  res.writeHead(501, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`emulator: JSBundle ${bundle.metadata.name}: only spec.raw and spec.rawFrom.url are emulated\n`);
}
