import { beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../src/components/format';
import {
  DEFAULT_OPTIONS,
  optionsOf,
  optionsProblem,
  toSelection,
  type ImportOptions,
} from '../src/components/options';
import { stubTranslate } from './support/translate';

beforeAll(() => {
  stubTranslate();
});

const options = (patch: Partial<ImportOptions>): ImportOptions => ({ ...DEFAULT_OPTIONS, ...patch });

describe('toSelection', () => {
  it('defaults to the latest version, released, into the global store', () => {
    expect(toSelection(DEFAULT_OPTIONS)).toEqual({ versions: 'latest', publish: 'active' });
  });

  it('sends N as a string, the workspace only when targeted, deprecated only when asked', () => {
    expect(
      toSelection(
        options({ versions: 'count', count: 5, publish: 'review', target: 'workspace', workspace: ' ws-1 ' }),
      ),
    ).toEqual({ versions: '5', publish: 'review', workspace: 'ws-1' });
    expect(toSelection(options({ versions: 'all', workspace: 'ignored', includeDeprecated: true }))).toEqual({
      versions: 'all',
      publish: 'active',
      includeDeprecated: true,
    });
  });
});

describe('optionsOf', () => {
  it('reads back what toSelection sends', () => {
    for (const value of [
      DEFAULT_OPTIONS,
      options({ versions: 'count', count: 7, publish: 'draft', target: 'workspace', workspace: 'ws-1' }),
      options({ versions: 'all', publish: 'review', includeDeprecated: true }),
    ])
      expect(optionsOf(toSelection(value))).toEqual(value);
  });

  it('takes N from a count, and the latest version for anything it does not know', () => {
    expect(optionsOf({ versions: '12', publish: 'active' })).toMatchObject({ versions: 'count', count: 12 });
    expect(optionsOf({ versions: 'newest', publish: 'active' })).toEqual(DEFAULT_OPTIONS);
    expect(optionsOf({ versions: '0', publish: 'active' })).toEqual(DEFAULT_OPTIONS);
  });
});

describe('optionsProblem', () => {
  it.each([
    [options({}), undefined],
    [options({ versions: 'count', count: 1 }), undefined],
    [options({ versions: 'count', count: 9999 }), undefined],
    [options({ versions: 'count', count: 0 }), `Enter a whole number from 1 to ${formatNumber(9999)}.`],
    [options({ versions: 'count', count: 10000 }), `Enter a whole number from 1 to ${formatNumber(9999)}.`],
    [options({ versions: 'count', count: 2.5 }), `Enter a whole number from 1 to ${formatNumber(9999)}.`],
    [
      options({ versions: 'count', count: Number.NaN }),
      `Enter a whole number from 1 to ${formatNumber(9999)}.`,
    ],
    [options({ versions: 'latest', count: 0 }), undefined],
    [options({ target: 'workspace', workspace: '' }), 'Choose the workspace to import into.'],
    [options({ target: 'workspace', workspace: 'Team_A' }), expect.stringMatching(/^A workspace name/)],
    [options({ target: 'workspace', workspace: '-a' }), expect.stringMatching(/^A workspace name/)],
    [options({ target: 'workspace', workspace: 'a'.repeat(64) }), expect.stringMatching(/^A workspace name/)],
    [options({ target: 'workspace', workspace: 'team-a' }), undefined],
    [options({ target: 'global', workspace: 'Team_A' }), undefined],
  ])('%j', (value, expected) => {
    expect(optionsProblem(value)).toEqual(expected);
  });
});
