import { describe, expect, it } from 'vitest';

import { globToRegExp, parseHelmIgnore } from './helmignore.js';

describe('parseHelmIgnore (Helm pkg/ignore semantics)', () => {
  const cases: [string, string, boolean, boolean][] = [
    // rules, path, isDir, ignored
    ['scratch/', 'scratch', true, true],
    ['scratch/', 'scratch/a.bin', false, true],
    ['scratch/', 'docs/scratch', true, true],
    ['scratch/', 'scratch', false, false],
    ['*.bak', 'a/b/c.bak', false, true],
    ['*.bak', 'a.bak/c', false, true],
    ['/foo.txt', 'foo.txt', false, true],
    ['/foo.txt', 'a/foo.txt', false, false],
    ['a/*.txt', 'a/x.txt', false, true],
    ['a/*.txt', 'b/a/x.txt', false, false],
    ['a/*.txt', 'a/b/x.txt', false, false],
    ['?.md', 'x.md', false, true],
    ['?.md', 'xy.md', false, false],
    ['[a-c]x', 'bx', false, true],
    ['[^a]x', 'ax', false, false],
    ['[^a]x', 'bx', false, true],
    ['\\*x', '*x', false, true],
    ['\\*x', 'ax', false, false],
    ['# comment\n\n  *.tmp  ', 'a.tmp', false, true],
    // Helm's negation ignores everything the pattern does not match.
    ['!keep.txt', 'other.txt', false, true],
    ['!keep.txt', 'keep.txt', false, false],
    ['!keep/', 'keep.txt', false, true],
  ];

  it.each(cases)('%j on %s (dir: %s) -> %s', (rules, path, isDir, ignored) => {
    expect(parseHelmIgnore(rules)?.ignores(path, isDir)).toBe(ignored);
  });

  it.each(['a/**/b', '[', 'a\\', '[]', '[a-]', '[z-'])('refuses %j, as Helm does', (rules) => {
    expect(parseHelmIgnore(rules)).toBeUndefined();
  });

  it('never matches a slash with * or ?', () => {
    expect(globToRegExp('a*b')?.test('a/b')).toBe(false);
    expect(globToRegExp('a?b')?.test('a/b')).toBe(false);
    expect(globToRegExp('a[^x]b')?.test('a/b')).toBe(false);
  });
});
