// Outbound safety of the service: the URLs users type are fetched from inside the cluster, so
// schemes, IP-literal hosts, host names and every resolved address are checked against a policy
// before each request and each redirect hop.
import type { ConnectionHooks } from '../../engine/index.js';
import type { OutboundPolicy } from './policy.js';

export type { BlockCategory, OutboundBlockedDetails } from './errors.js';
export { OutboundBlockedError, OutboundConfigError } from './errors.js';
export type {
  OutboundPolicy,
  OutboundPolicyConfig,
  OutboundPolicyDependencies,
  OutboundPolicyDescription,
  OutboundResolver,
} from './policy.js';
export { COMMON_CLUSTER_CIDRS, DEFAULT_OUTBOUND_POLICY, createOutboundPolicy } from './policy.js';

/**
 * The connection hooks of the engine's HTTP client that enforce `policy` (spread them into
 * RepoClientOptions): only repository calls get them, KubeSphere calls do not.
 */
export function outboundRepoOptions(policy: OutboundPolicy): Required<ConnectionHooks> {
  return { lookup: policy.lookup, checkUrl: policy.checkUrl };
}
