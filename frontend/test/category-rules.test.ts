// Category rules in the page: the editor's rows to the API's rules and back, the address that
// keeps them, and where a chart's category comes from in words.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  categorySourceText,
  keywordsOf,
  namesOf,
  namesText,
  newRuleDraft,
  ruleDraftsOf,
  refusesRules,
  ruleDraftsProblem,
  toCategoryRules,
} from '../src/components/categoryRules';
import { ApiError } from '../src/api';
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
        newRuleDraft({ category: ' Databases ', names: '*-db, postgres*  mysql' }),
        newRuleDraft(),
        newRuleDraft({ category: 'Messaging', keywords: 'message queue, amqp,' }),
      ]),
    ).toEqual([
      { category: 'Databases', names: ['*-db', 'postgres*', 'mysql'] },
      { category: 'Messaging', keywords: ['message queue', 'amqp'] },
    ]);
    expect(toCategoryRules([newRuleDraft()])).toBeUndefined();
    // A rule still being typed is not sent (nor shown) until it is complete.
    expect(
      toCategoryRules([newRuleDraft({ category: 'A' }), newRuleDraft({ category: 'B', names: 'b*' })]),
    ).toEqual([{ category: 'B', names: ['b*'] }]);
  });

  it('names the first rule that cannot be sent', () => {
    expect(ruleDraftsProblem([newRuleDraft()])).toBeUndefined();
    expect(
      ruleDraftsProblem([newRuleDraft({ category: 'A', names: 'a' }), newRuleDraft({ names: 'b*' })]),
    ).toBe('Rule 2 needs a category and at least one name pattern or keyword.');
    expect(ruleDraftsProblem([newRuleDraft({ category: 'A' })])).toMatch(/^Rule 1 /);
  });

  it('edits the rules a job or sync has', () => {
    const rules = [{ category: 'Databases', names: ['*-db', 'pg'], keywords: ['sql'] }];
    expect(ruleDraftsOf(rules)).toMatchObject([
      { category: 'Databases', names: '*-db, pg', keywords: 'sql' },
    ]);
    expect(toCategoryRules(ruleDraftsOf(rules))).toEqual(rules);
  });

  it('keeps a comma inside braces in its name pattern, and reads its own text back', () => {
    expect(namesOf('{postgres,mysql}*, task-*  a, b')).toEqual(['{postgres,mysql}*', 'task-*', 'a', 'b']);
    const names = ['{postgres,mysql}*', 'task-*'];
    expect(namesOf(namesText(names))).toEqual(names);
    expect(namesText(namesOf('a, b'))).toBe('a, b');
    const rules = [{ category: 'Databases', names: ['{postgres,mysql}*', 'task-*', 'a', 'b'] }];
    expect(toCategoryRules(ruleDraftsOf(rules))).toEqual(rules);
  });

  it('splits keywords on the commas a zh IME types too', () => {
    expect(keywordsOf('数据库，消息队列、message queue, amqp')).toEqual([
      '数据库',
      '消息队列',
      'message queue',
      'amqp',
    ]);
  });

  it('gives every draft its own id, kept through edits', () => {
    const [a, b] = [newRuleDraft(), newRuleDraft()];
    expect(a.id).not.toBe(b.id);
    expect(ruleDraftsOf([{ category: 'A', names: ['a'] }])[0]?.id).not.toBe(a.id);
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

describe('refusesRules', () => {
  it('is only a 400 about the rules', () => {
    expect(refusesRules(new ApiError('categoryRules/0/names: too long', 400, 'BadRequest'))).toBe(true);
    expect(refusesRules(new ApiError('charts: unknown', 400, 'BadRequest'))).toBe(false);
    expect(refusesRules(new ApiError('categoryRules: forbidden', 403, 'Forbidden'))).toBe(false);
    expect(refusesRules(new Error('categoryRules'))).toBe(false);
  });
});
