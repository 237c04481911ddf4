import { describe, expect, it } from 'vitest';

import { compareChartVersions, parseChartVersion, sortNewestFirst } from './version.js';

describe('parseChartVersion', () => {
  it.each([
    '1.2.3',
    'v1.2.3',
    '1.2',
    '1',
    '1.2.3-rc.1',
    '1.2.3+build.5',
    '1.2.3-alpha-1+b',
    '01.2.3',
    '99999999999999999999.0.0',
  ])('accepts %s', (version) => {
    expect(parseChartVersion(version)).toBeDefined();
  });
  it.each([
    '',
    'latest',
    '1.2.3.4',
    '1.2.3-',
    '1.2.3+',
    'V1.2.3',
    ' 1.2.3',
    '1.2.3-a..b',
    '1.x',
    '^1.2.3',
    'a'.repeat(300),
  ])('rejects %j', (version) => {
    expect(parseChartVersion(version)).toBeUndefined();
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
    ['9999999999999999999.0.0', '10000000000000000000.0.0'],
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
    const sorted = sortNewestFirst(
      versions.map((v) => ({
        v,
        s: parseChartVersion(v) ?? { core: ['0', '0', '0'] as [string, string, string], prerelease: [] },
      })),
      (x) => x.s,
    ).map((x) => x.v);
    expect(sorted).toEqual(['2.0.0', '2.0.0-rc.1', '1.10.0', '1.2.0', '1.0.0', '0.9.9']);
  });
});
