// Privilege-escalation prevention on writes of Roles, ClusterRoles and their bindings. Copied from
//   k8s.io/kubernetes/pkg/registry/rbac/escalation_check.go (EscalationAllowed: system:masters;
//     RoleEscalationAuthorized: `escalate` on the role; BindingAuthorized: `bind` on the referenced role,
//     checked in the binding's namespace)
//   k8s.io/kubernetes/pkg/registry/rbac/role/policybased/storage.go and clusterrole/policybased/storage.go
//     (create and update: escalate, or hold every permission the role grants; an aggregationRule needs
//     full authority; an update changing only GC fields is not checked)
//   k8s.io/kubernetes/pkg/registry/rbac/rolebinding/policybased/storage.go and
//     clusterrolebinding/policybased/storage.go (bind, or hold every permission of the referenced role;
//     a missing role is the registry's NotFound)
//   k8s.io/kubernetes/pkg/registry/rbac/validation/rule.go (ConfirmNoEscalation and its message),
//     policy_compact.go (CompactRules)
//   k8s.io/component-helpers/auth/rbac/validation/policy_comparator.go (Covers, BreakdownRule, ruleCovers)
//   k8s.io/kubernetes/pkg/apis/rbac/v1/helpers.go (CompactString)
//   k8s.io/kubernetes/pkg/registry/rbac/helpers.go (IsOnlyMutatingGCFields)

import type { Identity } from './auth.js';
import { SYSTEM_MASTERS } from './auth.js';
import type { Attributes, Decision } from './authorizer.js';
import { ApiError, forbidden, internalError } from './errors.js';
import { RBAC_GROUP, roleRefOf, rulesOf, type PolicyRule, type RoleRef, type RuleResolver } from './rbac.js';
import { clone, deepEqual, type KObject } from './types.js';

/** Who writes, and how to ask the authorizer and the rule resolver about them. */
export interface WriteContext {
  identity: Identity;
  authorize(identity: Identity, attrs: Attributes): Decision;
  resolver: RuleResolver;
}

/** A check run before an object of a kind is created or updated (policybased storage). */
export interface WriteGuard {
  create(ctx: WriteContext, namespace: string, obj: KObject): void;
  update(ctx: WriteContext, namespace: string, obj: KObject, old: KObject): void;
}

const has = (set: string[] | undefined, item: string): boolean => (set ?? []).includes(item);
const hasAll = (set: string[] | undefined, items: string[] | undefined): boolean =>
  (items ?? []).every((item) => has(set, item));

/** BreakdownRule: one rule per group, resource, verb and name (or non-resource URL and verb). */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (names.length > 0)
          for (const name of names)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
  for (const url of rule.nonResourceURLs ?? [])
    for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

function resourceCoversAll(set: string[] | undefined, covers: string[] | undefined): boolean {
  if (has(set, '*') || hasAll(set, covers)) return true;
  return (covers ?? []).every((path) => {
    if (has(set, path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && has(set, `*/${path.slice(slash + 1)}`);
  });
}

function nonResourceURLCovers(owner: string, sub: string): boolean {
  return owner === sub || (owner.endsWith('*') && sub.startsWith(owner.replace(/\*+$/, '')));
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const subNames = sub.resourceNames ?? [];
  const ownerNames = owner.resourceNames ?? [];
  return (
    (has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs)) &&
    (has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups)) &&
    resourceCoversAll(owner.resources, sub.resources) &&
    (sub.nonResourceURLs ?? []).every((url) =>
      (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, url)),
    ) &&
    (subNames.length === 0
      ? ownerNames.length === 0
      : ownerNames.length === 0 || hasAll(ownerNames, subNames))
  );
}

/** Covers: the broken-down rules of `servant` that no rule of `owner` covers. */
export function uncoveredRules(owner: PolicyRule[], servant: PolicyRule[]): PolicyRule[] {
  return servant.flatMap(breakdown).filter((rule) => !owner.some((o) => ruleCovers(o, rule)));
}

/** CompactRules: simple rules (one group, one resource, at most one name) merged by verb. */
function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const names = rule.resourceNames ?? [];
    const isSimple =
      names.length <= 1 &&
      (rule.nonResourceURLs ?? []).length === 0 &&
      (rule.apiGroups ?? []).length === 1 &&
      (rule.resources ?? []).length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources, names]);
    const existing = simple.get(key);
    if (!existing) {
      simple.set(key, clone(rule));
      continue;
    }
    for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
  }
  return [...compacted, ...simple.values()];
}

/** Go's %q of a []string. */
const goStrings = (list: string[]): string => `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;

/** CompactString. */
function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if ((rule.apiGroups ?? []).length > 0) parts.push(`APIGroups:${goStrings(rule.apiGroups ?? [])}`);
  if ((rule.resources ?? []).length > 0) parts.push(`Resources:${goStrings(rule.resources ?? [])}`);
  if ((rule.nonResourceURLs ?? []).length > 0)
    parts.push(`NonResourceURLs:${goStrings(rule.nonResourceURLs ?? [])}`);
  if ((rule.resourceNames ?? []).length > 0)
    parts.push(`ResourceNames:${goStrings(rule.resourceNames ?? [])}`);
  if (rule.verbs.length > 0) parts.push(`Verbs:${goStrings(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** ConfirmNoEscalation: the reason the user may not grant `rules` in `namespace`, or undefined. */
export function escalationError(
  ctx: WriteContext,
  namespace: string,
  rules: PolicyRule[],
): string | undefined {
  const user = ctx.identity.user;
  const owner = ctx.resolver.rulesFor(user, namespace, 'registry');
  const missing = uncoveredRules(owner.rules, rules);
  if (missing.length === 0) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.name)} (groups=${goStrings(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (owner.errors.length > 0) msg += `; resolution errors: [${owner.errors.join(' ')}]`;
  return msg;
}

const escalationAllowed = (ctx: WriteContext): boolean => ctx.identity.user.groups.includes(SYSTEM_MASTERS);

/** RoleEscalationAuthorized: `escalate` on this role. */
function mayEscalate(ctx: WriteContext, resource: string, namespace: string, name: string): boolean {
  return ctx.authorize(ctx.identity, {
    verb: 'escalate',
    group: RBAC_GROUP,
    resource,
    subresource: '',
    namespace,
    name,
  }).allowed;
}

/** BindingAuthorized: `bind` on the referenced role, in the binding's namespace. */
function mayBind(ctx: WriteContext, ref: RoleRef, namespace: string): boolean {
  const resource = ref.kind === 'ClusterRole' ? 'clusterroles' : ref.kind === 'Role' ? 'roles' : '';
  if (!resource) return false;
  return ctx.authorize(ctx.identity, {
    verb: 'bind',
    group: ref.apiGroup,
    resource,
    subresource: '',
    namespace,
    name: ref.name,
  }).allowed;
}

/** IsOnlyMutatingGCFields: the update changes nothing but ownerReferences and finalizers. */
function onlyGcFields(obj: KObject, old: KObject): boolean {
  const copy = clone(obj);
  const { ownerReferences, finalizers } = old.metadata;
  if (ownerReferences) copy.metadata.ownerReferences = ownerReferences;
  else delete copy.metadata.ownerReferences;
  if (finalizers) copy.metadata.finalizers = finalizers;
  else delete copy.metadata.finalizers;
  return deepEqual(copy, old);
}

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

function roleGuard(resource: 'roles' | 'clusterroles'): WriteGuard {
  const check = (ctx: WriteContext, namespace: string, obj: KObject): void => {
    const name = obj.metadata.name ?? '';
    if (escalationAllowed(ctx) || mayEscalate(ctx, resource, namespace, name)) return;
    const gr = { group: RBAC_GROUP, name: resource };
    const error = escalationError(ctx, namespace, rulesOf(obj));
    if (error) throw forbidden(gr, name, error);
    if (resource === 'clusterroles' && obj.aggregationRule !== undefined && obj.aggregationRule !== null)
      if (escalationError(ctx, namespace, FULL_AUTHORITY))
        throw forbidden(gr, name, 'must have cluster-admin privileges to use the aggregationRule');
  };
  return {
    create: check,
    update: (ctx, namespace, obj, old) => {
      if (!onlyGcFields(obj, old)) check(ctx, namespace, obj);
    },
  };
}

function bindingGuard(resource: 'rolebindings' | 'clusterrolebindings'): WriteGuard {
  const check = (ctx: WriteContext, namespace: string, obj: KObject): void => {
    if (escalationAllowed(ctx)) return;
    const ref = roleRefOf(obj);
    if (mayBind(ctx, ref, namespace)) return;
    const rules = ctx.resolver.roleReferenceRules(ref, namespace, 'registry');
    if (rules instanceof ApiError) throw rules;
    if (rules instanceof Error) throw internalError(rules.message);
    const error = escalationError(ctx, namespace, rules);
    if (error) throw forbidden({ group: RBAC_GROUP, name: resource }, obj.metadata.name ?? '', error);
  };
  return {
    create: check,
    update: (ctx, namespace, obj, old) => {
      if (!onlyGcFields(obj, old)) check(ctx, namespace, obj);
    },
  };
}

export const RBAC_GUARDS = {
  roles: roleGuard('roles'),
  clusterroles: roleGuard('clusterroles'),
  rolebindings: bindingGuard('rolebindings'),
  clusterrolebindings: bindingGuard('clusterrolebindings'),
};
