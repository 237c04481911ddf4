// RBAC: which rules apply to a user, and whether one allows a request. Copied from
//   k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac/rbac.go (Authorize: allowed when any rule of any
//     binding that applies allows the request; otherwise no opinion, with the resolution errors as the
//     reason "RBAC: ..."; RuleAllows)
//   k8s.io/kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches, ResourceMatches
//     with "*" and "*/subresource", ResourceNameMatches: a rule with resourceNames never matches a request
//     without a name, so `create` and `list` cannot be limited to names)
//   k8s.io/kubernetes/pkg/registry/rbac/validation/rule.go (VisitRulesFor: ClusterRoleBindings, then the
//     RoleBindings of the request's namespace; GetRoleReferenceRules; appliesToUser: User by name, Group by
//     membership, ServiceAccount by namespace (defaulting to the binding's) and name)
//   k8s.io/client-go/listers (the authorizer's NotFound names the singular resource, `role.rbac...`)

import { notFound } from './errors.js';
import type { Storage } from './storage.js';
import { isObject, type KObject } from './types.js';
import { serviceAccountUsername, type UserInfo } from './auth.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Storage buckets of the RBAC kinds (shared with kinds.ts). */
export const RBAC_BUCKETS = {
  roles: `${RBAC_GROUP}/roles`,
  roleBindings: `${RBAC_GROUP}/rolebindings`,
  clusterRoles: `${RBAC_GROUP}/clusterroles`,
  clusterRoleBindings: `${RBAC_GROUP}/clusterrolebindings`,
};

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

/** authorizer.Attributes of a resource request. */
export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export interface Decision {
  allowed: boolean;
  /** why not, when RBAC could not resolve a binding ("" otherwise) */
  reason: string;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function rulesOf(obj: KObject): PolicyRule[] {
  const rules = Array.isArray(obj.rules) ? obj.rules : [];
  return rules.filter(isObject).map((r) => ({
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  }));
}

function subjectsOf(obj: KObject): Subject[] {
  const subjects = Array.isArray(obj.subjects) ? obj.subjects : [];
  return subjects.filter(isObject).map((s) => ({
    kind: typeof s.kind === 'string' ? s.kind : '',
    name: typeof s.name === 'string' ? s.name : '',
    ...(typeof s.namespace === 'string' ? { namespace: s.namespace } : {}),
  }));
}

export function roleRefOf(obj: KObject): RoleRef {
  const ref = isObject(obj.roleRef) ? obj.roleRef : {};
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { apiGroup: str(ref.apiGroup), kind: str(ref.kind), name: str(ref.name) };
}

function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const saNamespace = subject.namespace || namespace;
      if (!saNamespace) return false;
      return user.name === serviceAccountUsername(saNamespace, subject.name);
    }
    default:
      return false;
  }
}

/** How a missing role is named: by the authorizer's listers, or by the registry (escalation checks). */
export type NotFoundStyle = 'lister' | 'registry';

export class RuleResolver {
  constructor(private readonly storage: Storage) {}

  /** GetRoleReferenceRules: the rules of the role a binding references. */
  roleReferenceRules(ref: RoleRef, bindingNamespace: string, style: NotFoundStyle): PolicyRule[] | Error {
    const singular = style === 'lister';
    if (ref.kind === 'Role') {
      const role = this.storage.get(RBAC_BUCKETS.roles, `${bindingNamespace}/${ref.name}`);
      return role
        ? rulesOf(role)
        : notFound({ group: RBAC_GROUP, name: singular ? 'role' : 'roles' }, ref.name);
    }
    if (ref.kind === 'ClusterRole') {
      const role = this.storage.get(RBAC_BUCKETS.clusterRoles, ref.name);
      return role
        ? rulesOf(role)
        : notFound({ group: RBAC_GROUP, name: singular ? 'clusterrole' : 'clusterroles' }, ref.name);
    }
    return new Error(`unsupported role reference kind: "${ref.kind}"`);
  }

  /** VisitRulesFor, collected: every rule that applies to `user` in `namespace`, and resolution errors. */
  rulesFor(
    user: UserInfo,
    namespace: string,
    style: NotFoundStyle,
  ): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    const visit = (binding: KObject, bindingNamespace: string): void => {
      if (!subjectsOf(binding).some((s) => appliesToUser(user, s, bindingNamespace))) return;
      const found = this.roleReferenceRules(roleRefOf(binding), bindingNamespace, style);
      if (found instanceof Error) errors.push(found.message);
      else rules.push(...found);
    };
    for (const [, binding] of this.storage.list(RBAC_BUCKETS.clusterRoleBindings).items) visit(binding, '');
    if (namespace) {
      for (const [, binding] of this.storage.list(RBAC_BUCKETS.roleBindings).items)
        if (binding.metadata.namespace === namespace) visit(binding, namespace);
    }
    return { rules, errors };
  }
}

function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some(
    (r) =>
      r === '*' ||
      r === combined ||
      (subresource !== '' &&
        r.length === subresource.length + 2 &&
        r.startsWith('*/') &&
        r.endsWith(subresource)),
  );
}

/** RuleAllows for a resource request. */
export function ruleAllows(attrs: Attributes, rule: PolicyRule): boolean {
  const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const names = rule.resourceNames ?? [];
  return (
    rule.verbs.some((v) => v === '*' || v === attrs.verb) &&
    (rule.apiGroups ?? []).some((g) => g === '*' || g === attrs.group) &&
    resourceMatches(rule, combined, attrs.subresource) &&
    (names.length === 0 || names.includes(attrs.name))
  );
}

/** RBACAuthorizer.Authorize. */
export function authorizeRbac(resolver: RuleResolver, user: UserInfo, attrs: Attributes): Decision {
  const { rules, errors } = resolver.rulesFor(user, attrs.namespace, 'lister');
  if (rules.some((rule) => ruleAllows(attrs, rule))) return { allowed: true, reason: '' };
  const reason =
    errors.length === 0 ? '' : `RBAC: ${errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`}`;
  return { allowed: false, reason };
}
