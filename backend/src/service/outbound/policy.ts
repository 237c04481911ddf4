// The outbound policy: which URLs and addresses the service may fetch from inside the cluster.
// `checkUrl` judges the scheme, IP-literal hosts and host names before every request and
// redirect hop; `lookup` judges every address a host name resolves to, right before the
// connection uses it (so DNS rebinding between a check and the connection is not possible).
import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { domainToASCII } from 'node:url';

import ipaddr from 'ipaddr.js';

import { redactUrl } from '../../engine/index.js';
import { type BlockCategory, OutboundBlockedError, OutboundConfigError } from './errors.js';
import {
  type BlockedRange,
  BUILTIN_RANGES,
  type Cidr,
  type IpAddress,
  METADATA_ADDRESSES,
  cidrText,
  contains,
  embeddedIpv4,
  parseAddress,
  parseCidr,
} from './ranges.js';

/** What an administrator sets (through the extension's Helm values, `outbound.*`). */
export interface OutboundPolicyConfig {
  /**
   * Host names allowed even when they are cluster-internal names or resolve to private or
   * cluster addresses: exact names (`harbor.corp.example`) or `*.suffix` (any subdomain of
   * `suffix`, at any depth, not `suffix` itself). Not IP addresses: use allowCidrs.
   */
  readonly allowHosts: readonly string[];
  /**
   * Ranges re-allowed (`10.20.0.0/16`, `192.168.1.7/32`, a single address). An entry re-allows
   * a blocked range only if it is at least as specific (prefix length >=) as that range.
   * Metadata endpoints need an exact /32 or /128 entry; unspecified, broadcast and multicast
   * addresses are never allowed.
   */
  readonly allowCidrs: readonly string[];
  /** The cluster's service and pod ranges, blocked like private ranges. */
  readonly blockCidrs: readonly string[];
  /** Allow RFC 1918 (10/8, 172.16/12, 192.168/16), CGNAT 100.64/10 and IPv6 ULA fc00::/7. */
  readonly allowPrivateNetworks: boolean;
}

/**
 * Service and pod ranges of common installers, blocked when the values name no others:
 * KubeKey (KubeSphere's installer) 10.233.0.0/18 and 10.233.64.0/18, kubeadm's service range
 * 10.96.0.0/12, flannel's pod range 10.244.0.0/16, k3s 10.42.0.0/16 and 10.43.0.0/16.
 */
export const COMMON_CLUSTER_CIDRS: readonly string[] = Object.freeze([
  '10.233.0.0/18',
  '10.233.64.0/18',
  '10.96.0.0/12',
  '10.244.0.0/16',
  '10.42.0.0/16',
  '10.43.0.0/16',
]);

/**
 * The default: nothing allowed beyond public addresses; private networks blocked (so a wrong
 * or missing blockCidrs still leaves the cluster unreachable).
 */
export const DEFAULT_OUTBOUND_POLICY: Readonly<OutboundPolicyConfig> = Object.freeze({
  allowHosts: Object.freeze([]),
  allowCidrs: Object.freeze([]),
  blockCidrs: COMMON_CLUSTER_CIDRS,
  allowPrivateNetworks: false,
});

/** Resolves a host name to all its addresses (the `dns.lookup` seam, for tests). */
export type OutboundResolver = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

export interface OutboundPolicyDependencies {
  /** Default: `dns.promises.lookup(hostname, { ...options, all: true })`. */
  resolve?: OutboundResolver;
}

/** The effective policy, for logs. */
export interface OutboundPolicyDescription {
  schemes: string[];
  allowPrivateNetworks: boolean;
  allowHosts: string[];
  allowCidrs: string[];
  blockCidrs: string[];
  blockedNames: string[];
  /** Built-in blocked ranges by category. */
  blockedRanges: Record<string, string[]>;
  /** Allowed only by an exact /32 or /128 in allowCidrs. */
  metadataEndpoints: string[];
  /** Categories no setting allows. */
  neverAllowed: string[];
}

export interface OutboundPolicy {
  /** Throws OutboundBlockedError for a refused scheme, IP-literal host or host name. */
  readonly checkUrl: (url: URL) => void;
  /**
   * A `net.LookupFunction`: resolves with `dns.lookup` (all addresses) and fails with
   * OutboundBlockedError when ANY address is refused; DNS errors are passed on unchanged.
   */
  readonly lookup: LookupFunction;
  /** Throws OutboundBlockedError when one of the addresses `host` resolved to is refused. */
  readonly checkAddresses: (host: string, addresses: readonly string[]) => void;
  readonly describe: () => OutboundPolicyDescription;
}

const SCHEMES = ['http', 'https', 'oci'] as const;
const NEVER: ReadonlySet<BlockCategory> = new Set(['unspecified', 'broadcast', 'multicast']);
const VALUES = "in the extension's values";
/** Most specific first for equal prefixes: the cluster is the more useful reason. */
const CATEGORY_ORDER: readonly BlockCategory[] = ['metadata', 'cluster', 'loopback', 'linkLocal', 'private'];

interface HostPattern {
  /** Lowercase ASCII, no trailing dot. */
  name: string;
  wildcard: boolean;
}

function normalizeName(host: string): string {
  return host.toLowerCase().replace(/\.+$/, '');
}

function parseHostPattern(entry: string): HostPattern {
  const text = normalizeName(entry.trim());
  const wildcard = text.startsWith('*.');
  const base = wildcard ? text.slice(2) : text;
  if (ipaddr.isValid(base.replace(/^\[|\]$/g, ''))) {
    throw new OutboundConfigError(
      `outbound.allowHosts entry ${JSON.stringify(entry)} is an IP address; list it in outbound.allowCidrs instead (e.g. ${base.replace(/^\[|\]$/g, '')}/32).`,
    );
  }
  const ascii = base === '' ? '' : domainToASCII(base);
  if (!/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/.test(ascii)) {
    throw new OutboundConfigError(
      `outbound.allowHosts entry ${JSON.stringify(entry)} is not a host name; use an exact name (harbor.example.com) or *.suffix (*.example.com).`,
    );
  }
  return { name: ascii, wildcard };
}

function matchesPattern(host: string, pattern: HostPattern): boolean {
  return pattern.wildcard ? host.endsWith(`.${pattern.name}`) : host === pattern.name;
}

/** localhost, single-label names (resolved through the pod's search domains) and cluster DNS. */
function isInternalName(host: string): boolean {
  if (!host.includes('.')) return true;
  return ['localhost', 'svc', 'cluster.local'].some((suffix) => host.endsWith(`.${suffix}`));
}

function fullPrefix(address: IpAddress): number {
  return address.kind() === 'ipv4' ? 32 : 128;
}

function reasonOf(range: BlockedRange): string {
  switch (range.category) {
    case 'unspecified':
      return `an unspecified address (${range.text})`;
    case 'broadcast':
      return 'the broadcast address';
    case 'multicast':
      return `a multicast address (${range.text})`;
    case 'metadata':
      return 'a cloud metadata endpoint';
    case 'loopback':
      return `a loopback address (${range.text})`;
    case 'linkLocal':
      return `a link-local address (${range.text})`;
    case 'cluster':
      return `inside the cluster's service or pod range ${range.text}`;
    case 'private':
      return `a private network address (${range.text})`;
    case 'reserved':
      return `a reserved special-purpose address (${range.text})`;
  }
}

function hintOf(range: BlockedRange, address: IpAddress, name: string | undefined): string {
  const exact = `${address.toString()}/${fullPrefix(address)}`;
  const byHost = name === undefined ? '' : `outbound.allowHosts (${quoteHost(name)}), `;
  switch (range.category) {
    case 'unspecified':
    case 'broadcast':
    case 'multicast':
      return 'no setting allows such addresses';
    case 'metadata':
      return `it stays blocked unless outbound.allowCidrs ${VALUES} lists exactly ${exact}`;
    case 'loopback':
    case 'linkLocal':
    case 'reserved':
      return `an administrator can allow it with outbound.allowCidrs ${VALUES} (e.g. ${exact})`;
    case 'cluster':
      return (
        `an administrator can allow it with ${byHost}outbound.allowCidrs (e.g. ${exact}) ${VALUES}, ` +
        `or correct outbound.blockCidrs if ${range.text} is not the cluster's`
      );
    case 'private':
      return `an administrator can allow it with ${byHost}outbound.allowCidrs (e.g. ${exact}) or outbound.allowPrivateNetworks ${VALUES}`;
  }
}

function quoteHost(host: string): string {
  return JSON.stringify(host.length > 253 ? `${host.slice(0, 250)}...` : host);
}

function internalNameError(prefix: string, host: string, name: string): OutboundBlockedError {
  return new OutboundBlockedError(
    `${prefix} is a local or cluster-internal name; an administrator can allow it with outbound.allowHosts (${quoteHost(name)}) ${VALUES}.`,
    { host, category: 'internalName' },
  );
}

function toErrno(error: unknown): NodeJS.ErrnoException {
  return error instanceof Error ? error : new Error(String(error));
}

const defaultResolve: OutboundResolver = (hostname, options) =>
  dns.promises.lookup(hostname, { ...options, all: true });

/**
 * The policy for `config`. Throws OutboundConfigError for an invalid CIDR or host pattern.
 */
export function createOutboundPolicy(
  config: OutboundPolicyConfig,
  dependencies: OutboundPolicyDependencies = {},
): OutboundPolicy {
  const resolve = dependencies.resolve ?? defaultResolve;
  const allowHosts = config.allowHosts.map(parseHostPattern);
  const allowCidrs: Cidr[] = config.allowCidrs.map((text) => parseCidr(text, 'outbound.allowCidrs'));
  const clusterRanges: BlockedRange[] = config.blockCidrs.map((text) => {
    const cidr = parseCidr(text, 'outbound.blockCidrs');
    return { cidr, text: cidrText(cidr), category: 'cluster' };
  });
  const ranges = [...BUILTIN_RANGES, ...clusterRanges];
  const { allowPrivateNetworks } = config;

  const hostAllowed = (host: string) => allowHosts.some((pattern) => matchesPattern(host, pattern));

  /** The range that blocks `address`, or undefined when it is allowed. */
  function blockingRange(address: IpAddress, byHost: boolean): BlockedRange | undefined {
    const matches = ranges.filter((range) => contains(range.cidr, address));
    if (matches.length === 0) return undefined;
    const never = matches.find((range) => NEVER.has(range.category));
    if (never !== undefined) return never;
    const metadata = matches.find((range) => range.category === 'metadata');
    if (metadata !== undefined) {
      const exact = allowCidrs.some((cidr) => cidr[1] === fullPrefix(address) && contains(cidr, address));
      return exact ? undefined : metadata;
    }
    let bestAllow = -1;
    for (const cidr of allowCidrs) {
      if (contains(cidr, address)) bestAllow = Math.max(bestAllow, cidr[1]);
    }
    const blocking = matches.filter((range) => {
      if (range.category === 'private' && (allowPrivateNetworks || byHost)) return false;
      if (range.category === 'cluster' && byHost) return false;
      return bestAllow < range.cidr[1];
    });
    const rank = (range: BlockedRange) => {
      const index = CATEGORY_ORDER.indexOf(range.category);
      return index < 0 ? CATEGORY_ORDER.length : index;
    };
    blocking.sort((a, b) => b.cidr[1] - a.cidr[1] || rank(a) - rank(b));
    return blocking[0];
  }

  /**
   * Judges one address of `host`. `name` is the host name when the address came from DNS.
   * Throws OutboundBlockedError with `prefix` + the reason.
   */
  function judge(
    prefix: string,
    host: string,
    addressText: string,
    name: string | undefined,
    resolved: boolean,
  ): void {
    const parsed = parseAddress(addressText);
    if (parsed === undefined) {
      throw new OutboundBlockedError(`${prefix} ${resolved ? 'resolves to' : 'is'} an invalid address.`, {
        host,
        address: addressText,
        category: 'invalidHost',
      });
    }
    const effective = parsed.kind() === 'ipv6' ? (embeddedIpv4(parsed as ipaddr.IPv6) ?? parsed) : parsed;
    const range = blockingRange(effective, name !== undefined && hostAllowed(name));
    if (range === undefined) return;
    const shown =
      effective === parsed ? effective.toString() : `${effective.toString()} (as ${parsed.toString()})`;
    const what = resolved || effective !== parsed ? `${resolved ? 'resolves to' : 'is'} ${shown}, ` : 'is ';
    throw new OutboundBlockedError(
      `${prefix} ${what}${reasonOf(range)}; ${hintOf(range, effective, name)}.`,
      { host, address: effective.toString(), range: range.text, category: range.category },
    );
  }

  function checkUrl(url: URL): void {
    const scheme = url.protocol.replace(/:$/, '').toLowerCase();
    if (!(SCHEMES as readonly string[]).includes(scheme)) {
      throw new OutboundBlockedError(
        `Refused a ${JSON.stringify(url.protocol)} URL: only http://, https:// and oci:// repository URLs are allowed.`,
        { host: url.hostname, category: 'scheme' },
      );
    }
    const where = redactUrl(url);
    let host = url.hostname;
    if (scheme === 'oci') {
      // oci: is not a special scheme, so its host is opaque; read it as https would.
      try {
        host = new URL(`https:${url.href.slice(url.protocol.length)}`).hostname;
      } catch {
        host = '';
      }
    }
    if (host === '' || (parseAddress(host) === undefined && ipaddr.IPv4.isIPv4(host))) {
      throw new OutboundBlockedError(`Refused ${where}: it has no valid host.`, {
        host,
        category: 'invalidHost',
      });
    }
    const prefix = `Refused ${where}: repository host ${quoteHost(host)}`;
    if (parseAddress(host) !== undefined) {
      judge(prefix, host, host, undefined, false);
      return;
    }
    const name = normalizeName(host);
    if (hostAllowed(name) || !isInternalName(name)) return;
    throw internalNameError(prefix, host, name);
  }

  function checkAddresses(host: string, addresses: readonly string[]): void {
    const name = parseAddress(host) === undefined ? normalizeName(host) : undefined;
    const prefix = `Refused repository host ${quoteHost(host)}: it`;
    for (const address of addresses) judge(prefix, host, address, name, true);
  }

  const lookup: LookupFunction = (hostname, options, callback) => {
    const deliver = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[] = []) => {
      process.nextTick(() => {
        if (error !== null) callback(error, options.all === true ? [] : '', undefined);
        else if (options.all === true) callback(null, addresses);
        else callback(null, addresses[0]?.address ?? '', addresses[0]?.family);
      });
    };
    const name = normalizeName(hostname);
    if (parseAddress(hostname) === undefined && isInternalName(name) && !hostAllowed(name)) {
      deliver(internalNameError(`Refused repository host ${quoteHost(hostname)}: it`, hostname, name));
      return;
    }
    resolve(hostname, options).then(
      (addresses) => {
        if (addresses.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = 'ENOTFOUND';
          deliver(error);
          return;
        }
        try {
          checkAddresses(
            hostname,
            addresses.map((entry) => entry.address),
          );
        } catch (error) {
          deliver(toErrno(error));
          return;
        }
        deliver(null, addresses);
      },
      (error: unknown) => {
        deliver(toErrno(error));
      },
    );
  };

  function describe(): OutboundPolicyDescription {
    const blockedRanges: Record<string, string[]> = {};
    for (const range of BUILTIN_RANGES) {
      if (range.category === 'metadata') continue;
      (blockedRanges[range.category] ??= []).push(range.text);
    }
    return {
      schemes: [...SCHEMES],
      allowPrivateNetworks,
      allowHosts: allowHosts.map((pattern) => (pattern.wildcard ? `*.${pattern.name}` : pattern.name)),
      allowCidrs: allowCidrs.map(cidrText),
      blockCidrs: clusterRanges.map((range) => range.text),
      blockedNames: ['localhost', 'single-label names', '*.localhost', '*.svc', '*.cluster.local'],
      blockedRanges,
      metadataEndpoints: [...METADATA_ADDRESSES],
      neverAllowed: [...NEVER],
    };
  }

  return { checkUrl, lookup, checkAddresses, describe };
}
