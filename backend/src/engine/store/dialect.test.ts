import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
  createAppCanName,
  dialectFor,
  formatVersion,
  storedVersionName,
  unstorableReason,
  versionObjectName,
} from './dialect.js';

const sha12 = (version: string): string => createHash('sha1').update(version).digest('hex').slice(0, 12);

describe('dialectFor (the gitVersion of /kapis/version)', () => {
  it.each([
    ['v4.1.1', 'v4.1.2'],
    ['v4.1.2', 'v4.1.2'],
    ['v4.1.3-rc.0', 'v4.1.3'],
    ['v4.1.3', 'v4.1.3'],
    ['v4.2.0', 'v4.1.3'],
    ['4.2.1', 'v4.1.3'],
  ])('%s follows ks-core %s, without a warning', (gitVersion, rules) => {
    expect(dialectFor(gitVersion)).toEqual({ serverVersion: gitVersion, rules, warning: undefined });
  });

  it('follows the newest known rules for a newer release, and says so', () => {
    const dialect = dialectFor('v4.3.0');
    expect(dialect.rules).toBe('v4.1.3');
    expect(dialect.warning).toEqual({
      code: 'server-version-newer',
      params: { version: 'v4.3.0', rules: 'v4.1.3' },
      message:
        "KubeSphere v4.3.0 is newer than the releases this importer knows (4.1.1 to 4.2); following ks-core v4.1.3's App Store rules",
    });
  });

  it.each([
    ['v0.0.0', 'it says "v0.0.0"'],
    ['master', 'it says "master"'],
    ['', 'GET /kapis/version: 404'],
  ])('treats %j (a build without a version) as unknown, and says so', (gitVersion, problem) => {
    const dialect = dialectFor(gitVersion || undefined, 'GET /kapis/version: 404');
    expect(dialect.rules).toBe('v4.1.3');
    expect(dialect.warning).toEqual({
      code: 'server-version-unknown',
      params: { problem, rules: 'v4.1.3' },
      message: `could not learn the KubeSphere version (${problem}); following ks-core v4.1.3's App Store rules`,
    });
  });

  it('warns about a release older than 4.1', () => {
    const dialect = dialectFor('v3.4.1');
    expect(dialect.rules).toBe('v4.1.2');
    expect(dialect.warning).toEqual({
      code: 'server-version-older',
      params: { version: 'v3.4.1' },
      message: 'KubeSphere v3.4.1 is older than 4.1, whose App Store API this importer speaks',
    });
  });
});

describe('version names (helper.go FormatVersion)', () => {
  it.each(['1.2.3', 'v1.0', '1.0.0-rc.1'])('keeps the DNS-safe version %s on every release', (version) => {
    expect(formatVersion('v4.1.2', version)).toBe(version);
    expect(formatVersion('v4.1.3', version)).toBe(version);
  });

  it.each([
    ['1.0.0+build.5', '1.0.0-build.5'],
    ['V1.0', '-1.0'],
    ['1.0.0-RC.1', '1.0.0---.1'],
  ])('4.1.1/4.1.2 replace the characters of %s outside [a-z0-9-.] with "-"', (version, expected) => {
    expect(formatVersion('v4.1.2', version)).toBe(expected);
    expect(storedVersionName('v4.1.2', version)).toBe(expected);
  });

  it.each(['1.0.0+build.5', 'V1.0', '1.0.0-RC.1'])('4.1.3 hashes %s to 12 hex of its SHA-1', (version) => {
    expect(formatVersion('v4.1.3', version)).toBe(sha12(version));
    expect(versionObjectName('v4.1.3', 'nginx-ab12c', version)).toBe(`nginx-ab12c-${sha12(version)}`);
    expect(storedVersionName('v4.1.3', version)).toBe(version);
  });

  it('builds version object names as <app>-<version>', () => {
    expect(versionObjectName('v4.1.2', 'nginx-ab12c', '1.2.3')).toBe('nginx-ab12c-1.2.3');
  });

  it('knows which first versions POST /apps cannot name before 4.1.3', () => {
    expect(createAppCanName('v4.1.2', 'nginx-ab12c', '1.2.3')).toBe(true);
    expect(createAppCanName('v4.1.2', 'nginx-ab12c', '1.0.0+build.5')).toBe(false);
    expect(createAppCanName('v4.1.3', 'nginx-ab12c', '1.0.0+build.5')).toBe(true);
  });

  it('knows which versions a release cannot store at all', () => {
    expect(unstorableReason(dialectFor('v4.1.2'), 'nginx-ab12c', '1.0.0+build.5')).toBeUndefined();
    expect(unstorableReason(dialectFor('v4.1.2'), 'nginx-ab12c', '1.0.0-RC.1')).toEqual({
      code: 'version-unstorable',
      params: { server: 'v4.1.2', version: '1.0.0-RC.1', name: 'nginx-ab12c-1.0.0---.1' },
      message:
        'KubeSphere v4.1.2 cannot store version 1.0.0-RC.1: it names it nginx-ab12c-1.0.0---.1, which is not a valid Kubernetes name (ks-core 4.1.3 names such versions by their SHA-1)',
    });
    expect(unstorableReason(dialectFor('v4.1.3'), 'nginx-ab12c', '1.0.0-RC.1')).toBeUndefined();
  });
});
