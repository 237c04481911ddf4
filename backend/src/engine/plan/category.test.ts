import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { InputError } from '../errors.js';
import { decideCategory, parseCategoryRules, parseCategoryRulesFile, type CategoryRule } from './category.js';

const chart = (annotations: Record<string, string> = {}, keywords: string[] = [], name = 'pg-db') => ({
  name,
  annotations,
  keywords,
});

describe('decideCategory', () => {
  it.each([
    [{ 'app.kubesphere.io/category': 'Database' }, 'Database', 'app.kubesphere.io/category'],
    [{ category: 'Networking' }, 'Networking', 'category'],
    [{ 'app.kubesphere.io/category': ' ', category: 'CI' }, 'CI', 'category'],
    [
      { 'artifacthub.io/category': 'monitoring-logging' },
      'Monitoring and Logging',
      'artifacthub.io/category',
    ],
    [
      { 'artifacthub.io/category': 'ai-machine-learning' },
      'AI / Machine Learning',
      'artifacthub.io/category',
    ],
    [{ 'artifacthub.io/category': 'gaming' }, 'gaming', 'artifacthub.io/category'],
    [{ tanzuCategory: 'clusterUtility' }, 'Cluster Utilities', 'tanzuCategory'],
    [{ tanzuCategory: 'service' }, 'Services', 'tanzuCategory'],
    // Bitnami's readable `category` wins over its broad tanzuCategory.
    [{ tanzuCategory: 'service', category: 'Database' }, 'Database', 'category'],
    [
      { 'artifacthub.io/category': 'security', 'app.kubesphere.io/category': 'Sec' },
      'Sec',
      'app.kubesphere.io/category',
    ],
  ])('%j -> %s from %s', (annotations, category, key) => {
    expect(decideCategory(chart(annotations))).toEqual({ category, source: { kind: 'annotation', key } });
  });

  it("skips Artifact Hub's skip-prediction, which is no category, to the next source", () => {
    expect(
      decideCategory(chart({ 'artifacthub.io/category': 'skip-prediction', tanzuCategory: 'application' })),
    ).toEqual({
      category: 'Applications',
      source: { kind: 'annotation', key: 'tanzuCategory' },
    });
    expect(decideCategory(chart({ 'artifacthub.io/category': 'skip-prediction' }))).toEqual({
      source: { kind: 'none' },
    });
  });

  it("takes the caller's mapping over every annotation and rule", () => {
    const policy = {
      categories: new Map([['pg-db', 'Mine']]),
      categoryRules: [{ category: 'Ruled', names: ['*'] }],
    };
    expect(decideCategory(chart({ 'app.kubesphere.io/category': 'Database' }), policy)).toEqual({
      category: 'Mine',
      source: { kind: 'mapping' },
    });
  });

  it('applies rules only when no annotation names a category', () => {
    const categoryRules = [{ category: 'Ruled', names: ['*'] }];
    expect(decideCategory(chart({ tanzuCategory: 'service' }), { categoryRules }).category).toBe('Services');
    expect(decideCategory(chart({ 'artifacthub.io/category': ' ' }), { categoryRules }).source).toEqual({
      kind: 'rule',
      rule: 0,
      match: '*',
    });
  });

  it('takes the first rule that matches, by name pattern or keyword, case-insensitively', () => {
    const categoryRules: CategoryRule[] = [
      { category: 'Caches', names: ['redis*', 'memcached'] },
      { category: 'Databases', names: ['*-DB', 'postgres{ql,}'], keywords: ['sql'] },
      { category: 'Everything', names: ['*'] },
    ];
    const decide = (name: string, keywords: string[] = []) =>
      decideCategory(chart({}, keywords, name), { categoryRules });
    expect(decide('pg-db')).toEqual({
      category: 'Databases',
      source: { kind: 'rule', rule: 1, match: '*-DB' },
    });
    expect(decide('postgres').source).toEqual({ kind: 'rule', rule: 1, match: 'postgres{ql,}' });
    expect(decide('mariadb', ['Web', 'SQL'])).toEqual({
      category: 'Databases',
      source: { kind: 'rule', rule: 1, match: 'sql' },
    });
    expect(decide('redis-cluster', ['sql']).category).toBe('Caches');
    expect(decide('nginx').source).toEqual({ kind: 'rule', rule: 2, match: '*' });
    // A keyword is a whole word: `sq` is not `sql`.
    expect(decideCategory(chart({}, ['sq'], 'x'), { categoryRules: categoryRules.slice(0, 2) })).toEqual({
      source: { kind: 'none' },
    });
  });

  it('leaves a chart no source names uncategorized', () => {
    expect(decideCategory(chart())).toEqual({ source: { kind: 'none' } });
  });
});

describe('parseCategoryRules', () => {
  it('accepts rules with name patterns, keywords or both', () => {
    const rules = [
      { category: 'Databases', names: ['*-db'] },
      { category: 'Web', keywords: ['http'] },
      { category: 'Both', names: ['a*'], keywords: ['b'] },
      { category: 'Four wildcards', names: ['*-?-*-?'] },
    ];
    expect(parseCategoryRules(rules)).toEqual(rules);
  });

  it.each([
    [[{ category: 'X', names: ['a'], colour: 'red' }], 'categoryRules[0]: Unrecognized key: "colour"'],
    [[{ category: 'X' }], 'categoryRules[0]: a rule needs at least one name pattern or keyword'],
    [[{ category: 'X', names: [], keywords: [] }], 'a rule needs at least one name pattern or keyword'],
    [[{ names: ['a'] }], 'categoryRules[0].category: category is required'],
    [[{ category: ' X', names: ['a'] }], 'categoryRules[0].category: category is a name on one line'],
    [[{ category: 'X', names: ['{a,b'] }], 'categoryRules[0].names[0]: name pattern "{a,b" matches nothing'],
    [[{ category: 'X', names: ['charts/a'] }], 'name pattern "charts/a" has a "/" in it'],
    [[{ category: 'X', names: ['a b'] }], 'name pattern "a b" has a space in it'],
    [[{ category: 'X', names: [''] }], 'categoryRules[0].names[0]: a name pattern is not empty'],
    // Backtracks catastrophically once compiled: refused before it is ever matched.
    [
      [
        { category: 'X', names: ['a'] },
        { category: 'Y', names: ['*?*?*?*?*?*?*?*?x'] },
      ],
      'categoryRules[1].names[0]: name pattern "*?*?*?*?*?*?*?*?x" has 16 wildcards ("*" or "?"), more than 4',
    ],
    [[{ category: 'X', names: ['+(a|aa)'] }], 'name pattern "+(a|aa)" has an extended glob'],
    [
      [{ category: 'X', keywords: [' sql'] }],
      'categoryRules[0].keywords[0]: a keyword has no spaces around it',
    ],
    [{ category: 'X' }, 'categoryRules: '],
  ])('refuses %j: %s', (input, message) => {
    expect(() => parseCategoryRules(input)).toThrow(InputError);
    expect(() => parseCategoryRules(input)).toThrow(message);
  });

  it.each([
    [
      [{ category: 'X', names: ['a'], colour: 'red' }],
      { why: 'unknown-field', field: 'categoryRules[0].colour' },
    ],
    [[{ category: 'X' }], { why: 'rule-matches-nothing', field: 'categoryRules[0]' }],
    [[{ names: ['a'] }], { why: 'required', field: 'categoryRules[0].category' }],
    [[{ category: 3, names: ['a'] }], { why: 'wrong-type', field: 'categoryRules[0].category' }],
    [
      [{ category: 'X', names: ['a b'] }],
      { why: 'pattern-invalid', field: 'categoryRules[0].names[0]', wildcards: 4 },
    ],
    [[{ category: 'X', names: [''] }], { why: 'empty', field: 'categoryRules[0].names[0]' }],
    [[{ category: 'X', names: ['a'.repeat(300)] }], { why: 'too-long', field: 'categoryRules[0].names[0]' }],
    [[{ category: ' X', names: ['a'] }], { why: 'invalid-value', field: 'categoryRules[0].category' }],
    [
      Array.from({ length: 101 }, () => ({ category: 'X', names: ['a'] })),
      { why: 'too-many', field: 'categoryRules', limit: 100 },
    ],
  ])('says why it refuses %#, for the console to say it in its language', (input, params) => {
    let thrown: unknown;
    try {
      parseCategoryRules(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const { detail, message } = thrown as InputError;
    expect(detail).toMatchObject({
      code: 'request-invalid',
      message,
      params: { ...params, problem: message },
    });
  });

  it('refuses more than 100 rules', () => {
    const rules = Array.from({ length: 101 }, () => ({ category: 'X', names: ['a'] }));
    expect(() => parseCategoryRules(rules)).toThrow('categoryRules: at most 100 rules');
  });
});

describe('parseCategoryRulesFile', () => {
  it('reads `rules:` of a YAML file', () => {
    const content: unknown = parse(
      'rules:\n  - category: Databases\n    names: ["*-db"]\n    keywords: [sql]\n',
    );
    expect(parseCategoryRulesFile(content, 'rules.yaml')).toEqual([
      { category: 'Databases', names: ['*-db'], keywords: ['sql'] },
    ]);
  });

  it.each([
    [[{ category: 'X', names: ['a'] }], 'rules.yaml: '],
    [{ rule: [] }, 'rules.yaml: rules: '],
    [{ rules: [{ category: 'X', names: ['a'] }], extra: 1 }, 'rules.yaml: Unrecognized key: "extra"'],
    [{ rules: [{ category: 'X' }] }, 'rules.yaml: rules[0]: a rule needs at least one'],
  ])('refuses %j, naming the file', (content, message) => {
    expect(() => parseCategoryRulesFile(content, 'rules.yaml')).toThrow(message);
  });
});
