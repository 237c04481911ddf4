// Where each chart's store category comes from, end to end: charts built with the real helm with
// each kind of category annotation, keywords for admin rules, the CLI's --category-rules file, and
// the KubeSphere emulator's categories and apps as the import leaves them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseReport, runCli } from '../support/cli.js';
import { stateOf, writesOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';

const h = useImportHarness([
  {
    name: 'ks-web',
    version: '1.0.0',
    annotations: { 'app.kubesphere.io/category': 'Web', 'artifacthub.io/category': 'security' },
  },
  { name: 'hub-mon', version: '1.0.0', annotations: { 'artifacthub.io/category': 'monitoring-logging' } },
  { name: 'tanzu-util', version: '1.0.0', annotations: { tanzuCategory: 'clusterUtility' } },
  { name: 'orders-db', version: '1.0.0' },
  { name: 'queue', version: '1.0.0', keywords: ['AMQP', 'messaging'] },
  { name: 'plain', version: '1.0.0' },
  { name: 'plain', version: '0.9.0' },
]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'category-rules-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rulesFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** Chart name -> the display name of its app's category, as the store has it. */
function categoriesInStore(): Record<string, string | undefined> {
  const state = stateOf(h.emulator);
  const out: Record<string, string | undefined> = {};
  for (const app of state.apps) {
    const chart = app.metadata.annotations?.['application.kubesphere.io/app-originalName'] ?? '';
    const name = app.metadata.labels?.['application.kubesphere.io/app-category-name'];
    out[chart] =
      name === 'kubesphere-app-uncategorized'
        ? name
        : state.categories.find((c) => c.metadata.name === name)?.metadata.annotations?.[
            'kubesphere.io/alias-name'
          ];
  }
  return out;
}

describe('categories', () => {
  it("files charts by KubeSphere's, Artifact Hub's and Bitnami's annotations, readable names for the fixed values", async () => {
    const result = await h.cli();
    expect(result.code, result.stderr).toBe(0);
    expect(categoriesInStore()).toEqual({
      'ks-web': 'Web',
      'hub-mon': 'Monitoring and Logging',
      'tanzu-util': 'Cluster Utilities',
      'orders-db': 'kubesphere-app-uncategorized',
      queue: 'kubesphere-app-uncategorized',
      plain: 'kubesphere-app-uncategorized',
    });
  });

  it('applies the rules of --category-rules (YAML) to the charts no annotation files, first match winning', async () => {
    const rules = await rulesFile(
      'rules.yaml',
      [
        'rules:',
        '  - category: Databases',
        '    names: ["*-DB"]',
        '  - category: Messaging',
        '    keywords: [amqp]',
        '  - category: Everything',
        '    names: ["*"]',
        '',
      ].join('\n'),
    );
    const result = await h.cli('--category-rules', rules);
    expect(result.code, result.stderr).toBe(0);
    expect(parseReport(result).summary.created).toBe(6);
    expect(categoriesInStore()).toEqual({
      // An annotation still wins over a rule that matches every chart.
      'ks-web': 'Web',
      'hub-mon': 'Monitoring and Logging',
      'tanzu-util': 'Cluster Utilities',
      'orders-db': 'Databases',
      queue: 'Messaging',
      plain: 'Everything',
    });
  });

  it('makes no category for a version added to an app the store has: the app keeps its own', async () => {
    expect((await h.cli('--charts', 'plain')).code).toBe(0);
    const rules = await rulesFile('later.yaml', 'rules:\n  - category: Later\n    names: ["*"]\n');
    const result = await h.cli('--charts', 'plain', '--versions', 'all', '--category-rules', rules);
    expect(result.code, result.stderr).toBe(0);
    const items = parseReport(result).items.map(({ version, status }) => `${version} ${status}`);
    expect(items.sort()).toEqual(['0.9.0 created', '1.0.0 exists']);
    expect(categoriesInStore()).toEqual({ plain: 'kubesphere-app-uncategorized' });
    expect(stateOf(h.emulator).categories.map(({ metadata }) => metadata.name)).not.toContain('ctg-later');
  });

  it('reads a JSON rules file as well', async () => {
    const rules = await rulesFile(
      'rules.json',
      JSON.stringify({ rules: [{ category: 'Queues', names: ['que*'] }] }),
    );
    const result = await h.cli('--category-rules', rules, '--charts', 'queue');
    expect(result.code, result.stderr).toBe(0);
    expect(categoriesInStore()).toEqual({ queue: 'Queues' });
  });

  it('applies the rules to an import from an offline bundle', async () => {
    const bundle = join(dir, 'charts.tgz');
    const made = await runCli(['bundle', '--repo', h.repo.url, '--output', bundle, '--charts', 'orders-db']);
    expect(made.code, made.stderr).toBe(0);
    const rules = await rulesFile(
      'bundle-rules.yaml',
      'rules:\n  - category: Databases\n    names: ["*-db"]\n',
    );
    const { url, adminToken } = h.emulator;
    const result = await runCli([
      '--server',
      url,
      '--token',
      adminToken,
      '--bundle',
      bundle,
      '--category-rules',
      rules,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(categoriesInStore()).toEqual({ 'orders-db': 'Databases' });
  });

  it.each([
    ['missing.yaml', null, /--category-rules \S+missing\.yaml cannot be read \(ENOENT\)/],
    ['bad.yaml', 'rules: [category: X', /--category-rules \S+bad\.yaml is not YAML or JSON: /],
    [
      'empty-rule.yaml',
      'rules:\n  - category: X\n',
      /--category-rules \S+empty-rule\.yaml: rules\[0\]: a rule needs at least one name pattern or keyword/,
    ],
    [
      'unknown.yaml',
      'rules:\n  - category: X\n    name: ["a"]\n',
      /unknown\.yaml: rules\[0\]: Unrecognized key: "name"/,
    ],
    [
      'pattern.yaml',
      'rules:\n  - category: X\n    names: ["{a,b"]\n',
      /pattern\.yaml: rules\[0\]\.names\[0\]: name pattern "\{a,b" matches nothing/,
    ],
  ])(
    'refuses %s as a usage error (exit 2) naming the file, before writing anything',
    async (name, text, message) => {
      const path = text === null ? join(dir, name) : await rulesFile(name, text);
      const result = await h.cli('--category-rules', path);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(writesOf(h.emulator)).toEqual([]);
      expect(stateOf(h.emulator).requestLog).toEqual([]);
    },
  );
});
