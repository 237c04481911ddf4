// The authorizer chain and the 403 it answers with. Copied from
//   k8s.io/kubernetes/pkg/kubeapiserver/authorizer/config.go (system:masters first, through
//     k8s.io/apiserver/pkg/authorization/authorizerfactory/builtin.go privilegedGroupAuthorizer; then RBAC)
//   k8s.io/apiserver/pkg/authorization/union/union.go (reasons of the authorizers that had no opinion)
//   k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (forbiddenMessage) and writers.go
//     (Forbidden: NewForbidden(GroupResource, name, "User %q cannot %s resource %q in API group %q in the
//     namespace %q" / "at the cluster scope", then ": <reason>" when there is one)
// Tokens with an `allow` list are decided by that list instead (emulator only, see auth.ts).

import { SYSTEM_MASTERS, type AllowRule, type Identity } from './auth.js';
import { forbidden, type ApiError } from './errors.js';
import { authorizeRbac, type Attributes, type Decision, type RuleResolver } from './rbac.js';

export type { Attributes, Decision };

function allowListAllows(allow: AllowRule[], a: Attributes): boolean {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return allow.some(
    (r) =>
      (r.group === '*' || r.group === a.group) &&
      (r.resource === '*' || r.resource === res) &&
      (r.verbs.includes('*') || r.verbs.includes(a.verb)) &&
      (!r.namespaces || (a.namespace !== '' && r.namespaces.includes(a.namespace))),
  );
}

export class Authorizer {
  constructor(private readonly rbac: RuleResolver) {}

  authorize(identity: Identity, attrs: Attributes): Decision {
    if (identity.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
    if (identity.allow) return { allowed: allowListAllows(identity.allow, attrs), reason: '' };
    return authorizeRbac(this.rbac, identity.user, attrs);
  }
}

export function forbiddenError(identity: Identity, a: Attributes, reason = ''): ApiError {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const user = identity.user.name;
  const msg = a.namespace
    ? `User "${user}" cannot ${a.verb} resource "${res}" in API group "${a.group}" in the namespace "${a.namespace}"`
    : `User "${user}" cannot ${a.verb} resource "${res}" in API group "${a.group}" at the cluster scope`;
  return forbidden({ group: a.group, name: a.resource }, a.name, reason ? `${msg}: ${reason}` : msg);
}
