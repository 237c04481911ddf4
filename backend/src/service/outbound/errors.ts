// Errors of the outbound policy. OutboundBlockedError extends the engine's RepoError, a domain
// error, so the engine's HTTP client passes it on unchanged (not wrapped, not retried) whether it
// comes from `checkUrl` or from the DNS `lookup` of a connection.
import { RepoError } from '../../engine/index.js';

/** Why a destination was refused. */
export type BlockCategory =
  /** Not http, https or oci. */
  | 'scheme'
  /** No usable host in the URL. */
  | 'invalidHost'
  /** localhost, single-label and cluster-internal names (*.svc, *.cluster.local). */
  | 'internalName'
  /** 0.0.0.0/8, ::/128: never allowed. */
  | 'unspecified'
  /** 255.255.255.255: never allowed. */
  | 'broadcast'
  /** 224.0.0.0/4, ff00::/8: never allowed. */
  | 'multicast'
  /** Cloud metadata endpoints: allowed only by an exact /32 or /128 in allowCidrs. */
  | 'metadata'
  | 'loopback'
  | 'linkLocal'
  /** The cluster's service and pod ranges (config blockCidrs). */
  | 'cluster'
  /** RFC 1918, CGNAT 100.64.0.0/10, IPv6 ULA fc00::/7. */
  | 'private'
  /** Documentation, benchmarking, IETF and future-use ranges. */
  | 'reserved';

export interface OutboundBlockedDetails {
  /** The host as it appears in the URL (IPv6 in brackets) or as given to DNS. */
  host: string;
  /** The address refused, when the refusal is about an address. */
  address?: string | undefined;
  /** The blocked range the address is in, e.g. `127.0.0.0/8`. */
  range?: string | undefined;
  category: BlockCategory;
}

/**
 * The outbound policy refused a URL or an address. Its message names the host and the reason,
 * and says what an administrator can change; it never holds credentials or query values.
 */
export class OutboundBlockedError extends RepoError {
  readonly host: string;
  readonly address: string | undefined;
  readonly range: string | undefined;
  readonly category: BlockCategory;

  constructor(message: string, details: OutboundBlockedDetails) {
    super(message);
    this.name = 'OutboundBlockedError';
    this.host = details.host;
    this.address = details.address;
    this.range = details.range;
    this.category = details.category;
  }
}

/** An invalid outbound policy configuration (a bad CIDR or host pattern). */
export class OutboundConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundConfigError';
  }
}
