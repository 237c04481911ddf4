import { describe, expect, it } from 'vitest';

import { isHelmSemver } from './semver.js';

describe('isHelmSemver (Masterminds/semver v3 NewVersion)', () => {
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
  ])('accepts %s', (version) => {
    expect(isHelmSemver(version)).toBe(true);
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
    ' 1.2.3',
    '1.2.3 ',
    '18446744073709551616.0.0',
  ])('refuses %j', (version) => {
    expect(isHelmSemver(version)).toBe(false);
  });
});
