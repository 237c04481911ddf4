// Address ranges of the outbound policy: parsing of configured CIDRs and the built-in table of
// special-purpose ranges. All address arithmetic is ipaddr.js's.
import ipaddr from 'ipaddr.js';

import type { BlockCategory } from './errors.js';
import { OutboundConfigError } from './errors.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** A parsed CIDR, IPv4-mapped IPv6 ranges turned into their IPv4 form. */
export type Cidr = readonly [ipaddr.IPv4, number] | readonly [ipaddr.IPv6, number];

export interface BlockedRange {
  cidr: Cidr;
  /** Canonical text, e.g. `127.0.0.0/8`. */
  text: string;
  category: Exclude<BlockCategory, 'scheme' | 'invalidHost' | 'internalName'>;
}

export function cidrText(cidr: Cidr): string {
  return `${cidr[0].toString()}/${cidr[1]}`;
}

/**
 * Parses `a.b.c.d/n`, `x:y::/n`, or a single address (as /32 or /128). IPv4 must be four-part
 * decimal. An IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) becomes its IPv4 range.
 * Throws OutboundConfigError naming `setting`.
 */
export function parseCidr(text: string, setting: string): Cidr {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addressText = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
  const bad = () =>
    new OutboundConfigError(
      `${setting} entry ${JSON.stringify(text)} is not a CIDR range; use e.g. 10.20.0.0/16, 192.168.1.7/32 or fd12:3456::/48.`,
    );
  if (ipaddr.IPv4.isIPv4(addressText) && !ipaddr.IPv4.isValidFourPartDecimal(addressText)) throw bad();
  let address: IpAddress;
  let bits: number;
  try {
    if (slash >= 0) {
      [address, bits] = ipaddr.parseCIDR(trimmed);
    } else {
      address = ipaddr.parse(trimmed);
      bits = address.kind() === 'ipv4' ? 32 : 128;
    }
  } catch {
    throw bad();
  }
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.zoneId !== undefined) throw bad();
    if (v6.isIPv4MappedAddress() && bits >= 96) {
      const v4 = ipaddr.IPv4.networkAddressFromCIDR(`${v6.toIPv4Address().toString()}/${bits - 96}`);
      return [v4, bits - 96];
    }
    return [ipaddr.IPv6.networkAddressFromCIDR(`${v6.toString()}/${bits}`), bits];
  }
  return [ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`), bits];
}

/** Whether `address` is inside `cidr` (false when the families differ). */
export function contains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr[0].kind() !== address.kind()) return false;
  if (address.kind() === 'ipv4') {
    return (address as ipaddr.IPv4).match(cidr[0], cidr[1]);
  }
  return (address as ipaddr.IPv6).match(cidr[0], cidr[1]);
}

function range(text: string, category: BlockedRange['category']): BlockedRange {
  const cidr = parseCidr(text, 'built-in range');
  return { cidr, text: cidrText(cidr), category };
}

/** Cloud metadata endpoints: AWS/GCP/Azure/OpenStack/Huawei, AWS IPv6, Alibaba Cloud. */
export const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'] as const;

/**
 * The built-in blocked ranges. Which setting can re-allow each category is decided by the
 * policy (see policy.ts); `unspecified`, `broadcast` and `multicast` never are.
 */
export const BUILTIN_RANGES: readonly BlockedRange[] = [
  range('0.0.0.0/8', 'unspecified'),
  range('::/128', 'unspecified'),
  range('255.255.255.255/32', 'broadcast'),
  range('224.0.0.0/4', 'multicast'),
  range('ff00::/8', 'multicast'),
  ...METADATA_ADDRESSES.map((address) => range(address, 'metadata')),
  range('127.0.0.0/8', 'loopback'),
  range('::1/128', 'loopback'),
  range('169.254.0.0/16', 'linkLocal'),
  range('fe80::/10', 'linkLocal'),
  range('10.0.0.0/8', 'private'),
  range('172.16.0.0/12', 'private'),
  range('192.168.0.0/16', 'private'),
  range('100.64.0.0/10', 'private'),
  range('fc00::/7', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'reserved'),
  range('192.88.99.0/24', 'reserved'),
  range('198.18.0.0/15', 'reserved'),
  range('198.51.100.0/24', 'reserved'),
  range('203.0.113.0/24', 'reserved'),
  range('240.0.0.0/4', 'reserved'),
  // IPv4-compatible (deprecated) ::a.b.c.d; ::/128 and ::1/128 are more specific above.
  range('::/96', 'reserved'),
  range('64:ff9b:1::/48', 'reserved'),
  range('100::/64', 'reserved'),
  range('2001::/23', 'reserved'),
  range('2001:db8::/32', 'reserved'),
  range('3fff::/20', 'reserved'),
  range('fec0::/10', 'reserved'),
];

const NAT64 = parseCidr('64:ff9b::/96', 'built-in range');
const IPV4_TRANSLATED = parseCidr('::ffff:0:0:0/96', 'built-in range');
const SIX_TO_FOUR = parseCidr('2002::/16', 'built-in range');

/**
 * The IPv4 address a connection to `address` really reaches, or is routed by: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4
 * (2002:aabb:ccdd::). Undefined for other IPv6 addresses.
 */
export function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  const bytes = address.toByteArray();
  if (contains(NAT64, address) || contains(IPV4_TRANSLATED, address)) {
    return ipaddr.fromByteArray(bytes.slice(12, 16)) as ipaddr.IPv4;
  }
  if (contains(SIX_TO_FOUR, address)) return ipaddr.fromByteArray(bytes.slice(2, 6)) as ipaddr.IPv4;
  return undefined;
}

/** Parses an address as given by DNS or a URL host (brackets allowed), or undefined. */
export function parseAddress(text: string): IpAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isIPv4(bare)) {
    return ipaddr.IPv4.isValidFourPartDecimal(bare) ? ipaddr.IPv4.parse(bare) : undefined;
  }
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  return undefined;
}
