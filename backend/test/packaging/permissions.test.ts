// permissions.yaml against the rendered chart: every object Helm creates is covered (create, get,
// list, update, patch, delete; namespaced objects by the Role or the ClusterRole, cluster-scoped
// ones by the ClusterRole), Helm's release Secrets too; every rule the chart's Role grants is held
// (Kubernetes refuses to create a Role granting more than its creator holds, short of `escalate`);
// and no rule, resource, verb or name of permissions.yaml is unused.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { repoRoot } from '../support/fixtures.js';
import { type KObject, renderChart } from './support.js';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}
interface Need {
  group: string;
  resource: string;
  verb: string;
  name?: string;
  namespaced: boolean;
  why: string;
}

const HELM_VERBS = ['create', 'get', 'list', 'update', 'patch', 'delete'];
// Verbs whose request carries no object name: a rule with resourceNames cannot allow them.
const UNNAMED_VERBS = ['create', 'list'];

// kind -> group, plural, namespaced, for every kind the chart renders.
const RESOURCES: Record<string, { resource: string; namespaced: boolean }> = {
  'v1/Service': { resource: 'services', namespaced: true },
  'v1/ServiceAccount': { resource: 'serviceaccounts', namespaced: true },
  'apps/v1/Deployment': { resource: 'deployments', namespaced: true },
  'networking.k8s.io/v1/NetworkPolicy': { resource: 'networkpolicies', namespaced: true },
  'rbac.authorization.k8s.io/v1/Role': { resource: 'roles', namespaced: true },
  'rbac.authorization.k8s.io/v1/RoleBinding': { resource: 'rolebindings', namespaced: true },
  'kubesphere.io/v1alpha1/ServiceAccount': { resource: 'serviceaccounts', namespaced: true },
  'apiextensions.k8s.io/v1/CustomResourceDefinition': {
    resource: 'customresourcedefinitions',
    namespaced: false,
  },
  'extensions.kubesphere.io/v1alpha1/JSBundle': { resource: 'jsbundles', namespaced: false },
  'extensions.kubesphere.io/v1alpha1/APIService': { resource: 'apiservices', namespaced: false },
  'iam.kubesphere.io/v1beta1/RoleTemplate': { resource: 'roletemplates', namespaced: false },
  'iam.kubesphere.io/v1beta1/GlobalRole': { resource: 'globalroles', namespaced: false },
  'iam.kubesphere.io/v1beta1/GlobalRoleBinding': { resource: 'globalrolebindings', namespaced: false },
};

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

async function permissions(): Promise<{ text: string; clusterRole: Rule[]; role: Rule[] }> {
  const text = await readFile(join(repoRoot, 'permissions.yaml'), 'utf8');
  const documents = parseAllDocuments(text).map((document) => document.toJS() as Record<string, unknown>);
  const byKind = (kind: string) => documents.filter((document) => document.kind === kind);
  expect(documents.map((document) => Object.keys(document).sort())).toEqual([
    ['kind', 'rules'],
    ['kind', 'rules'],
  ]);
  expect(byKind('ClusterRole')).toHaveLength(1);
  expect(byKind('Role')).toHaveLength(1);
  return {
    text,
    clusterRole: byKind('ClusterRole')[0]?.rules as Rule[],
    role: byKind('Role')[0]?.rules as Rule[],
  };
}

function allows(rule: Rule, need: Need): boolean {
  return (
    rule.apiGroups.includes(need.group) &&
    rule.resources.includes(need.resource) &&
    rule.verbs.includes(need.verb) &&
    (!rule.resourceNames ||
      (need.name !== undefined &&
        !UNNAMED_VERBS.includes(need.verb) &&
        rule.resourceNames.includes(need.name)))
  );
}

function needs(objects: KObject[]): Need[] {
  const result: Need[] = [];
  for (const object of objects) {
    const kind = RESOURCES[`${object.apiVersion}/${object.kind}`];
    if (!kind)
      throw new Error(`permissions.test.ts does not know ${object.apiVersion} ${object.kind}: add it`);
    for (const verb of HELM_VERBS)
      result.push({
        group: groupOf(object.apiVersion),
        resource: kind.resource,
        verb,
        name: UNNAMED_VERBS.includes(verb) ? undefined : object.metadata.name,
        namespaced: kind.namespaced,
        why: `helm ${verb} ${object.kind}/${object.metadata.name}`,
      });
    if (object.kind === 'Role') {
      // To create this Role (and bind it), Helm must hold each permission it grants.
      for (const rule of (object as unknown as { rules: Rule[] }).rules)
        for (const group of rule.apiGroups)
          for (const resource of rule.resources)
            for (const verb of rule.verbs)
              for (const name of rule.resourceNames ?? [undefined])
                result.push({
                  group,
                  resource,
                  verb,
                  name,
                  namespaced: true,
                  why: `granted by Role/${object.metadata.name}`,
                });
    }
  }
  // Helm's release records: Secrets in the release namespace.
  for (const verb of ['create', 'get', 'list', 'update', 'delete'])
    result.push({
      group: '',
      resource: 'secrets',
      verb,
      namespaced: true,
      why: `helm release storage ${verb}`,
    });
  return result;
}

describe('permissions.yaml', () => {
  it('is two documents, ClusterRole and Role, each rule explicit (no *) and explained by a comment', async () => {
    const { text, clusterRole, role } = await permissions();
    for (const rule of [...clusterRole, ...role]) {
      for (const list of [rule.apiGroups, rule.resources, rule.verbs]) {
        expect(Array.isArray(list) && list.length > 0).toBe(true);
        expect(list).not.toContain('*');
      }
    }
    // Every `- apiGroups:` line follows a comment line or another rule of the same comment block.
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (!/^\s*- apiGroups:/.test(line)) return;
      let previous = index - 1;
      while (previous >= 0 && /^\s{4,}\S/.test(lines[previous] ?? '')) previous -= 1;
      expect(lines[previous], `rule at line ${index + 1}`).toMatch(
        /^\s*#|^\s*- apiGroups:|^\s+resourceNames:|^\s+verbs:/,
      );
    });
  });

  it('covers every object the chart creates, Helm release Secrets, and every permission the chart grants', async () => {
    const { clusterRole, role } = await permissions();
    const missing = needs(await renderChart()).filter(
      (need) =>
        !clusterRole.some((rule) => allows(rule, need)) &&
        !(need.namespaced && role.some((rule) => allows(rule, need))),
    );
    expect(missing.map((need) => need.why + ` (${need.group}/${need.resource} ${need.verb})`)).toEqual([]);
  });

  it('has nothing the chart does not need', async () => {
    const { clusterRole, role } = await permissions();
    const all = needs(await renderChart());
    const unused: string[] = [];
    for (const [scope, rules] of [
      ['ClusterRole', clusterRole],
      ['Role', role],
    ] as const) {
      for (const rule of rules)
        for (const group of rule.apiGroups)
          for (const resource of rule.resources)
            for (const verb of rule.verbs)
              for (const name of rule.resourceNames ?? [undefined]) {
                const used = all.some(
                  (need) =>
                    need.group === group &&
                    need.resource === resource &&
                    need.verb === verb &&
                    (scope === 'ClusterRole' ? !need.namespaced : need.namespaced) &&
                    (name === undefined || need.name === name),
                );
                if (!used) unused.push(`${scope}: ${group}/${resource} ${verb}${name ? ` ${name}` : ''}`);
              }
    }
    expect(unused).toEqual([]);
  });
});
