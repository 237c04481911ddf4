// Outbound safety of the service: the URLs users type are fetched from inside the cluster, so
// schemes, IP-literal hosts, host names and every resolved address are checked against a policy
// before each request and each redirect hop.
import type { RepoClientOptions } from '../../engine/index.js';
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

/** The repository client options that enforce `policy` (spread them into RepoClientOptions). */
export function outboundRepoOptions(policy: OutboundPolicy): Pick<RepoClientOptions, 'lookup' | 'checkUrl'> {
  return { lookup: policy.lookup, checkUrl: policy.checkUrl };
}
