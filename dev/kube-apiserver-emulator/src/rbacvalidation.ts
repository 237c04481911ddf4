// Validation and defaults of Roles, ClusterRoles and their bindings. Copied from
//   k8s.io/kubernetes/pkg/apis/rbac/validation/validation.go (ValidatePolicyRule, ValidateClusterRole's
//     aggregationRule, ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject,
//     ValidateRoleBindingUpdate: "cannot change roleRef"; names are only checked with ValidateRBACName,
//     path.IsValidPathSegmentName). A resourceNames rule may name several resources (kubernetes#44659,
//     which would have refused it, was closed unmerged).
//   k8s.io/kubernetes/pkg/apis/rbac/v1/defaults.go (roleRef.apiGroup and User/Group subjects' apiGroup
//     default to rbac.authorization.k8s.io)

import { fe, type FieldError } from './errors.js';
import { objectAt, objectsAt } from './corevalidation.js';
import { isDNS1123Subdomain, isValidPathSegmentName } from './metavalidation.js';
import { RBAC_GROUP, roleRefOf } from './rbac.js';
import { deepEqual, type KObject } from './types.js';

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function validatePolicyRules(obj: KObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  objectsAt(obj.rules).forEach((rule, i) => {
    const path = `rules[${i}]`;
    if (list(rule.verbs).length === 0)
      errs.push(fe.required(`${path}.verbs`, 'verbs must contain at least one value'));
    const urls = list(rule.nonResourceURLs);
    if (urls.length > 0) {
      if (namespaced)
        errs.push(
          fe.invalid(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'),
        );
      if (
        list(rule.apiGroups).length > 0 ||
        list(rule.resources).length > 0 ||
        list(rule.resourceNames).length > 0
      )
        errs.push(
          fe.invalid(
            `${path}.nonResourceURLs`,
            urls,
            'rules cannot apply to both regular resources and non-resource URLs',
          ),
        );
      return;
    }
    if (list(rule.apiGroups).length === 0)
      errs.push(fe.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
    if (list(rule.resources).length === 0)
      errs.push(fe.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  });
  return errs;
}

/** ValidateClusterRole's aggregationRule check. */
export function validateAggregationRule(obj: KObject): FieldError[] {
  if (obj.aggregationRule === undefined || obj.aggregationRule === null) return [];
  const selectors = list(objectAt(obj.aggregationRule).clusterRoleSelectors);
  return selectors.length > 0
    ? []
    : [
        fe.required(
          'aggregationRule.clusterRoleSelectors',
          'at least one clusterRoleSelector required if aggregationRule is non-nil',
        ),
      ];
}

export function validateBinding(obj: KObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = roleRefOf(obj);
  if (ref.apiGroup !== RBAC_GROUP) errs.push(fe.notSupported('roleRef.apiGroup', ref.apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(fe.notSupported('roleRef.kind', ref.kind, kinds));
  if (ref.name === '') errs.push(fe.required('roleRef.name'));
  else
    for (const msg of isValidPathSegmentName(ref.name)) errs.push(fe.invalid('roleRef.name', ref.name, msg));
  objectsAt(obj.subjects).forEach((subject, i) => {
    const path = `subjects[${i}]`;
    const name = typeof subject.name === 'string' ? subject.name : '';
    const apiGroup = typeof subject.apiGroup === 'string' ? subject.apiGroup : '';
    if (name === '') errs.push(fe.required(`${path}.name`));
    switch (subject.kind) {
      case 'ServiceAccount':
        if (name)
          for (const msg of isDNS1123Subdomain(name)) errs.push(fe.invalid(`${path}.name`, name, msg));
        if (apiGroup) errs.push(fe.notSupported(`${path}.apiGroup`, apiGroup, ['']));
        if (!namespaced && !subject.namespace) errs.push(fe.required(`${path}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (apiGroup !== RBAC_GROUP) errs.push(fe.notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
        break;
      default:
        errs.push(fe.notSupported(`${path}.kind`, subject.kind, ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errs;
}

export function validateBindingUpdate(obj: KObject, old: KObject): FieldError[] {
  const ref = objectAt(obj.roleRef);
  return deepEqual(roleRefOf(obj), roleRefOf(old))
    ? []
    : [fe.invalid('roleRef', ref, 'cannot change roleRef')];
}

export function defaultBinding(obj: KObject): void {
  const ref = objectAt(obj.roleRef);
  if (obj.roleRef !== undefined && !ref.apiGroup) ref.apiGroup = RBAC_GROUP;
  for (const subject of objectsAt(obj.subjects))
    if (!subject.apiGroup && (subject.kind === 'User' || subject.kind === 'Group'))
      subject.apiGroup = RBAC_GROUP;
}
