// Authentication: static bearer tokens and the users they name. Copied from
//   https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file
//     (Authorization: Bearer <token>; a missing or unknown token is 401 when anonymous auth is off)
//   k8s.io/apiserver/pkg/endpoints/filters/authentication.go (Unauthorized: Status "Unauthorized")
//   k8s.io/apiserver/pkg/authentication/group/authenticated_group_adder.go (every authenticated user is in
//     system:authenticated)
//   k8s.io/apiserver/pkg/authentication/serviceaccount/util.go (MakeUsername
//     "system:serviceaccount:<ns>:<name>", MakeGroupNames system:serviceaccounts[:<ns>], SplitUsername)
//   k8s.io/apiserver/pkg/authentication/user/user.go (system:masters, system:authenticated)

import { unauthorized, type ApiError } from './errors.js';
import { isDNS1123Label, isDNS1123Subdomain } from './metavalidation.js';

/** user.Info: a name and its groups. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** An emulator-only authorization rule for a token (instead of RBAC objects). */
export interface AllowRule {
  /** API group ("" for core); "*" for all */
  group: string;
  /** plural resource, or "resource/subresource" (e.g. "repoimports/status"); "*" for all */
  resource: string;
  /** verbs: get, list, watch, create, update, patch, delete, deletecollection; "*" for all */
  verbs: string[];
  /** namespaces the rule applies to (default: all, like a ClusterRoleBinding) */
  namespaces?: string[];
}

/**
 * The user a static token names. Without `allow` and `rbac` the token has full access (its user is in
 * system:masters, like an admin certificate); with `allow` the emulator's allow list decides; with
 * `rbac: true` the Roles, ClusterRoles and bindings stored in the emulator decide, as kube-apiserver's
 * RBAC authorizer does.
 */
export interface TokenUser {
  user: string;
  groups?: string[];
  allow?: AllowRule[];
  rbac?: boolean;
}

/** Who a request acts as, and which authorizer decides for it. */
export interface Identity {
  user: UserInfo;
  /** the emulator's allow list; undefined = RBAC (and system:masters, which may do anything) */
  allow?: AllowRule[];
}

export const SYSTEM_MASTERS = 'system:masters';
export const ALL_AUTHENTICATED = 'system:authenticated';
const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
}

/** SplitUsername: the namespace and name of a service account user name, or undefined. */
export function splitServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace = '', name = ''] = parts;
  if (isDNS1123Label(namespace).length > 0 || isDNS1123Subdomain(name).length > 0) return undefined;
  return { namespace, name };
}

/** A token of a ServiceAccount, authorized by RBAC (the user and groups its real token carries). */
export function serviceAccountToken(namespace: string, name: string): TokenUser {
  return {
    user: serviceAccountUsername(namespace, name),
    groups: serviceAccountGroups(namespace),
    rbac: true,
  };
}

/** Adds system:authenticated unless present (AuthenticatedGroupAdder). */
export function withAuthenticated(groups: string[]): string[] {
  return groups.includes(ALL_AUTHENTICATED) ? groups : [...groups, ALL_AUTHENTICATED];
}

export class Authenticator {
  constructor(private readonly tokens: Map<string, TokenUser>) {}

  authenticate(header: string | undefined): Identity | ApiError {
    if (!header) return unauthorized();
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) return unauthorized();
    const token = this.tokens.get(m[1]);
    if (!token) return unauthorized();
    const given = token.groups ?? [];
    if (token.allow)
      return { user: { name: token.user, groups: withAuthenticated(given) }, allow: token.allow };
    const groups = token.rbac || given.includes(SYSTEM_MASTERS) ? given : [SYSTEM_MASTERS, ...given];
    return { user: { name: token.user, groups: withAuthenticated(groups) } };
  }
}
