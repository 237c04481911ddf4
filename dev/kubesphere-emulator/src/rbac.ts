// The RBAC rule evaluation of ks-apiserver's authorizer over a user's GlobalRole, following ks-core
// release-4.1:
//   pkg/apiserver/authorization/rbac/rbac.go ruleAllows: a resource request matches verb, API group,
//     "<resource>[/<subresource>]" and name; a non-resource request matches verb and path
//   pkg/apiserver/authorization/rbac/evaluation_helpers.go VerbMatches, APIGroupMatches,
//     ResourceMatches ("*", exact, "*/<subresource>"), ResourceNameMatches, NonResourceURLMatches
//   pkg/componenthelper/auth/rbac/helper.go aggregateRoleTemplateRule, getRoleTemplates: a GlobalRole's
//     rules are its own plus those of the RoleTemplates named in aggregationRoleTemplates.templateNames
//     (a name without a template is skipped)
//   config/ks-core/templates/globalroles.yaml platform-admin: apiGroups/resources/verbs "*"

import type { RequestInfo } from './requestinfo.js';

/** rbacv1.PolicyRule */
export interface PolicyRule {
  verbs: readonly string[];
  apiGroups?: readonly string[];
  resources?: readonly string[];
  resourceNames?: readonly string[];
  nonResourceURLs?: readonly string[];
}

/**
 * An iam.kubesphere.io/v1beta1 RoleTemplate: its name and spec.rules, and what the iam API shows of it
 * (the console reads the `iam.kubesphere.io/role-template-rules` annotation to gate its menus).
 */
export interface RoleTemplate {
  name: string;
  rules: readonly PolicyRule[];
  labels?: Readonly<Record<string, string>>;
  annotations?: Readonly<Record<string, string>>;
  /** spec.displayName, {en, zh} */
  displayName?: Readonly<Record<string, string>>;
}

/** The label a global template carries (`iam.kubesphere.io/scope: global`). */
export const SCOPE_LABEL = 'iam.kubesphere.io/scope';

const ALL = '*';

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some(
    (r) => r === ALL || r === combined || (subresource !== '' && r === `*/${subresource}`),
  );
}

function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === ALL || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))),
  );
}

/** rbac.go ruleAllows */
export function ruleAllows(info: RequestInfo, rule: PolicyRule): boolean {
  if (info.isResourceRequest) {
    const combined = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
    return (
      verbMatches(rule, info.verb) &&
      apiGroupMatches(rule, info.apiGroup) &&
      resourceMatches(rule, combined, info.subresource) &&
      resourceNameMatches(rule, info.name)
    );
  }
  return verbMatches(rule, info.verb) && nonResourceURLMatches(rule, info.path);
}

/** helper.go getRoleTemplates + aggregateRoleTemplateRule: the named templates' rules, in order. */
export function aggregateRules(
  templates: ReadonlyMap<string, RoleTemplate>,
  names: readonly string[],
): PolicyRule[] {
  return names.flatMap((name) => templates.get(name)?.rules ?? []);
}

/** Checks role templates given to the emulator, so a typo fails at start instead of denying later. */
export function indexRoleTemplates(list: readonly RoleTemplate[]): Map<string, RoleTemplate> {
  const byName = new Map<string, RoleTemplate>();
  const strings = (v: unknown): boolean =>
    v === undefined || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
  for (const template of list) {
    if (typeof template.name !== 'string' || template.name === '')
      throw new Error('emulator: every role template needs a name');
    if (byName.has(template.name)) throw new Error(`emulator: role template ${template.name} given twice`);
    for (const rule of template.rules) {
      const ok =
        Array.isArray(rule.verbs) &&
        rule.verbs.length > 0 &&
        strings(rule.verbs) &&
        strings(rule.apiGroups) &&
        strings(rule.resources) &&
        strings(rule.resourceNames) &&
        strings(rule.nonResourceURLs);
      if (!ok)
        throw new Error(
          `emulator: role template ${template.name} has a rule without verbs or with non-string lists`,
        );
    }
    byName.set(template.name, template);
  }
  return byName;
}
