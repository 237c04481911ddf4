// Category rules in the page: the editor's rows to the API's rules and back, the address that
// keeps them, and where a chart's category comes from in words.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  categorySourceText,
  EMPTY_RULE,
  ruleDraftsOf,
  ruleDraftsProblem,
  toCategoryRules,
} from '../src/components/categoryRules';
import { prefillOf, prefillQuery, readPrefill } from '../src/pages/ImportFromRepo/wizard/prefill';
import { jobRecord } from './jobs-fixtures';
import { stubTranslate } from './support/translate';

beforeAll(() => {
  stubTranslate('en');
});

describe('toCategoryRules', () => {
  it('splits name patterns on commas and spaces, keywords on commas only, and leaves blank rows out', () => {
    expect(
      toCategoryRules([
        { category: ' Databases ', names: '*-db, postgres*  mysql', keywords: '' },
        EMPTY_RULE,
        { category: 'Messaging', names: '', keywords: 'message queue, amqp,' },
      ]),
    ).toEqual([
      { category: 'Databases', names: ['*-db', 'postgres*', 'mysql'] },
      { category: 'Messaging', keywords: ['message queue', 'amqp'] },
    ]);
    expect(toCategoryRules([EMPTY_RULE])).toBeUndefined();
    // A rule still being typed is not sent (nor shown) until it is complete.
    expect(
      toCategoryRules([
        { ...EMPTY_RULE, category: 'A' },
        { category: 'B', names: 'b*', keywords: '' },
      ]),
    ).toEqual([{ category: 'B', names: ['b*'] }]);
  });

  it('names the first rule that cannot be sent', () => {
    expect(ruleDraftsProblem([EMPTY_RULE])).toBeUndefined();
    expect(
      ruleDraftsProblem([
        { category: 'A', names: 'a', keywords: '' },
        { ...EMPTY_RULE, names: 'b*' },
      ]),
    ).toBe('Rule 2 needs a category and at least one name pattern or keyword.');
    expect(ruleDraftsProblem([{ ...EMPTY_RULE, category: 'A' }])).toMatch(/^Rule 1 /);
  });

  it('edits the rules a job or sync has', () => {
    const rules = [{ category: 'Databases', names: ['*-db', 'pg'], keywords: ['sql'] }];
    expect(ruleDraftsOf(rules)).toEqual([{ category: 'Databases', names: '*-db, pg', keywords: 'sql' }]);
    expect(toCategoryRules(ruleDraftsOf(rules))).toEqual(rules);
  });
});

describe('categorySourceText', () => {
  it.each([
    [{ kind: 'mapping' as const }, 'your choice'],
    [
      { kind: 'annotation' as const, key: 'artifacthub.io/category' as const },
      'from artifacthub.io/category',
    ],
    [{ kind: 'rule' as const, rule: 1, match: '*-db' }, 'rule 2: *-db'],
    [{ kind: 'none' as const }, undefined],
    [undefined, undefined],
  ])('%j -> %s', (source, text) => {
    expect(categorySourceText(source)).toBe(text);
  });
});

describe('rules in the wizard address', () => {
  const rules = [
    { category: 'Databases', names: ['*-db'] },
    { category: 'Messaging', keywords: ['amqp', 'message queue'] },
  ];

  it('carries a job\'s rules ("Import again") and reads them back', () => {
    const spec = jobRecord({ spec: { categoryRules: rules } }).spec;
    const prefill = prefillOf(spec);
    expect(prefill.categoryRules).toEqual(rules);
    expect(readPrefill(prefillQuery(prefill)).categoryRules).toEqual(rules);
  });

  it('keeps the rules when the selection is too long for the address', () => {
    const charts = Array.from({ length: 900 }, (_, i) => `chart-${String(i)}`);
    const read = readPrefill(prefillQuery({ charts, categoryRules: rules }));
    expect(read.trimmed).toBe(true);
    expect(read.categoryRules).toEqual(rules);
  });

  it.each([
    ['not JSON', '[{'],
    ['not a list', JSON.stringify({ category: 'A', names: ['a'] })],
    ['an unknown field', JSON.stringify([{ category: 'A', names: ['a'], colour: 'red' }])],
    ['a rule matching nothing', JSON.stringify([{ category: 'A' }])],
    ['a bad category', JSON.stringify([{ category: ' A', names: ['a'] }])],
    ['a bad keyword among good ones', JSON.stringify([{ category: 'A', keywords: ['ok', ' bad'] }])],
    [
      'a later bad rule',
      JSON.stringify([
        { category: 'A', names: ['a'] },
        { category: 'B', names: [7] },
      ]),
    ],
  ])('drops rules with %s, all of them', (_, text) => {
    expect(readPrefill(`?categoryRules=${encodeURIComponent(text)}`).categoryRules).toBeUndefined();
  });
});
