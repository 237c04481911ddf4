// Forward proxies from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), with the rules of
// Go's net/http ProxyFromEnvironment (golang.org/x/net/http/httpproxy), which Helm, kubectl and
// most cluster tools follow, so one set of variables means the same thing to all of them:
//
// - https URLs use HTTPS_PROXY, http URLs HTTP_PROXY; the upper-case name wins over the lower-case
//   one; ALL_PROXY and npm's npm_config_* variables are not read.
// - A value without a scheme means http:// (`proxy:3128`). Only http:// proxies are supported.
// - `localhost` and loopback addresses never use a proxy.
// - NO_PROXY: comma-separated entries; `*` disables the proxy; an IP address or a CIDR
//   (`10.0.0.0/8`) matches addresses written as such in the URL (no DNS lookup); a name matches
//   itself and its subdomains (`example.com`), `.example.com` and `*.example.com` only its
//   subdomains; any entry may carry a port (`example.com:8443`), then only that port matches.
//
// The proxy-from-env package was not used: it matches bare names exactly (not their subdomains),
// has no CIDRs and no loopback rule, and reads npm's variables, all unlike Go.
//
// https targets go through a CONNECT tunnel (TLS end to end with the repository, its CA and
// insecure options, SNI and certificate checks with the real host name); http targets are sent
// to the proxy in absolute form. Proxy credentials (`http://user:pass@proxy:3128`) become a
// Proxy-Authorization header and never appear in a message.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { domainToASCII } from 'node:url';

import ipaddr from 'ipaddr.js';

/** A proxy to send a request through. */
export interface ProxyEndpoint {
  /** host name or address of the proxy (IPv6 without brackets). */
  hostname: string;
  port: number;
  /** `http://host:port`, without credentials: what messages name. */
  display: string;
  /** The variable it came from, e.g. `HTTPS_PROXY`. */
  variable: string;
  /** `Basic …` from the proxy URL's user and password. */
  authorization?: string | undefined;
}

/** The proxy for one URL: none, one, or a configuration error to report. */
export type ProxyChoice =
  | { kind: 'direct' }
  | { kind: 'proxy'; proxy: ProxyEndpoint }
  | { kind: 'invalid'; variable: string; problem: string };

export type ProxySelector = (url: URL) => ProxyChoice;

/** No proxy for any URL. */
export const NO_PROXY_SELECTOR: ProxySelector = () => ({ kind: 'direct' });

function envAny(env: NodeJS.ProcessEnv, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return { name, value };
  }
  return undefined;
}

function parseProxy(variable: string, value: string): ProxyChoice {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    return { kind: 'invalid', variable, problem: `${variable} is not a valid proxy URL` };
  }
  if (url.protocol !== 'http:') {
    return {
      kind: 'invalid',
      variable,
      problem: `${variable} uses ${url.protocol}// proxies, which are not supported (use an http:// proxy)`,
    };
  }
  if (url.hostname === '') {
    return { kind: 'invalid', variable, problem: `${variable} has no proxy host` };
  }
  const port = url.port === '' ? 80 : Number(url.port);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    return { kind: 'invalid', variable, problem: `${variable} has a badly encoded user or password` };
  }
  const authorization =
    url.username === '' && url.password === ''
      ? undefined
      : `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return {
    kind: 'proxy',
    proxy: { hostname, port, display: `http://${url.host}`, variable, authorization },
  };
}

interface NoProxyRule {
  /** Matches the URL's host and port (port '' when the rule has none). */
  match: (host: string, ip: ipaddr.IPv4 | ipaddr.IPv6 | undefined, port: string) => boolean;
}

function parseNoProxy(value: string): NoProxyRule[] | 'all' {
  const rules: NoProxyRule[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return 'all';
    if (entry.includes('/')) {
      try {
        const [range, bits] = ipaddr.parseCIDR(entry);
        rules.push({
          match: (_host, ip) => ip !== undefined && ip.kind() === range.kind() && ip.match(range, bits),
        });
      } catch {
        // Not a CIDR: ignored, as Go does with entries it cannot read.
      }
      continue;
    }
    let host = entry;
    let port = '';
    const withPort = /^(\[[^\]]*\]|[^:]*):(\d+)$/.exec(entry);
    if (withPort !== null) {
      host = withPort[1] ?? '';
      port = withPort[2] ?? '';
    }
    host = host.replace(/^\[|\]$/g, '');
    if (host === '') continue;
    if (ipaddr.isValid(host)) {
      const ruleIp = ipaddr.parse(host);
      rules.push({
        match: (_host, ip, urlPort) =>
          ip !== undefined &&
          ip.kind() === ruleIp.kind() &&
          ip.toNormalizedString() === ruleIp.toNormalizedString() &&
          (port === '' || port === urlPort),
      });
      continue;
    }
    if (host.startsWith('*.')) host = host.slice(1);
    const matchHost = !host.startsWith('.');
    const suffix = domainToASCII(matchHost ? host : host.slice(1)) || host.replace(/^\./, '');
    rules.push({
      match: (urlHost, _ip, urlPort) =>
        (urlHost.endsWith(`.${suffix}`) || (matchHost && urlHost === suffix)) &&
        (port === '' || port === urlPort),
    });
  }
  return rules;
}

function defaultPort(url: URL): string {
  if (url.port !== '') return url.port;
  return url.protocol === 'https:' ? '443' : '80';
}

/** The selector for `env` (read once: later changes to the environment are not seen). */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): ProxySelector {
  const httpsProxy = envAny(env, 'HTTPS_PROXY', 'https_proxy');
  const httpProxy = envAny(env, 'HTTP_PROXY', 'http_proxy');
  if (httpsProxy === undefined && httpProxy === undefined) return NO_PROXY_SELECTOR;
  const choices = {
    https: httpsProxy === undefined ? undefined : parseProxy(httpsProxy.name, httpsProxy.value),
    http: httpProxy === undefined ? undefined : parseProxy(httpProxy.name, httpProxy.value),
  };
  const noProxy = parseNoProxy(envAny(env, 'NO_PROXY', 'no_proxy')?.value ?? '');
  return (url) => {
    const choice =
      url.protocol === 'https:' ? choices.https : url.protocol === 'http:' ? choices.http : undefined;
    if (choice === undefined || noProxy === 'all') return { kind: 'direct' };
    const host = url.hostname
      .replace(/^\[|\]$/g, '')
      .toLowerCase()
      .replace(/\.$/, '');
    if (host === 'localhost') return { kind: 'direct' };
    const ip = ipaddr.isValid(host) ? ipaddr.parse(host) : undefined;
    const effective =
      ip?.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()
        ? (ip as ipaddr.IPv6).toIPv4Address()
        : ip;
    if (effective?.range() === 'loopback') return { kind: 'direct' };
    const port = defaultPort(url);
    if (noProxy.some((rule) => rule.match(host, effective, port))) return { kind: 'direct' };
    return choice;
  };
}

/** A proxy failed: it could not be reached, refused the tunnel, or wants other credentials. */
export class ProxyError extends Error {
  constructor(
    readonly kind: 'proxy-failed' | 'proxy-auth-required',
    /** A short cause, e.g. `ECONNREFUSED`, `HTTP 407`. */
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProxyError';
  }
}

const WHAT_TO_DO = 'check HTTPS_PROXY/HTTP_PROXY, or list the host in NO_PROXY to connect directly';

/** The error for a connection to `proxy` that failed with `code`. */
export function proxyConnectionError(proxy: ProxyEndpoint, code: string, cause?: unknown): ProxyError {
  const what =
    code === 'ECONNREFUSED'
      ? 'refused the connection'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'was not found (DNS)'
        : code === 'timeout'
          ? 'did not answer in time'
          : `could not be reached (${code})`;
  return new ProxyError(
    'proxy-failed',
    code,
    `the proxy ${proxy.display} (from ${proxy.variable}) ${what}; ${WHAT_TO_DO}`,
    cause === undefined ? undefined : { cause },
  );
}

/** The error for an answer of `proxy` other than success. */
export function proxyStatusError(proxy: ProxyEndpoint, status: number, target: string): ProxyError {
  if (status === 407) {
    return new ProxyError(
      'proxy-auth-required',
      'HTTP 407',
      proxy.authorization === undefined
        ? `the proxy ${proxy.display} (from ${proxy.variable}) requires authentication (HTTP 407); put its user and password in the proxy URL (http://user:password@host:port)`
        : `the proxy ${proxy.display} (from ${proxy.variable}) did not accept the user and password of its URL (HTTP 407); check them`,
    );
  }
  return new ProxyError(
    'proxy-failed',
    `HTTP ${status}`,
    `the proxy ${proxy.display} (from ${proxy.variable}) refused to connect to ${target} (HTTP ${status}); check that the proxy allows it, or list the host in NO_PROXY to connect directly`,
  );
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'network';
}

/** Opens a CONNECT tunnel through `proxy` to host:port (no DNS lookup here: the proxy resolves). */
export function openTunnel(
  proxy: ProxyEndpoint,
  host: string,
  port: number,
  connectTimeoutMs: number | undefined,
): Promise<Duplex> {
  const authority = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    let done = false;
    const headers: Record<string, string> = { host: authority };
    if (proxy.authorization !== undefined) headers['proxy-authorization'] = proxy.authorization;
    const req = http.request({
      host: proxy.hostname,
      port: proxy.port,
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
    });
    const timer =
      connectTimeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            fail(proxyConnectionError(proxy, 'timeout'));
          }, connectTimeoutMs);
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    req.on('connect', (res: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        socket.destroy();
        fail(proxyStatusError(proxy, status, authority));
        return;
      }
      if (done) {
        socket.destroy();
        return;
      }
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.on('response', (res: http.IncomingMessage) => {
      // Some proxies answer a refused CONNECT as a plain response.
      res.resume();
      fail(proxyStatusError(proxy, res.statusCode ?? 0, authority));
    });
    req.on('error', (error) => {
      fail(proxyConnectionError(proxy, errorCode(error), error));
    });
    req.end();
  });
}

type CreateConnectionCallback = (error: Error | null, socket?: Duplex) => void;

/**
 * An https.Agent whose connections are CONNECT tunnels through `proxy`, then TLS with the target
 * (the agent's CA and rejectUnauthorized options apply; SNI and the certificate check use the
 * URL's host name). Keep-alive pools stay per target host.
 */
export class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: ProxyEndpoint,
    options: https.AgentOptions,
    private readonly connectTimeoutMs: number | undefined,
  ) {
    super(options);
  }

  override createConnection(options: tls.ConnectionOptions, callback: CreateConnectionCallback): undefined {
    const host = options.host ?? 'localhost';
    const port = options.port ?? 443;
    openTunnel(this.proxy, host, port, this.connectTimeoutMs).then(
      (socket) => {
        const servername =
          options.servername !== undefined && options.servername !== ''
            ? options.servername
            : net.isIP(host) === 0
              ? host
              : undefined;
        try {
          const secure = tls.connect({
            ...options,
            socket,
            ...(servername === undefined ? {} : { servername }),
          });
          callback(null, secure);
        } catch (error) {
          socket.destroy();
          callback(error instanceof Error ? error : new Error(String(error)));
        }
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return undefined;
  }
}
