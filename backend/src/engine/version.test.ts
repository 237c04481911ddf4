import { describe, expect, it } from 'vitest';

import {
  compareChartVersions,
  isChartVersion,
  isPrerelease,
  parseChartVersion,
  sortNewestFirst,
} from './version.js';

describe('isChartVersion (Masterminds/semver v3 NewVersion, as Helm validates)', () => {
  it.each([
    '1.2.3',
    'v1.2.3',
    '1.2',
    'v1',
    '1',
    '01.02.03',
    '1.0.0-rc.1',
    '1.0.0-0a',
    '1.0.0+build.01',
    '1.0.0-x-y',
    '1.2.3-alpha-1+b',
  ])('accepts %s', (version) => {
    expect(isChartVersion(version)).toBe(true);
  });

  it.each([
    '',
    'latest',
    '1.2.3.4',
    'V1.2.3',
    '1.0.0-01',
    '1.0.0-',
    '1.0.0+',
    '1..2',
    '1.2.3-a..b',
    '1.x',
    '^1.2.3',
    ' 1.2.3',
    '1.2.3 ',
    '18446744073709551616.0.0',
    '99999999999999999999.0.0',
    'a'.repeat(300),
  ])('refuses %j', (version) => {
    expect(isChartVersion(version)).toBe(false);
  });

  it('reads lenient forms as their strict SemVer', () => {
    expect(parseChartVersion('v1.2')?.version).toBe('1.2.0');
    expect(parseChartVersion('01.02.03')?.version).toBe('1.2.3');
  });
});

describe('compareChartVersions', () => {
  it.each([
    ['1.0.0', '2.0.0'],
    ['1.9.0', '1.10.0'],
    ['1.0.0-rc.1', '1.0.0'],
    ['1.0.0-alpha', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta'],
    ['1.0.0-beta.2', '1.0.0-beta.11'],
    ['1.0.0-rc.1', '1.0.0-rc.2'],
    ['1.2', '1.2.1'],
  ])('%s < %s', (a, b) => {
    const x = parseChartVersion(a);
    const y = parseChartVersion(b);
    if (!x || !y) throw new Error('unparsed');
    expect(compareChartVersions(x, y)).toBeLessThan(0);
    expect(compareChartVersions(y, x)).toBeGreaterThan(0);
  });

  it('ignores build metadata and the v prefix', () => {
    const a = parseChartVersion('v1.2.3+a');
    const b = parseChartVersion('1.2.3+b');
    if (!a || !b) throw new Error('unparsed');
    expect(compareChartVersions(a, b)).toBe(0);
  });

  it('sorts newest first', () => {
    const versions = ['1.0.0', '1.10.0', '1.2.0', '2.0.0-rc.1', '2.0.0', '0.9.9'];
    const parsed = versions.map((v) => {
      const s = parseChartVersion(v);
      if (!s) throw new Error(`unparsed ${v}`);
      return { v, s };
    });
    expect(sortNewestFirst(parsed, (x) => x.s).map((x) => x.v)).toEqual([
      '2.0.0',
      '2.0.0-rc.1',
      '1.10.0',
      '1.2.0',
      '1.0.0',
      '0.9.9',
    ]);
  });
});

describe('isPrerelease', () => {
  it.each([
    ['1.0.0-rc.1', true],
    ['v2.0-beta', true],
    ['1.0.0', false],
    ['1.0.0+build', false],
    ['nonsense', false],
  ])('%s -> %s', (version, expected) => {
    expect(isPrerelease(version)).toBe(expected);
  });
});
