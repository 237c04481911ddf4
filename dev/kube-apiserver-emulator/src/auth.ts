// Authentication and a small RBAC-like authorizer. Copied from
//   https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file
//     (Authorization: Bearer <token>; a missing or unknown token is 401 when anonymous auth is off)
//   k8s.io/apiserver/pkg/endpoints/filters/authentication.go (Unauthorized: Status "Unauthorized")
//   k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (forbiddenMessage) and
//   writers.go (Forbidden: NewForbidden(GroupResource, name, "User %q cannot %s resource %q in API group
//   %q in the namespace %q" / "at the cluster scope"))
//   https://kubernetes.io/docs/reference/access-authn-authz/rbac/ (resources, resource/subresource, "*")

import { forbidden, unauthorized, type ApiError } from './errors.js';

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

export interface TokenUser {
  user: string;
  /** omitted = full access */
  allow?: AllowRule[];
}

export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export class Authenticator {
  constructor(private readonly tokens: Map<string, TokenUser>) {}

  authenticate(header: string | undefined): TokenUser | ApiError {
    if (!header) return unauthorized();
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) return unauthorized();
    return this.tokens.get(m[1]) ?? unauthorized();
  }
}

export function allowed(u: TokenUser, a: Attributes): boolean {
  if (!u.allow) return true;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return u.allow.some(
    (r) =>
      (r.group === '*' || r.group === a.group) &&
      (r.resource === '*' || r.resource === res) &&
      (r.verbs.includes('*') || r.verbs.includes(a.verb)) &&
      (!r.namespaces || (a.namespace !== '' && r.namespaces.includes(a.namespace))),
  );
}

export function forbiddenError(u: TokenUser, a: Attributes): ApiError {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const msg = a.namespace
    ? `User "${u.user}" cannot ${a.verb} resource "${res}" in API group "${a.group}" in the namespace "${a.namespace}"`
    : `User "${u.user}" cannot ${a.verb} resource "${res}" in API group "${a.group}" at the cluster scope`;
  return forbidden({ group: a.group, name: a.resource }, a.name, msg);
}
