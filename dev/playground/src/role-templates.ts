// The extension's RoleTemplates as its chart installs them (charts/backend/templates/roletemplates.yaml):
// the console reads their role-template-rules annotation (menus, src/users.ts), ks-apiserver their
// spec.rules (it authorizes /kapis/storeimporter.kubesphere.io/... with them before forwarding).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

import type { RoleTemplate as EmulatorRoleTemplate } from '@store-importer/kubesphere-emulator';

import { ROOT } from './paths.js';

export const CHART_ROLE_TEMPLATES = join(ROOT, 'charts/backend/templates/roletemplates.yaml');

export interface ChartRoleTemplate extends EmulatorRoleTemplate {
  /** the `iam.kubesphere.io/scope` label */
  scope: string;
  /** `iam.kubesphere.io/role-template-rules`: console module -> action(s) */
  consoleRules: Record<string, string | string[]>;
}

interface RoleTemplateObject {
  kind?: unknown;
  metadata?: { name?: unknown; labels?: Record<string, unknown>; annotations?: Record<string, unknown> };
  spec?: { rules?: unknown };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function rulesOf(name: string, value: unknown): EmulatorRoleTemplate['rules'] {
  if (!Array.isArray(value)) throw new Error(`role template ${name}: spec.rules is not a list`);
  return value.map((rule: Record<string, unknown>) => {
    const { apiGroups, resources, verbs } = rule;
    if (!isStringList(apiGroups) || !isStringList(resources) || !isStringList(verbs))
      throw new Error(`role template ${name}: each rule needs apiGroups, resources and verbs lists`);
    return { apiGroups, resources, verbs };
  });
}

/** The chart's RoleTemplates: a Helm template whose only templated lines are labels, not needed here. */
export async function loadChartRoleTemplates(file = CHART_ROLE_TEMPLATES): Promise<ChartRoleTemplate[]> {
  const source = (await readFile(file, 'utf8')).replace(/^.*\{\{.*\}\}.*$/gm, '');
  return parseAllDocuments(source)
    .map((document) => document.toJS() as RoleTemplateObject | null)
    .filter((object): object is RoleTemplateObject => object?.kind === 'RoleTemplate')
    .map((object) => {
      const name = object.metadata?.name;
      if (typeof name !== 'string') throw new Error(`${file}: a RoleTemplate without a name`);
      const annotation = object.metadata?.annotations?.['iam.kubesphere.io/role-template-rules'];
      const scope = object.metadata?.labels?.['iam.kubesphere.io/scope'];
      return {
        name,
        scope: typeof scope === 'string' ? scope : '',
        consoleRules: JSON.parse(typeof annotation === 'string' ? annotation : '{}') as Record<
          string,
          string | string[]
        >,
        rules: rulesOf(name, object.spec?.rules),
      };
    });
}
